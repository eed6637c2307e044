/** Data access for TOTP credentials and recovery codes. */
import { and, eq, isNull } from 'drizzle-orm';
import type { DbClient } from './client';
import { recoveryCode, totpCredential } from './schema';

export type TotpRow = typeof totpCredential.$inferSelect;

export function findTotpCredential(db: DbClient, userId: number): TotpRow | undefined {
  return db.select().from(totpCredential).where(eq(totpCredential.userId, userId)).get();
}

export function saveTotpCredential(db: DbClient, userId: number, key: Uint8Array, now: Date, step: number): void {
  db.delete(totpCredential).where(eq(totpCredential.userId, userId)).run();
  db.insert(totpCredential).values({ userId, key: Buffer.from(key), enabledAt: now, lastUsedStep: step }).run();
}

/** Records the step a code was accepted for, only if it is newer (no replay). */
export function advanceTotpStep(db: DbClient, userId: number, step: number): boolean {
  const current = findTotpCredential(db, userId);
  if (!current || step <= current.lastUsedStep) return false;
  db.update(totpCredential).set({ lastUsedStep: step }).where(eq(totpCredential.userId, userId)).run();
  return true;
}

export function deleteTotpCredential(db: DbClient, userId: number): void {
  db.delete(totpCredential).where(eq(totpCredential.userId, userId)).run();
  db.delete(recoveryCode).where(eq(recoveryCode.userId, userId)).run();
}

export function replaceRecoveryCodes(db: DbClient, userId: number, hashes: Uint8Array[]): void {
  db.delete(recoveryCode).where(eq(recoveryCode.userId, userId)).run();
  if (hashes.length) db.insert(recoveryCode).values(hashes.map((h) => ({ userId, codeHash: Buffer.from(h) }))).run();
}

export function listUnusedRecoveryCodes(db: DbClient, userId: number): (typeof recoveryCode.$inferSelect)[] {
  return db.select().from(recoveryCode).where(and(eq(recoveryCode.userId, userId), isNull(recoveryCode.usedAt))).all();
}

export function markRecoveryCodeUsed(db: DbClient, id: number, at: Date): boolean {
  return db.update(recoveryCode).set({ usedAt: at }).where(and(eq(recoveryCode.id, id), isNull(recoveryCode.usedAt))).run().changes === 1;
}
