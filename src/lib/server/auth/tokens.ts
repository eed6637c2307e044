/**
 * Security primitives for sessions and emailed links: random strings from the
 * CSPRNG, SHA-256 of secrets, constant-time comparison, and the split
 * `<id>.<secret>` token of the Lucia guide (look up by id, compare the
 * secret's hash in constant time; the database never holds a usable token).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random lowercase base32 string carrying `bytes * 8` bits. */
export function generateRandomString(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

/** SHA-256 of a secret string (UTF-8). */
export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/**
 * Compares two byte arrays in constant time (for equal lengths). Different
 * lengths are unequal without a timing-sensitive comparison.
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return constantTimeEqual(a, b);
}

/** Compares two strings in constant time by comparing their SHA-256 digests. */
export function stringsEqual(a: string, b: string): boolean {
  return bytesEqual(hashSecret(a), hashSecret(b));
}

/** Identifier bytes (120 bits) and secret bytes (200 bits) of a split token. */
const ID_BYTES = 15;
const SECRET_BYTES = 25;
const ID_LENGTH = Math.ceil((ID_BYTES * 8) / 5);
const SECRET_LENGTH = Math.ceil((SECRET_BYTES * 8) / 5);
const TOKEN_PATTERN = new RegExp(`^([a-z2-7]{${ID_LENGTH}})\\.([a-z2-7]{${SECRET_LENGTH}})$`);

export interface SplitToken {
  id: string;
  secret: string;
  /** What the client holds: `<id>.<secret>`. */
  token: string;
  /** What the database holds. */
  secretHash: Uint8Array;
}

/** Creates a new `<id>.<secret>` token with 320 random bits in all. */
export function createSplitToken(): SplitToken {
  const id = generateRandomString(ID_BYTES);
  const secret = generateRandomString(SECRET_BYTES);
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** Splits a token into id and secret; null when it is not well formed. */
export function parseSplitToken(token: string | undefined | null): { id: string; secret: string } | null {
  if (!token) return null;
  const m = TOKEN_PATTERN.exec(token);
  if (!m) return null;
  return { id: m[1]!, secret: m[2]! };
}

/** True when `secret` hashes to `storedHash`, compared in constant time. */
export function verifySecret(secret: string, storedHash: Uint8Array): boolean {
  return bytesEqual(hashSecret(secret), storedHash);
}
