/**
 * Attendance at live sessions, recorded with who marked it and when: the
 * trainer's roll call (one tap per person; walk-ins by e-mail), or the
 * attendee's own check-in with the short code the trainer shows in the room
 * during the session. A walk-in without an account is kept by address and
 * becomes theirs when an account with that address is created.
 */
import { createHmac } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { SessionUser } from '../auth/types';
import type { RateLimitRules } from '../auth/rate-limit-rules';
import { consumeRateLimit } from '../auth/rate-limit';
import type { DbClient } from '../db/client';
import { appendAuditEvent } from '../db/audit';
import { findLiveSession, findRegistration, upsertRegistration, type LiveSessionRow } from '../db/live-sessions';
import { liveRegistration, liveWalkIn } from '../db/schema';
import { findUserByEmail, normaliseEmail } from '../db/users';
import { CODE_ALPHABET } from '../certificates/code';
import { canManageSession } from './sessions';
import { newCalendarUid, type LiveContext } from './registration';

/** The roll call opens an hour before the start and stays open for corrections for 30 days after the end. */
const ROLL_CALL_OPENS_MS = 60 * 60_000;
const ROLL_CALL_CLOSES_MS = 30 * 86_400_000;
/** The check-in code works from 15 minutes before the start until the end. */
const CHECK_IN_OPENS_MS = 15 * 60_000;
export const CHECK_IN_CODE_LENGTH = 6;

/**
 * Re-evaluates a course's completion rule for a person inside the
 * attendance transaction (courses that require a live session complete the
 * moment attendance is recorded). The caller knows the catalog and issuer.
 */
export type SettleCourse = (tx: DbClient, courseId: string, userId: number) => void;

export type AttendanceError = 'not_found' | 'not_open' | 'not_registered' | 'email' | 'code' | 'rate_limited' | 'cancelled';
export type AttendanceOutcome<T = object> = { ok: true; value: T } | { ok: false; error: AttendanceError; retryAfterMs?: number };

/** True while the trainer may take or correct the roll call. */
export function isRollCallOpen(session: Pick<LiveSessionRow, 'startsAt' | 'endsAt' | 'cancelledAt'>, now: Date): boolean {
  const t = now.getTime();
  return !session.cancelledAt && t >= session.startsAt.getTime() - ROLL_CALL_OPENS_MS && t <= session.endsAt.getTime() + ROLL_CALL_CLOSES_MS;
}

/** True while the check-in code is accepted. */
export function isCheckInOpen(session: Pick<LiveSessionRow, 'startsAt' | 'endsAt' | 'cancelledAt'>, now: Date): boolean {
  const t = now.getTime();
  return !session.cancelledAt && t >= session.startsAt.getTime() - CHECK_IN_OPENS_MS && t <= session.endsAt.getTime();
}

/**
 * The session's check-in code: derived from the server's secret and the
 * session, so it needs no storage and is the same on every screen. Six
 * characters from the certificate alphabet (no 0/O, 1/I look-alikes).
 */
export function checkInCode(secret: string, sessionId: number): string {
  const mac = createHmac('sha256', secret).update(`live-check-in|${sessionId}`).digest();
  let code = '';
  for (let i = 0; code.length < CHECK_IN_CODE_LENGTH; i += 1) code += CODE_ALPHABET[mac[i]! % CODE_ALPHABET.length];
  return code;
}

/** A typed code in the form it is compared: upper case, without spaces or dashes. */
export function normaliseCheckInCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}

function record(tx: DbClient, registrationId: number, attended: boolean, markedBy: number, now: Date): void {
  tx.update(liveRegistration)
    .set(attended ? { attendedAt: now, attendanceMarkedBy: markedBy, updatedAt: now } : { attendedAt: null, attendanceMarkedBy: markedBy, updatedAt: now })
    .where(eq(liveRegistration.id, registrationId))
    .run();
}

/** The trainer marks one registered (or waiting) person present or absent. */
export function markAttendance(ctx: LiveContext & { settle?: SettleCourse }, actor: SessionUser, sessionId: number, userId: number, attended: boolean): AttendanceOutcome {
  return ctx.db.transaction((tx): AttendanceOutcome => {
    const session = findLiveSession(tx, sessionId);
    if (!session || !canManageSession(actor, session)) return { ok: false, error: 'not_found' };
    if (!isRollCallOpen(session, ctx.now)) return { ok: false, error: 'not_open' };
    const registration = findRegistration(tx, sessionId, userId);
    if (!registration || registration.status === 'cancelled') return { ok: false, error: 'not_registered' };
    record(tx, registration.id, attended, actor.id, ctx.now);
    if (attended && session.courseId) ctx.settle?.(tx, session.courseId, userId);
    appendAuditEvent(tx, { actorId: actor.id, action: attended ? 'live.attended' : 'live.attendance_removed', targetType: 'user', targetId: userId, ip: ctx.ip, details: { sessionId } }, ctx.now);
    return { ok: true, value: {} };
  });
}

