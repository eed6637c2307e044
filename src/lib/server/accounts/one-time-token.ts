/**
 * Single-use emailed links (registration, invitation, password reset, email
 * change). Like sessions: the link carries `<id>.<secret>`, the database the
 * SHA-256 of the secret. Opening a link only shows a page; the token is used
 * by the POST that page makes, so mail scanners that follow links use nothing.
 */
import type { DbClient } from '../db/client';
import { findOneTimeToken, insertOneTimeToken, markOneTimeTokenUsed, type OneTimeTokenRow } from '../db/tokens';
import type { TokenKind } from '../db/schema';
import { createSplitToken, parseSplitToken, verifySecret } from '../auth/tokens';

export const TOKEN_LIFETIMES: Record<TokenKind, number> = {
  registration: 24 * 3_600_000,
  invitation: 7 * 86_400_000,
  password_reset: 3_600_000,
  email_change: 24 * 3_600_000,
  // The follow-up question is answered at leisure: the link works for 60 days.
  follow_up: 60 * 86_400_000,
};

/** Creates a token and returns what goes into the link. */
export function issueOneTimeToken(
  db: DbClient,
  kind: TokenKind,
  input: { email: string; userId?: number | null; payload?: Record<string, unknown>; createdBy?: number | null },
  now: Date,
): string {
  const token = createSplitToken();
  insertOneTimeToken(db, {
    id: token.id,
    kind,
    secretHash: Buffer.from(token.secretHash),
    userId: input.userId ?? null,
    email: input.email,
    payload: input.payload ?? {},
    createdBy: input.createdBy ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIMES[kind]),
  });
  return token.token;
}

export type TokenProblem = 'invalid' | 'expired' | 'used';

/** Looks a token up without using it (to show the page the link opens). */
export function inspectOneTimeToken(db: DbClient, kind: TokenKind, token: string, now: Date): { ok: true; row: OneTimeTokenRow } | { ok: false; error: TokenProblem } {
  const parsed = parseSplitToken(token);
  if (!parsed) return { ok: false, error: 'invalid' };
  const row = findOneTimeToken(db, parsed.id);
  if (!row || row.kind !== kind || !verifySecret(parsed.secret, new Uint8Array(row.secretHash))) return { ok: false, error: 'invalid' };
  if (row.usedAt) return { ok: false, error: 'used' };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, error: 'expired' };
  return { ok: true, row };
}

/**
 * Uses a token inside the caller's transaction: checks it and marks it used,
 * so that two concurrent uses cannot both succeed.
 */
export function consumeOneTimeToken(db: DbClient, kind: TokenKind, token: string, now: Date): { ok: true; row: OneTimeTokenRow } | { ok: false; error: TokenProblem } {
  const inspected = inspectOneTimeToken(db, kind, token, now);
  if (!inspected.ok) return inspected;
  if (!markOneTimeTokenUsed(db, inspected.row.id, now)) return { ok: false, error: 'used' };
  return inspected;
}
