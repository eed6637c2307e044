/**
 * Passwords: argon2id (m=19456 KiB, t=2, p=1, the OWASP minimum) through
 * @node-rs/argon2, which hashes on a worker thread so the event loop stays
 * free. Length 10–256, paste allowed, no composition rules, and a bundled list
 * of common passwords is refused. Never call these inside a transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  const file = path.resolve(process.cwd(), 'src/lib/server/auth/common-passwords.txt');
  const list = fs.readFileSync(file, 'utf8').split('\n');
  commonPasswords = new Set(list.map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  return commonPasswords;
}

/** True when the password (case-insensitively) is on the bundled list of common passwords. */
export function isCommonPassword(password: string): boolean {
  return loadCommonPasswords().has(password.trim().toLowerCase());
}

/** Returns what is wrong with a new password, or null when it is acceptable. */
export function checkPasswordPolicy(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (isCommonPassword(password)) return 'common';
  return null;
}

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Verifies a password against an argon2id hash; false (never throws) on a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random password with the same parameters, verified when the
 * email is unknown so that a login for an unknown address takes as long as
 * one for a known address.
 */
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}
