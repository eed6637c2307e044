/**
 * Forgotten password: a link by email (single use, 1 h). The answer is the
 * same whether or not the address has an account. A reset ends every session
 * of the user and every other reset link.
 */
import { getUserRoles, findUserByEmail, findUserById, normaliseEmail, updateUser } from '../db/users';
import { invalidateUserTokens } from '../db/tokens';
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from '../auth/password';
import { consumeRateLimit } from '../auth/rate-limit';
import { invalidateUserSessions } from '../auth/session';
import { passwordChangedNoticeMessage, passwordResetMessage, resetWithoutAccountMessage } from '../mail/messages';
import { parseSplitToken } from '../auth/tokens';
import { consumeOneTimeToken, issueOneTimeToken, type TokenProblem } from './one-time-token';
import { audit, queueMail, siteLink, type Result, type ServiceContext } from './context';
import type { Role } from '../auth/types';

export type ResetRequestError = 'rate_limited';

/**
 * Queues a reset link when the address has an enabled account, and a "there
 * is no account here" note when it has not: either way one message goes into
 * the outbox and nothing waits for SMTP, so neither the answer nor its timing
 * tells the two apart.
 */
export async function requestPasswordReset(ctx: ServiceContext, input: { email: string; onlyRoles?: readonly Role[] }, actorId?: number): Promise<Result<object, ResetRequestError>> {
  const email = normaliseEmail(input.email);
  if (actorId === undefined) {
    const ipLimit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'reset.ip', ctx.ip, ctx.now);
    if (!ipLimit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: ipLimit.retryAfterMs };
    const accountLimit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'reset.account', email, ctx.now);
    if (!accountLimit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: accountLimit.retryAfterMs };
  }
  const user = findUserByEmail(ctx.db, email);
  // An owned domain: only these roles have a password here; for anyone else nothing is sent, and the caller answers the same.
  if (input.onlyRoles && !(user && !user.disabledAt && getUserRoles(ctx.db, user.id).some((r) => input.onlyRoles!.includes(r)))) return { ok: true };
  if (!user || user.disabledAt) {
    queueMail(ctx, ctx.db, resetWithoutAccountMessage(email, siteLink(ctx.config, '/rekisteroidy'), ctx.config.orgName, ctx.config.orgContactEmail), { kind: 'password_reset_no_account' });
    return { ok: true };
  }
  ctx.db.transaction((tx) => {
    const token = issueOneTimeToken(tx, 'password_reset', { email: user.email, userId: user.id, createdBy: actorId ?? null }, ctx.now);
    const message = passwordResetMessage(user.email, siteLink(ctx.config, `/salasana/uusi/${token}`), ctx.config.orgName);
    queueMail(ctx, tx, message, { kind: 'password_reset', userId: user.id, tokenId: parseSplitToken(token)!.id });
    audit(ctx, { actorId: actorId ?? user.id, action: 'password.reset_requested', targetType: 'user', targetId: user.id }, tx);
  });
  return { ok: true };
}

export type ResetError = TokenProblem | PasswordProblem;

/** Sets a new password from a reset link. */
export async function resetPassword(ctx: ServiceContext, input: { token: string; password: string }): Promise<Result<{ userId: number }, ResetError>> {
  const problem = checkPasswordPolicy(input.password);
  if (problem) return { ok: false, error: problem, field: 'password' };
  const passwordHash = await hashPassword(input.password);
  const result = ctx.db.transaction((tx) => {
    const used = consumeOneTimeToken(tx, 'password_reset', input.token, ctx.now);
    if (!used.ok) return used;
    const userId = used.row.userId!;
    updateUser(tx, userId, { passwordHash });
    invalidateUserSessions(tx, userId);
    invalidateUserTokens(tx, userId, 'password_reset', ctx.now);
    const user = findUserById(tx, userId);
    if (user) queueMail(ctx, tx, passwordChangedNoticeMessage(user.email, user.name, ctx.config.orgName, ctx.config.orgContactEmail), { kind: 'password_changed', userId });
    return { ok: true as const, userId };
  });
  if (result.ok) audit(ctx, { actorId: result.userId, action: 'password.reset', targetType: 'user', targetId: result.userId });
  return result;
}