/**
 * A walk-in: someone who came without registering. With an account they are
 * registered and marked present at once; without one, the address is kept
 * until an account with it is created.
 */
export function markWalkIn(ctx: LiveContext & { settle?: SettleCourse }, actor: SessionUser, sessionId: number, rawEmail: string): AttendanceOutcome<{ hasAccount: boolean }> {
  const email = normaliseEmail(rawEmail);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) return { ok: false, error: 'email' };
  return ctx.db.transaction((tx): AttendanceOutcome<{ hasAccount: boolean }> => {
    const session = findLiveSession(tx, sessionId);
    if (!session || !canManageSession(actor, session)) return { ok: false, error: 'not_found' };
    if (!isRollCallOpen(session, ctx.now)) return { ok: false, error: 'not_open' };
    const person = findUserByEmail(tx, email);
    if (person && !person.erasedAt) {
      const existing = findRegistration(tx, sessionId, person.id);
      if (!existing || existing.status === 'cancelled') upsertRegistration(tx, { sessionId, userId: person.id, status: 'registered', uid: existing?.uid ?? newCalendarUid(ctx.config.siteUrl) }, ctx.now);
      record(tx, findRegistration(tx, sessionId, person.id)!.id, true, actor.id, ctx.now);
      if (session.courseId) ctx.settle?.(tx, session.courseId, person.id);
      appendAuditEvent(tx, { actorId: actor.id, action: 'live.attended', targetType: 'user', targetId: person.id, ip: ctx.ip, details: { sessionId, walkIn: true } }, ctx.now);
      return { ok: true, value: { hasAccount: true } };
    }
    tx.insert(liveWalkIn).values({ sessionId, email, markedBy: actor.id, markedAt: ctx.now }).onConflictDoNothing().run();
    appendAuditEvent(tx, { actorId: actor.id, action: 'live.walk_in', targetType: 'live_session', targetId: sessionId, ip: ctx.ip }, ctx.now);
    return { ok: true, value: { hasAccount: false } };
  });
}

/** The attendee checks in with the code shown in the room. */
export function checkIn(ctx: LiveContext & { rateLimits: RateLimitRules; secret: string; settle?: SettleCourse }, actor: SessionUser, sessionId: number, typed: string): AttendanceOutcome {
  return ctx.db.transaction((tx): AttendanceOutcome => {
    const session = findLiveSession(tx, sessionId);
    const registration = session ? findRegistration(tx, sessionId, actor.id) : undefined;
    if (!session || !registration || registration.status === 'cancelled') return { ok: false, error: session?.cancelledAt ? 'cancelled' : 'not_registered' };
    if (!isCheckInOpen(session, ctx.now)) return { ok: false, error: 'not_open' };
    if (normaliseCheckInCode(typed) !== checkInCode(ctx.secret, sessionId)) {
      const limit = consumeRateLimit(tx, ctx.rateLimits, 'checkin.account', String(actor.id), ctx.now);
      return limit.allowed ? { ok: false, error: 'code' } : { ok: false, error: 'rate_limited', retryAfterMs: limit.retryAfterMs };
    }
    if (!registration.attendedAt) {
      record(tx, registration.id, true, actor.id, ctx.now);
      if (session.courseId) ctx.settle?.(tx, session.courseId, actor.id);
    }
    return { ok: true, value: {} };
  });
}

/**
 * Gives a new account the walk-in attendance kept for its address. Call it in
 * the transaction that creates the account.
 */
export function claimWalkIns(tx: DbClient, userId: number, email: string, siteUrl: string, now: Date): number {
  const pending = tx
    .select()
    .from(liveWalkIn)
    .where(and(eq(liveWalkIn.email, normaliseEmail(email)), isNull(liveWalkIn.claimedBy)))
    .all();
  for (const walkIn of pending) {
    const existing = findRegistration(tx, walkIn.sessionId, userId);
    if (!existing) upsertRegistration(tx, { sessionId: walkIn.sessionId, userId, status: 'registered', uid: newCalendarUid(siteUrl) }, now);
    const registration = findRegistration(tx, walkIn.sessionId, userId)!;
    tx.update(liveRegistration)
      .set({ status: 'registered', attendedAt: walkIn.markedAt, attendanceMarkedBy: walkIn.markedBy, updatedAt: now })
      .where(eq(liveRegistration.id, registration.id))
      .run();
    tx.update(liveWalkIn).set({ claimedBy: userId, claimedAt: now }).where(eq(liveWalkIn.id, walkIn.id)).run();
  }
  return pending.length;
}
