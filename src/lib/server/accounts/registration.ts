/**
 * Self-service sign-up. The answer on screen is the same whether or not the
 * address already has an account: a new address gets a confirmation link
 * (24 h, single use); an existing holder gets a "you already have an account"
 * email instead. The chosen organisation stays pending until a manager of it
 * or an admin confirms.
 */
import { normaliseName } from '../../names';
import { readSetting, writeSetting } from '../db/settings';
import { findUserByEmail, insertUser, normaliseEmail } from '../db/users';
import { findNode } from '../db/org';
import { requestMembership } from '../db/memberships';
import { invalidateEmailTokens } from '../db/tokens';
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from '../auth/password';
import { consumeRateLimit } from '../auth/rate-limit';
import { alreadyRegisteredMessage, registrationMessage } from '../mail/messages';
import type { DbClient } from '../db/client';
import { consumeOneTimeToken, issueOneTimeToken, type TokenProblem } from './one-time-token';
import { parseSplitToken } from '../auth/tokens';
import { audit, queueMail, siteLink, type Result, type ServiceContext } from './context';
import { claimWalkIns } from '../live/attendance';

const REGISTRATION_KEY = 'registration_enabled';

/** Whether self-service sign-up is open (admins switch it). Open by default. */
export function isRegistrationOpen(db: DbClient): boolean {
  return readSetting<boolean>(db, REGISTRATION_KEY) ?? true;
}

export function setRegistrationOpen(ctx: ServiceContext, actorId: number, open: boolean): void {
  writeSetting(ctx.db, REGISTRATION_KEY, open, ctx.now);
  audit(ctx, { actorId, action: 'settings.changed', details: { registrationOpen: open } });
}

export interface RegistrationInput {
  name: string;
  email: string;
  password: string;
  nodeId: number;
}

export type RegistrationError = 'closed' | 'rate_limited' | 'node' | PasswordProblem;

/** Handles the sign-up form; the success answer never reveals whether the address is known. */
export async function requestRegistration(ctx: ServiceContext, input: RegistrationInput): Promise<Result<object, RegistrationError>> {
  if (!isRegistrationOpen(ctx.db)) return { ok: false, error: 'closed' };
  const email = normaliseEmail(input.email);
  const ipLimit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'register.ip', ctx.ip, ctx.now);
  if (!ipLimit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: ipLimit.retryAfterMs };
  const node = findNode(ctx.db, input.nodeId);
  if (!node || node.archivedAt) return { ok: false, error: 'node', field: 'nodeId' };
  const problem = checkPasswordPolicy(input.password);
  if (problem) return { ok: false, error: problem, field: 'password' };
  // Counted after validation so that typos in the form do not use up the address's attempts.
  const emailLimit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'register.email', email, ctx.now);
  if (!emailLimit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: emailLimit.retryAfterMs };

  // Hash in every case, so the two branches take the same time.
  const passwordHash = await hashPassword(input.password);
  const existing = findUserByEmail(ctx.db, email);
  if (existing) {
    queueMail(ctx, ctx.db, alreadyRegisteredMessage(email, siteLink(ctx.config, '/kirjaudu'), siteLink(ctx.config, '/salasana/unohtunut'), ctx.config.orgName), { kind: 'already_registered', userId: existing.id });
    return { ok: true };
  }
  ctx.db.transaction((tx) => {
    invalidateEmailTokens(tx, email, 'registration', ctx.now);
    const token = issueOneTimeToken(tx, 'registration', { email, payload: { name: normaliseName(input.name), passwordHash, nodeId: node.id } }, ctx.now);
    const message = registrationMessage(email, normaliseName(input.name), siteLink(ctx.config, `/rekisteroidy/vahvista/${token}`), ctx.config.orgName);
    queueMail(ctx, tx, message, { kind: 'registration', tokenId: parseSplitToken(token)!.id });
  });
  return { ok: true };
}

export type ConfirmRegistrationError = TokenProblem | 'exists';

/** Creates the account from a confirmed link; the chosen node is pending. */
export function confirmRegistration(ctx: ServiceContext, token: string): Result<{ userId: number }, ConfirmRegistrationError> {
  const result = ctx.db.transaction((tx) => {
    const used = consumeOneTimeToken(tx, 'registration', token, ctx.now);
    if (!used.ok) return used;
    if (findUserByEmail(tx, used.row.email)) return { ok: false as const, error: 'exists' as const };
    const payload = used.row.payload as { name: string; passwordHash: string; nodeId: number };
    const userId = insertUser(tx, { email: used.row.email, name: payload.name, passwordHash: payload.passwordHash, roles: ['learner'] }, ctx.now);
    const node = findNode(tx, payload.nodeId);
    if (node && !node.archivedAt) requestMembership(tx, userId, node.id, ctx.now);
    claimWalkIns(tx, userId, used.row.email, ctx.config.siteUrl, ctx.now);
    return { ok: true as const, userId };
  });
  if (result.ok) audit(ctx, { actorId: result.userId, action: 'user.registered', targetType: 'user', targetId: result.userId });
  return result;
}
