/**
 * Invitations by email. Managers invite learners into their own subtrees;
 * admins invite anyone with any role. One at a time or from a CSV file that
 * is previewed first and written only when every row is valid. Links are
 * single-use and expire in 7 days.
 */
import { z } from 'zod';
import { hasHiddenCharacters, normaliseName } from '../../names';
import { findUserByEmail, insertUser, normaliseEmail } from '../db/users';
import { invalidateEmailTokens } from '../db/tokens';
import { startActiveMembership } from '../db/memberships';
import { findNode } from '../db/org';
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from '../auth/password';
import { consumeRateLimit } from '../auth/rate-limit';
import { parseSplitToken } from '../auth/tokens';
import type { Role, SessionUser } from '../auth/types';
import { invitationMessage } from '../mail/messages';
import { consumeOneTimeToken, inspectOneTimeToken, issueOneTimeToken, type TokenProblem } from './one-time-token';
import { findNodeByNames, listTree } from './org-tree';
import { canManageNode } from './scope';
import type { CsvRow } from './invitation-csv';
import type { DbClient } from '../db/client';
import { audit, queueMail, siteLink, type Result, type ServiceContext } from './context';
import { claimWalkIns } from '../live/attendance';

export interface InvitationInput {
  name: string;
  email: string;
  nodeId: number;
  roles: Role[];
}

export type InvitationProblem = 'name' | 'name_characters' | 'email' | 'exists' | 'node' | 'roles' | 'duplicate';

const emailSchema = z.email();

/** What is wrong with one invitation, given who is inviting; null when it is fine. */
export function checkInvitation(ctx: ServiceContext, actor: SessionUser, input: InvitationInput): { problem: InvitationProblem; field: string } | null {
  const name = normaliseName(input.name);
  if (name.length < 1 || name.length > 120) return { problem: 'name', field: 'name' };
  if (hasHiddenCharacters(name)) return { problem: 'name_characters', field: 'name' };
  if (!emailSchema.safeParse(normaliseEmail(input.email)).success) return { problem: 'email', field: 'email' };
  if (findUserByEmail(ctx.db, input.email)) return { problem: 'exists', field: 'email' };
  const node = findNode(ctx.db, input.nodeId);
  if (!node || node.archivedAt || !canManageNode(ctx.db, actor, node.id)) return { problem: 'node', field: 'nodeId' };
  const isAdmin = actor.roles.includes('admin');
  if (!isAdmin && input.roles.some((r) => r !== 'learner')) return { problem: 'roles', field: 'roles' };
  return null;
}

/** Issues the link and queues its message, both in the caller's transaction. */
export function issueInvitation(ctx: ServiceContext, tx: DbClient, actor: SessionUser, input: InvitationInput): void {
  const email = normaliseEmail(input.email);
  invalidateEmailTokens(tx, email, 'invitation', ctx.now);
  const token = issueOneTimeToken(tx, 'invitation', { email, createdBy: actor.id, payload: { name: normaliseName(input.name), nodeId: input.nodeId, roles: input.roles } }, ctx.now);
  const node = findNode(tx, input.nodeId);
  const message = invitationMessage(email, normaliseName(input.name), siteLink(ctx.config, `/kutsu/${token}`), ctx.config.orgName, node?.name ?? '');
  queueMail(ctx, tx, message, { kind: 'invitation', tokenId: parseSplitToken(token)!.id });
}

/** Invites one person. */
export async function inviteUser(ctx: ServiceContext, actor: SessionUser, input: InvitationInput): Promise<Result<object, InvitationProblem>> {
  const problem = checkInvitation(ctx, actor, input);
  if (problem) return { ok: false, error: problem.problem, field: problem.field };
  ctx.db.transaction((tx) => {
    issueInvitation(ctx, tx, actor, input);
    audit(ctx, { actorId: actor.id, action: 'user.invited', targetType: 'org_node', targetId: input.nodeId, details: { roles: input.roles } }, tx);
  });
  return { ok: true };
}

export interface CsvRowCheck {
  row: CsvRow;
  nodeId?: number;
  nodeLabel?: string;
  problems: string[];
}

const PROBLEM_TEXT: Record<InvitationProblem, string> = {
  name: 'nimi puuttuu tai on liian pitkä',
  name_characters: 'nimessä on ohjausmerkkejä, näkymättömiä merkkejä tai tekstin suunnan vaihtoja',
  email: 'sähköpostiosoite ei ole kelvollinen',
  exists: 'osoitteella on jo tili',
  node: 'organisaatiota ei löydy tai se ei ole sinun vastuullasi',
  roles: 'voit kutsua vain oppijoita',
  duplicate: 'sama sähköpostiosoite on tiedostossa useammin kuin kerran',
};

/** What every row of one import is checked against: the organisation tree and how often each address occurs in the file. */
export interface RowCheckBasis {
  tree: ReturnType<typeof listTree>;
  seen: Map<string, number>;
}

