/** Data access for single-use emailed links. */
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { DbClient } from './client';
import { oneTimeToken, type TokenKind } from './schema';

export type OneTimeTokenRow = typeof oneTimeToken.$inferSelect;

export function insertOneTimeToken(db: DbClient, row: typeof oneTimeToken.$inferInsert): void {
  db.insert(oneTimeToken).values(row).run();
}

export function findOneTimeToken(db: DbClient, id: string): OneTimeTokenRow | undefined {
  return db.select().from(oneTimeToken).where(eq(oneTimeToken.id, id)).get();
}

/** Marks a token used; returns false when it was already used (a concurrent second use). */
export function markOneTimeTokenUsed(db: DbClient, id: string, at: Date): boolean {
  return db.update(oneTimeToken).set({ usedAt: at }).where(and(eq(oneTimeToken.id, id), isNull(oneTimeToken.usedAt))).run().changes === 1;
}

/** Invalidates every unused token of a kind for a user (e.g. other reset links after a reset). */
export function invalidateUserTokens(db: DbClient, userId: number, kind: TokenKind, at: Date): void {
  db.update(oneTimeToken)
    .set({ usedAt: at })
    .where(and(eq(oneTimeToken.userId, userId), eq(oneTimeToken.kind, kind), isNull(oneTimeToken.usedAt)))
    .run();
}

/** Invalidates unused tokens of a kind sent to an email address (e.g. an earlier invitation). */
export function invalidateEmailTokens(db: DbClient, email: string, kind: TokenKind, at: Date): void {
  db.update(oneTimeToken)
    .set({ usedAt: at })
    .where(and(eq(oneTimeToken.email, email), eq(oneTimeToken.kind, kind), isNull(oneTimeToken.usedAt)))
    .run();
}

/** Deletes tokens that expired before `before`; returns how many. */
export function deleteExpiredTokens(db: DbClient, before: Date): number {
  return db.delete(oneTimeToken).where(lt(oneTimeToken.expiresAt, before)).run().changes;
}
