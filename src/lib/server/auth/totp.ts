/**
 * Second factor: TOTP (RFC 6238, 30-second steps, 6 digits) with
 * `@oslojs/otp`, an injected clock, one step of drift either way and no code
 * accepted twice; recovery codes shown once and stored as SHA-256 hashes.
 */
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { DbClient } from '../db/client';
import { advanceTotpStep, findTotpCredential, listUnusedRecoveryCodes, markRecoveryCodeUsed, replaceRecoveryCodes } from '../db/totp';
import { bytesEqual, generateRandomString, hashSecret } from './tokens';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

/** A new 20-byte TOTP key. */
export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpKeyUri(issuer: string, accountName: string, key: Uint8Array): string {
  return createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The key as base32 in groups of four, for typing it in by hand. */
export function formatTotpKey(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})/g, '$1 ').trim();
}

/** The 30-second step that contains `now`. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a step (tests use this as the authenticator app). */
export function totpCodeAt(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/**
 * Finds the step (now, one before, one after) whose code matches; undefined
 * when none does. Does not check for reuse.
 */
export function matchTotpStep(key: Uint8Array, code: string, now: Date): number | undefined {
  const normalised = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(normalised)) return undefined;
  const step = totpStep(now);
  for (const candidate of [step, step - 1, step + 1]) {
    if (bytesEqual(new TextEncoder().encode(totpCodeAt(key, candidate)), new TextEncoder().encode(normalised))) return candidate;
  }
  return undefined;
}

/** Verifies a user's TOTP code and records its step so it cannot be replayed. */
export function verifyUserTotp(db: DbClient, userId: number, code: string, now: Date): boolean {
  const credential = findTotpCredential(db, userId);
  if (!credential) return false;
  const step = matchTotpStep(new Uint8Array(credential.key), code, now);
  if (step === undefined) return false;
  return advanceTotpStep(db, userId, step);
}

/** Creates a fresh set of recovery codes, stores their hashes and returns the codes (shown once). */
export function issueRecoveryCodes(db: DbClient, userId: number): string[] {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = generateRandomString(10).slice(0, 16);
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
  });
  replaceRecoveryCodes(db, userId, codes.map((c) => hashSecret(normaliseRecoveryCode(c))));
  return codes;
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z2-7]/g, '');
}

/** Uses a recovery code once; true when it matched an unused code. */
export function useRecoveryCode(db: DbClient, userId: number, code: string, now: Date): boolean {
  const hash = hashSecret(normaliseRecoveryCode(code));
  for (const row of listUnusedRecoveryCodes(db, userId)) {
    if (bytesEqual(hash, new Uint8Array(row.codeHash))) return markRecoveryCodeUsed(db, row.id, now);
  }
  return false;
}
