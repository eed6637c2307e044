/**
 * Signing in: per-IP and per-account limits, one argon2 verification whether
 * or not the address is known (so neither the answer nor its timing tells
 * which addresses have accounts), a new session at every login, and the
 * second factor when the user has one.
 */
import { findUserByEmail, getUserRoles, normaliseEmail, updateUser } from '../db/users';
import { findTotpCredential } from '../db/totp';
import { consumeRateLimit, peekRateLimit, resetRateLimit } from '../auth/rate-limit';
import { getDummyHash, verifyPassword } from '../auth/password';
import { createSession, markSessionTwoFactorVerified } from '../auth/session';
import { rolesRequireSecondFactor } from '../auth/permissions';
import { useRecoveryCode, verifyUserTotp } from '../auth/totp';
import type { SessionInfo } from '../auth/types';
import { audit, type Result, type ServiceContext } from './context';
import type { Role } from '../auth/types';

export interface LoginDeps {
  verifyPassword: (hash: string, password: string) => Promise<boolean>;
}

export type LoginError = 'invalid' | 'rate_limited';

export interface LoginSuccess {
  token: string;
  session: SessionInfo;
  userId: number;
  /** The user has a second factor: the session is not usable until a code is entered. */
  needsSecondFactor: boolean;
  /** The user's roles require a second factor they have not enrolled yet. */
  mustEnrolSecondFactor: boolean;
}

/** Checks the credentials and opens a session. */
export async function login(
  ctx: ServiceContext,
  input: {
    email: string;
    password: string;
    userAgent?: string | null;
    /** Only these roles may sign in with a password (an owned domain keeps it for administrators); anyone else fails like a wrong password. */
    onlyRoles?: readonly Role[];
  },
  deps: LoginDeps = { verifyPassword },
): Promise<Result<LoginSuccess, LoginError>> {
  const email = normaliseEmail(input.email);
  const ipLimit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'login.ip', ctx.ip, ctx.now);
  if (!ipLimit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: ipLimit.retryAfterMs };
  const accountLimit = peekRateLimit(ctx.db, ctx.config.rateLimits, 'login.account', email, ctx.now);
  if (!accountLimit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: accountLimit.retryAfterMs };

  const user = findUserByEmail(ctx.db, email);
  const passwordOk = await deps.verifyPassword(user ? user.passwordHash : await getDummyHash(), input.password);
  if (!user || !passwordOk || user.disabledAt) {
    // The failure's counter and its audit entry commit together: one fsync.
    ctx.db.transaction((tx) => {
      consumeRateLimit(tx, ctx.config.rateLimits, 'login.account', email, ctx.now);
      audit(ctx, { actorId: user?.id ?? null, action: 'auth.login_failed', details: { reason: !user ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'disabled' } }, tx);
    });
    return { ok: false, error: 'invalid' };
  }

  const roles = getUserRoles(ctx.db, user.id);
  if (input.onlyRoles && !roles.some((r) => input.onlyRoles!.includes(r))) {
    ctx.db.transaction((tx) => {
      consumeRateLimit(tx, ctx.config.rateLimits, 'login.account', email, ctx.now);
      audit(ctx, { actorId: user.id, action: 'auth.login_failed', details: { reason: 'password_off' } }, tx);
    });
    return { ok: false, error: 'invalid' };
  }
  const hasTotp = findTotpCredential(ctx.db, user.id) !== undefined;
  // Everything a successful sign-in writes, in one transaction (it was four, each with its own fsync,
  // which held a morning's rush of sign-ins up behind the disk). The per-address counter above stays
  // before argon2, so a burst from one address cannot buy password checks beyond its limit.
  const created = ctx.db.transaction((tx) => {
    resetRateLimit(tx, 'login.account', email);
    updateUser(tx, user.id, { lastLoginAt: ctx.now, inactivityWarnedAt: null });
    const session = createSession(tx, { id: user.id, name: user.name, email: user.email, roles }, { twoFactorVerified: !hasTotp, userAgent: input.userAgent }, ctx.config.sessionTimeouts, ctx.now);
    audit(ctx, { actorId: user.id, action: hasTotp ? 'auth.password_ok' : 'auth.login' }, tx);
    return session;
  });
  return {
    ok: true,
    token: created.token,
    session: created.session,
    userId: user.id,
    needsSecondFactor: hasTotp,
    mustEnrolSecondFactor: !hasTotp && rolesRequireSecondFactor(roles),
  };
}

export type SecondFactorError = 'invalid' | 'rate_limited';

/** Completes a login with a TOTP code or a recovery code. */
export function verifyLoginSecondFactor(ctx: ServiceContext, session: SessionInfo, input: { code: string }): Result<{ usedRecoveryCode: boolean }, SecondFactorError> {
  const limit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'totp.account', String(session.userId), ctx.now);
  if (!limit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: limit.retryAfterMs };
  const code = input.code.trim();
  const isTotp = /^\d{3}\s?\d{3}$/.test(code);
  const ok = isTotp ? verifyUserTotp(ctx.db, session.userId, code, ctx.now) : useRecoveryCode(ctx.db, session.userId, code, ctx.now);
  if (!ok) {
    audit(ctx, { actorId: session.userId, action: 'auth.second_factor_failed' });
    return { ok: false, error: 'invalid', field: 'code' };
  }
  markSessionTwoFactorVerified(ctx.db, session.id);
  resetRateLimit(ctx.db, 'totp.account', String(session.userId));
  audit(ctx, { actorId: session.userId, action: 'auth.login', details: { secondFactor: isTotp ? 'totp' : 'recovery_code' } });
  return { ok: true, usedRecoveryCode: !isTotp };
}
