/**
 * The second factor's life: first enrolment (a live session and a code from
 * the new key), and everything that replaces or removes it afterwards, which
 * needs the password plus the current code or an unused recovery code, so a
 * stolen session alone can neither lock the owner out nor collect bypass
 * codes. Every change is mailed to the owner. Someone who has lost both asks
 * an administrator, whose reset is audit-logged.
 */
import { findUserById, getUserRoles } from '../db/users';
import { deleteTotpCredential, findTotpCredential, saveTotpCredential } from '../db/totp';
import { verifyPassword } from '../auth/password';
import { consumeRateLimit, resetRateLimit } from '../auth/rate-limit';
import { invalidateUserSessions, markSessionTwoFactorVerified } from '../auth/session';
import { issueRecoveryCodes, matchTotpStep, useRecoveryCode, verifyUserTotp } from '../auth/totp';
import { rolesRequireSecondFactor } from '../auth/permissions';
import { secondFactorChangedMessage } from '../mail/messages';
import type { DbClient } from '../db/client';
import { audit, queueMail, type Result, type ServiceContext } from './context';

/** What proves it is the owner: the password, and the app's current code or an unused recovery code. */
export interface OwnerProof {
  password: string;
  currentCode: string;
}

export type ProofError = 'wrong_password' | 'wrong_code' | 'rate_limited';

/**
 * Checks the proof; a code is used up (TOTP step recorded, recovery code
 * spent) only when the password is right too. Counted against the same limit
 * as sign-in codes.
 */
async function checkOwnerProof(ctx: ServiceContext, userId: number, proof: OwnerProof): Promise<Result<object, ProofError>> {
  const limit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'totp.account', String(userId), ctx.now);
  if (!limit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: limit.retryAfterMs };
  const user = findUserById(ctx.db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, proof.password))) return { ok: false, error: 'wrong_password', field: 'password' };
  const code = proof.currentCode.trim();
  const ok = /^\d{3}\s?\d{3}$/.test(code) ? verifyUserTotp(ctx.db, userId, code, ctx.now) : useRecoveryCode(ctx.db, userId, code, ctx.now);
  if (!ok) {
    audit(ctx, { actorId: userId, action: 'auth.second_factor_failed', details: { purpose: 'change' } });
    return { ok: false, error: 'wrong_code', field: 'currentCode' };
  }
  resetRateLimit(ctx.db, 'totp.account', String(userId));
  return { ok: true };
}

function mailOwner(ctx: ServiceContext, tx: DbClient, userId: number, what: string): void {
  const user = findUserById(tx, userId);
  if (user) queueMail(ctx, tx, secondFactorChangedMessage(user.email, user.name, what, ctx.config.orgName, ctx.config.orgContactEmail), { kind: 'second_factor_changed', userId });
}

export type EnableTotpError = 'invalid' | 'proof_required' | ProofError;

/**
 * Turns on TOTP once the user has typed a code from the app for the key they
 * were shown; returns the recovery codes (shown once). Replacing a key that is
 * already enrolled needs the owner's proof.
 */
export async function enableTotp(ctx: ServiceContext, userId: number, sessionId: string, input: { key: Uint8Array; code: string; proof?: OwnerProof }): Promise<Result<{ recoveryCodes: string[] }, EnableTotpError>> {
  const replacing = findTotpCredential(ctx.db, userId) !== undefined;
  if (replacing && !input.proof) return { ok: false, error: 'proof_required', field: 'password' };
  // The new key's code first: it uses nothing up, so a typo there does not spend the proof.
  const step = matchTotpStep(input.key, input.code, ctx.now);
  if (step === undefined) return { ok: false, error: 'invalid', field: 'code' };
  if (replacing) {
    const proof = await checkOwnerProof(ctx, userId, input.proof!);
    if (!proof.ok) return proof;
  }
  const recoveryCodes = ctx.db.transaction((tx) => {
    saveTotpCredential(tx, userId, input.key, ctx.now, step);
    markSessionTwoFactorVerified(tx, sessionId);
    invalidateUserSessions(tx, userId, sessionId);
    const codes = issueRecoveryCodes(tx, userId);
    audit(ctx, { actorId: userId, action: replacing ? 'totp.replaced' : 'totp.enabled', targetType: 'user', targetId: userId }, tx);
    mailOwner(ctx, tx, userId, replacing ? 'todennussovellus vaihdettiin ja uudet varakoodit luotiin' : 'kaksivaiheinen tunnistautuminen otettiin käyttöön');
    return codes;
  });
  return { ok: true, recoveryCodes };
}

/** Turns TOTP off with the owner's proof; refused for roles that require it. */
export async function disableTotp(ctx: ServiceContext, userId: number, input: OwnerProof): Promise<Result<object, 'required' | ProofError>> {
  if (rolesRequireSecondFactor(getUserRoles(ctx.db, userId))) return { ok: false, error: 'required' };
  const proof = await checkOwnerProof(ctx, userId, input);
  if (!proof.ok) return proof;
  ctx.db.transaction((tx) => {
    deleteTotpCredential(tx, userId);
    audit(ctx, { actorId: userId, action: 'totp.disabled', targetType: 'user', targetId: userId }, tx);
    mailOwner(ctx, tx, userId, 'kaksivaiheinen tunnistautuminen poistettiin käytöstä');
  });
  return { ok: true };
}

/** Replaces the recovery codes with the owner's proof; the old ones stop working. */
export async function regenerateRecoveryCodes(ctx: ServiceContext, userId: number, input: OwnerProof): Promise<Result<{ recoveryCodes: string[] }, 'no_totp' | ProofError>> {
  if (!findTotpCredential(ctx.db, userId)) return { ok: false, error: 'no_totp' };
  const proof = await checkOwnerProof(ctx, userId, input);
  if (!proof.ok) return proof;
  const recoveryCodes = ctx.db.transaction((tx) => {
    const codes = issueRecoveryCodes(tx, userId);
    audit(ctx, { actorId: userId, action: 'recovery_codes.regenerated', targetType: 'user', targetId: userId }, tx);
    mailOwner(ctx, tx, userId, 'uudet varakoodit luotiin ja vanhat lakkasivat toimimasta');
    return codes;
  });
  return { ok: true, recoveryCodes };
}

/**
 * An administrator's reset for someone who has lost both the app and the
 * recovery codes: the second factor and the codes go, every session of the
 * person ends, the owner is told and the audit log names the administrator.
 * The person enrols again at their next sign-in.
 */
export function resetSecondFactorByAdmin(ctx: ServiceContext, actorId: number, userId: number): Result<object, 'not_found' | 'no_totp'> {
  if (!findUserById(ctx.db, userId)) return { ok: false, error: 'not_found' };
  if (!findTotpCredential(ctx.db, userId)) return { ok: false, error: 'no_totp' };
  ctx.db.transaction((tx) => {
    deleteTotpCredential(tx, userId);
    invalidateUserSessions(tx, userId);
    audit(ctx, { actorId, action: 'totp.reset_by_admin', targetType: 'user', targetId: userId }, tx);
    mailOwner(ctx, tx, userId, 'ylläpitäjä poisti kaksivaiheisen tunnistautumisen, ja kaikki istuntosi päätettiin; ota se uudelleen käyttöön seuraavalla kirjautumisella');
  });
  return { ok: true };
}
