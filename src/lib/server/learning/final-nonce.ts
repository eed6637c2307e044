/**
 * Nonces for the final quiz page: each page view gets a fresh one, signed
 * with the server's secret and bound to the learner and course, so showing
 * the page writes nothing and a resubmitted form is recognised by its nonce.
 * The nonce also seeds the shuffle, so a reload shows the same order.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { DbClient } from '../db/client';
import { readSetting, writeSetting } from '../db/settings';
import { bytesEqual } from '../auth/tokens';

const SECRET_KEY = 'hmac_secret';
/** A final quiz page stays answerable for twelve hours. */
export const NONCE_MAX_AGE_MS = 12 * 3_600_000;

/** The server's signing secret, created once (at start) and kept in the database. */
export function ensureAppSecret(db: DbClient, now: Date = new Date()): string {
  const existing = readSetting<string>(db, SECRET_KEY);
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  writeSetting(db, SECRET_KEY, secret, now);
  return secret;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** A new nonce for a learner's final quiz page. */
export function createFinalNonce(secret: string, userId: number, courseId: string, now: Date): string {
  const issued = now.getTime().toString(36);
  const random = randomBytes(12).toString('base64url');
  return `${issued}.${random}.${sign(secret, `${userId}|${courseId}|${issued}|${random}`)}`;
}

/** True when the nonce was issued by us, for this learner and course, within its lifetime. */
export function verifyFinalNonce(secret: string, nonce: string, userId: number, courseId: string, now: Date): boolean {
  const m = /^([0-9a-z]{1,12})\.([\w-]{16})\.([\w-]{43})$/.exec(nonce);
  if (!m) return false;
  const [, issued, random, mac] = m as unknown as [string, string, string, string];
  const issuedAt = parseInt(issued, 36);
  if (!Number.isFinite(issuedAt) || now.getTime() - issuedAt > NONCE_MAX_AGE_MS || issuedAt - now.getTime() > 60_000) return false;
  const expected = sign(secret, `${userId}|${courseId}|${issued}|${random}`);
  return bytesEqual(new TextEncoder().encode(expected), new TextEncoder().encode(mac));
}
