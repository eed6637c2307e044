/**
 * What a signed-in user changes about themselves: name, password, email
 * (confirmed through the new address), second factor and sessions.
 */
import { hasHiddenCharacters, normaliseName } from '../../names';
import { findUserByEmail, findUserById, normaliseEmail, updateUser } from '../db/users';
import { invalidateEmailTokens, invalidateUserTokens } from '../db/tokens';
import { deleteSession, findSessionWithUser } from '../db/sessions';
import { checkPasswordPolicy, hashPassword, verifyPassword, type PasswordProblem } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { emailChangedNoticeMessage, emailChangeMessage, passwordChangedNoticeMessage } from '../mail/messages';
import { consumeOneTimeToken, issueOneTimeToken, type TokenProblem } from './one-time-token';
import { parseSplitToken } from '../auth/tokens';
import { audit, queueMail, siteLink, type Result, type ServiceContext } from './context';

// The second factor has its own module; these names stay importable from here.
export { disableTotp, enableTotp, regenerateRecoveryCodes } from './second-factor';

export function changeName(ctx: ServiceContext, userId: number, name: string): Result<object, 'name' | 'name_characters'> {
  const trimmed = normaliseName(name);
  if (trimmed.length < 1 || trimmed.length > 120) return { ok: false, error: 'name', field: 'name' };
  if (hasHiddenCharacters(trimmed)) return { ok: false, error: 'name_characters', field: 'name' };
  updateUser(ctx.db, userId, { name: trimmed });
  audit(ctx, { actorId: userId, action: 'user.name_changed', targetType: 'user', targetId: userId });
  return { ok: true };
}

export type ChangePasswordError = 'wrong_password' | PasswordProblem;

/** Changes the password after checking the current one; every other session ends. */
export async function changePassword(ctx: ServiceContext, userId: number, sessionId: string, input: { current: string; password: string }): Promise<Result<object, ChangePasswordError>> {
  const user = findUserById(ctx.db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.current))) return { ok: false, error: 'wrong_password', field: 'current' };
  const problem = checkPasswordPolicy(input.password);
  if (problem) return { ok: false, error: problem, field: 'password' };
  const passwordHash = await hashPassword(input.password);
  ctx.db.transaction((tx) => {
    updateUser(tx, userId, { passwordHash });
    invalidateUserSessions(tx, userId, sessionId);
    invalidateUserTokens(tx, userId, 'password_reset', ctx.now);
    queueMail(ctx, tx, passwordChangedNoticeMessage(user.email, user.name, ctx.config.orgName, ctx.config.orgContactEmail), { kind: 'password_changed', userId });
    audit(ctx, { actorId: userId, action: 'password.changed', targetType: 'user', targetId: userId }, tx);
  });
  return { ok: true };
}

export type EmailChangeError = 'wrong_password' | 'same' | 'taken';

/**
 * Sends a confirmation link to the new address. "Taken" is told to the
 * signed-in user only after the password check, so it reveals nothing to a
 * stranger.
 */
export async function requestEmailChange(ctx: ServiceContext, userId: number, input: { email: string; password: string }): Promise<Result<object, EmailChangeError>> {
  const user = findUserById(ctx.db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.password))) return { ok: false, error: 'wrong_password', field: 'password' };
  const email = normaliseEmail(input.email);
  if (email === user.email) return { ok: false, error: 'same', field: 'email' };
  if (findUserByEmail(ctx.db, email)) return { ok: false, error: 'taken', field: 'email' };
  ctx.db.transaction((tx) => {
    invalidateUserTokens(tx, userId, 'email_change', ctx.now);
    const token = issueOneTimeToken(tx, 'email_change', { email, userId }, ctx.now);
    queueMail(ctx, tx, emailChangeMessage(email, user.name, siteLink(ctx.config, `/sahkoposti/vahvista/${token}`), ctx.config.orgName), { kind: 'email_change', userId, tokenId: parseSplitToken(token)!.id });
    audit(ctx, { actorId: userId, action: 'email.change_requested', targetType: 'user', targetId: userId }, tx);
  });
  return { ok: true };
}

/** Switches to the new address from the confirmation link; the old address is told. */
export async function confirmEmailChange(ctx: ServiceContext, token: string): Promise<Result<{ userId: number }, TokenProblem | 'taken'>> {
  let oldEmail = '';
  const result = ctx.db.transaction((tx) => {
    const used = consumeOneTimeToken(tx, 'email_change', token, ctx.now);
    if (!used.ok) return used;
    if (findUserByEmail(tx, used.row.email)) return { ok: false as const, error: 'taken' as const };
    const user = findUserById(tx, used.row.userId!);
    if (!user) return { ok: false as const, error: 'invalid' as const };
    oldEmail = user.email;
    updateUser(tx, user.id, { email: used.row.email });
    invalidateEmailTokens(tx, oldEmail, 'password_reset', ctx.now);
    queueMail(ctx, tx, emailChangedNoticeMessage(oldEmail, user.name, ctx.config.orgName, ctx.config.orgContactEmail), { kind: 'email_changed', userId: user.id });
    audit(ctx, { actorId: user.id, action: 'email.changed', targetType: 'user', targetId: user.id }, tx);
    return { ok: true as const, userId: user.id };
  });
  return result;
}

/** Ends one of the user's own other sessions; answers not_found for anyone else's. */
export function endOwnSession(ctx: ServiceContext, userId: number, sessionId: string): Result<object, 'not_found'> {
  const found = findSessionWithUser(ctx.db, sessionId);
  if (!found || found.user.id !== userId) return { ok: false, error: 'not_found' };
  deleteSession(ctx.db, sessionId);
  audit(ctx, { actorId: userId, action: 'session.ended', targetType: 'user', targetId: userId });
  return { ok: true };
}

export function endOtherSessions(ctx: ServiceContext, userId: number, currentSessionId: string): number {
  const n = invalidateUserSessions(ctx.db, userId, currentSessionId);
  audit(ctx, { actorId: userId, action: 'session.ended_others', targetType: 'user', targetId: userId, details: { count: n } });
  return n;
}
