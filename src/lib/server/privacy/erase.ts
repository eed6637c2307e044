/**
 * "Poista tilini": erases a person's identity and keeps anonymous counts.
 * Name and email are replaced, private answers, sessions, codes and links
 * deleted, certificates revoked with the reason "tili poistettu" and their
 * holder name removed; learning records stay under the now anonymous id.
 * With `secure_delete` on and a WAL checkpoint afterwards, the old name and
 * email are gone from the database file, `-wal` and `-shm`. Backups keep them
 * until they rotate out.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, like, or, sql } from 'drizzle-orm';
import type { DatabaseHandle, DbClient } from '../db/client';
import * as t from '../db/schema';
import { findUserById, setUserRoles } from '../db/users';
import { eraseCertificateHolder } from '../db/certificates';
import { endActiveMembership } from '../db/memberships';
import { appendAuditEvent } from '../db/audit';
import { deleteOutboxForPerson } from '../db/mail-outbox';
import { detachImpactAnswers } from '../db/impact';
import { verifyPassword } from '../auth/password';

export const ERASED_NAME = 'Poistettu käyttäjä';
export const ERASED_REASON = 'tili poistettu';

export type EraseError = 'not_found' | 'last_admin';

/** The database part of erasure, in one transaction. */
export function eraseUserRecords(db: DbClient, userId: number, actorId: number | null, now: Date): { ok: true; email: string } | { ok: false; error: EraseError } {
  const user = findUserById(db, userId);
  if (!user || user.erasedAt) return { ok: false, error: 'not_found' };
  const email = user.email;
  const isAdmin = db.select().from(t.userRole).where(and(eq(t.userRole.userId, userId), eq(t.userRole.role, 'admin'))).get();
  if (isAdmin) {
    const otherAdmins = db
      .select({ n: sql<number>`count(*)` })
      .from(t.userRole)
      .innerJoin(t.user, eq(t.user.id, t.userRole.userId))
      .where(and(eq(t.userRole.role, 'admin'), sql`${t.user.id} <> ${userId}`, sql`${t.user.disabledAt} IS NULL`))
      .get()!.n;
    if (otherAdmins === 0) return { ok: false, error: 'last_admin' };
  }
  db.update(t.user)
    .set({ name: ERASED_NAME, email: `poistettu-${userId}@poistettu.invalid`, passwordHash: '!', subjectId: `urn:uuid:${randomUUID()}`, disabledAt: now, erasedAt: now, inactivityWarnedAt: null })
    .where(eq(t.user.id, userId))
    .run();
  setUserRoles(db, userId, ['learner']);
  // The person is gone from every unit from now on; dated history (and anonymous counts) stays.
  endActiveMembership(db, userId, now);
  db.delete(t.managerScope).where(eq(t.managerScope.userId, userId)).run();
  db.delete(t.courseTrainer).where(eq(t.courseTrainer.userId, userId)).run();
  db.delete(t.invitationUpload).where(eq(t.invitationUpload.userId, userId)).run();
  db.delete(t.session).where(eq(t.session.userId, userId)).run();
  db.delete(t.totpCredential).where(eq(t.totpCredential.userId, userId)).run();
  db.delete(t.recoveryCode).where(eq(t.recoveryCode.userId, userId)).run();
  db.delete(t.userIdentity).where(eq(t.userIdentity.userId, userId)).run();
  db.delete(t.scimUser).where(eq(t.scimUser.userId, userId)).run();
  db.delete(t.reflection).where(eq(t.reflection.userId, userId)).run();
  db.delete(t.liveWalkIn).where(eq(t.liveWalkIn.email, email)).run();
  // Feedback and follow-up answers stay as anonymous answers.
  detachImpactAnswers(db, userId);
  // Places in sessions still to come are given up; attendance already recorded stays, under the anonymous id.
  db.update(t.liveRegistration)
    .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
    .where(and(eq(t.liveRegistration.userId, userId), sql`${t.liveRegistration.status} <> 'cancelled'`, sql`${t.liveRegistration.sessionId} IN (SELECT id FROM live_session WHERE starts_at > ${now.getTime()})`))
    .run();
  deleteOutboxForPerson(db, userId, email);
  db.delete(t.oneTimeToken).where(or(eq(t.oneTimeToken.userId, userId), eq(t.oneTimeToken.email, email))).run();
  // Counters keyed by the address (failed logins, resets, sign-ups).
  db.delete(t.rateLimit).where(like(t.rateLimit.key, `%:${email.replace(/[%_\\]/g, '')}`)).run();
  eraseCertificateHolder(db, userId, ERASED_NAME, ERASED_REASON, now);
  appendAuditEvent(db, { actorId, action: 'user.erased', targetType: 'user', targetId: userId }, now);
  return { ok: true, email };
}

/** Removes outbox messages addressed to an email (laptop installs keep mail there). */
export function deleteOutboxMailTo(outboxDir: string, email: string): number {
  if (!fs.existsSync(outboxDir)) return 0;
  let removed = 0;
  const needle = email.toLowerCase();
  for (const name of fs.readdirSync(outboxDir)) {
    const file = path.join(outboxDir, name);
    if (!name.endsWith('.eml')) continue;
    if (fs.readFileSync(file, 'utf8').toLowerCase().includes(needle)) {
      fs.rmSync(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}

/**
 * Erases an account: the records, then a WAL checkpoint so no copy of the
 * old values stays in `-wal`, then outbox mail to the old address.
 */
export function eraseAccount(handle: DatabaseHandle, userId: number, actorId: number | null, outboxDir: string, now: Date): { ok: true } | { ok: false; error: EraseError } {
  const result = handle.db.transaction((tx) => eraseUserRecords(tx, userId, actorId, now));
  if (!result.ok) return result;
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  deleteOutboxMailTo(outboxDir, result.email);
  return { ok: true };
}


export type DeleteOwnAccountError = 'wrong_password' | EraseError;

/**
 * "Poista tilini" for the signed-in person: the password confirms it is
 * really them, then the account is erased. The last administrator cannot
 * leave the service without one.
 */
export async function deleteOwnAccount(
  handle: DatabaseHandle,
  input: { userId: number; password: string; outboxDir: string; now: Date },
): Promise<{ ok: true } | { ok: false; error: DeleteOwnAccountError }> {
  const user = findUserById(handle.db, input.userId);
  if (!user || user.erasedAt) return { ok: false, error: 'not_found' };
  if (!(await verifyPassword(user.passwordHash, input.password))) return { ok: false, error: 'wrong_password' };
  return eraseAccount(handle, input.userId, input.userId, input.outboxDir, input.now);
}