/** Reads the tree once and counts the addresses of the whole file (duplicates span batches). */
export function prepareRowChecks(ctx: ServiceContext, rows: CsvRow[]): RowCheckBasis {
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(normaliseEmail(row.email), (seen.get(normaliseEmail(row.email)) ?? 0) + 1);
  return { tree: listTree(ctx.db), seen };
}

/** Checks one row of an import; each problem is a Finnish reason for the preview. */
export function checkInvitationRow(ctx: ServiceContext, actor: SessionUser, basis: RowCheckBasis, row: CsvRow): CsvRowCheck {
  const problems: string[] = [];
  if (row.unknownRoles.length) problems.push(`tuntematon rooli: ${row.unknownRoles.join(', ')}`);
  if (!row.nodePath.length) problems.push('organisaatio puuttuu');
  const node = row.nodePath.length ? findNodeByNames(basis.tree, row.nodePath) : undefined;
  if (row.nodePath.length && !node) problems.push(`organisaatiota "${row.nodePath.join(' / ')}" ei löydy`);
  if ((basis.seen.get(normaliseEmail(row.email)) ?? 0) > 1) problems.push(PROBLEM_TEXT.duplicate);
  const check = checkInvitation(ctx, actor, { name: row.name, email: row.email, nodeId: node?.id ?? -1, roles: row.roles });
  if (check && !(check.problem === 'node' && !node)) problems.push(PROBLEM_TEXT[check.problem]);
  return { row, nodeId: node?.id, nodeLabel: node?.label, problems };
}

/** Checks every row of an import; each problem is a Finnish reason for the preview. */
export function checkInvitationRows(ctx: ServiceContext, actor: SessionUser, rows: CsvRow[]): CsvRowCheck[] {
  const basis = prepareRowChecks(ctx, rows);
  return rows.map((row) => checkInvitationRow(ctx, actor, basis, row));
}

/**
 * Invites every row, or none: when any row has a problem nothing is written.
 * The messages are queued in the same transaction and sent in the background.
 */
export async function importInvitations(ctx: ServiceContext, actor: SessionUser, rows: CsvRow[]): Promise<Result<{ invited: number }, 'invalid'> & { checks?: CsvRowCheck[] }> {
  const checks = checkInvitationRows(ctx, actor, rows);
  if (checks.some((c) => c.problems.length)) return { ok: false, error: 'invalid', checks } as Result<{ invited: number }, 'invalid'> & { checks: CsvRowCheck[] };
  const inputs = checks.map((c) => ({ name: c.row.name, email: c.row.email, nodeId: c.nodeId!, roles: c.row.roles }));
  ctx.db.transaction((tx) => {
    for (const input of inputs) issueInvitation(ctx, tx, actor, input);
    audit(ctx, { actorId: actor.id, action: 'user.invited_bulk', details: { count: inputs.length } }, tx);
  });
  return { ok: true, invited: inputs.length };
}

export interface InvitationView {
  name: string;
  email: string;
  nodeName: string;
}

/** What the acceptance page shows for a link, without using it. */
export function describeInvitation(ctx: ServiceContext, token: string): Result<InvitationView, TokenProblem> {
  const found = inspectOneTimeToken(ctx.db, 'invitation', token, ctx.now);
  if (!found.ok) return found;
  const payload = found.row.payload as { name: string; nodeId: number };
  return { ok: true, name: payload.name, email: found.row.email, nodeName: findNode(ctx.db, payload.nodeId)?.name ?? '' };
}

export type AcceptError = TokenProblem | PasswordProblem | 'exists' | 'rate_limited';

/** Creates the invited account with the chosen password; the node is confirmed already. */
export async function acceptInvitation(ctx: ServiceContext, input: { token: string; password: string }): Promise<Result<{ userId: number; roles: Role[] }, AcceptError>> {
  const ipLimit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'invite.ip', ctx.ip, ctx.now);
  if (!ipLimit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: ipLimit.retryAfterMs };
  const tokenId = parseSplitToken(input.token)?.id ?? 'malformed';
  const tokenLimit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'invite.token', tokenId, ctx.now);
  if (!tokenLimit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: tokenLimit.retryAfterMs };
  const problem = checkPasswordPolicy(input.password);
  if (problem) return { ok: false, error: problem, field: 'password' };
  const passwordHash = await hashPassword(input.password);
  const result = ctx.db.transaction((tx) => {
    const used = consumeOneTimeToken(tx, 'invitation', input.token, ctx.now);
    if (!used.ok) return used;
    if (findUserByEmail(tx, used.row.email)) return { ok: false as const, error: 'exists' as const };
    const payload = used.row.payload as { name: string; nodeId: number; roles: Role[] };
    const userId = insertUser(tx, { email: used.row.email, name: payload.name, passwordHash, roles: payload.roles }, ctx.now);
    startActiveMembership(tx, userId, payload.nodeId, used.row.createdBy, ctx.now);
    claimWalkIns(tx, userId, used.row.email, ctx.config.siteUrl, ctx.now);
    return { ok: true as const, userId, roles: payload.roles };
  });
  if (result.ok) audit(ctx, { actorId: result.userId, action: 'invitation.accepted', targetType: 'user', targetId: result.userId });
  return result;
}
