/**
 * The SCIM Users endpoint's handlers for one provider. People are matched by
 * `externalId` (Entra's object id, the same as the ID token's `oid`) with the
 * e-mail address as a fallback for someone who already has an account.
 * Deactivating (or DELETE, which means the same here) marks the person as
 * having left: the active membership ends (they drop out of managers'
 * figures), their sessions end, history and certificates stay. Reactivating
 * restores the unit they left.
 */
import crypto from 'node:crypto';
import type { DbClient } from '../db/client';
import type { IdentityProviderRow } from '../db/identity-providers';
import { findScimUser, findScimUserByExternalId, findScimUserByUserName, findScimUserOfUser, insertScimUser, updateScimUser, type ScimUserRow } from '../db/scim-users';
import { scimUser } from '../db/schema';
import { findUserByEmail, findUserById, insertUser, normaliseEmail, updateUser, type UserRow } from '../db/users';
import { endActiveMembership, findActiveMembership, startActiveMembership } from '../db/memberships';
import { findNode } from '../db/org';
import { invalidateUserSessions } from '../auth/session';
import { audit, type ServiceContext } from '../accounts/context';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { LIST_SCHEMA, USER_SCHEMA, nameFrom, parseFilter, readPatch, readUserResource, scimError, type ScimReply, type UserAttributes } from './protocol';

export interface ScimContext extends ServiceContext {
  provider: IdentityProviderRow;
  unusablePasswordHash: string;
}

function resource(ctx: ScimContext, row: ScimUserRow, person: UserRow): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    id: row.id,
    externalId: row.externalId ?? undefined,
    userName: row.userName,
    active: row.active,
    displayName: person.name,
    name: { formatted: person.name },
    emails: [{ value: person.email, type: 'work', primary: true }],
    meta: { resourceType: 'User', created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${ctx.config.siteUrl}/scim/v2/Users/${row.id}` },
  };
}

function reply(ctx: ScimContext, status: number, id: string): ScimReply {
  const row = findScimUser(ctx.db, ctx.provider.id, id)!;
  const person = findUserById(ctx.db, row.userId)!;
  return { status, body: resource(ctx, row, person), headers: { location: `${ctx.config.siteUrl}/scim/v2/Users/${id}` } };
}

function live(row: ScimUserRow | undefined): ScimUserRow | undefined {
  return row && !row.deletedAt ? row : undefined;
}

/** GET /Users with an optional filter and paging. */
export function listScimUsers(ctx: ScimContext, query: URLSearchParams): ScimReply {
  const parsed = parseFilter(query.get('filter'));
  if (!parsed.ok) return parsed.reply;
  const startIndex = Math.max(1, Number.parseInt(query.get('startIndex') ?? '1', 10) || 1);
  const count = Math.min(200, Math.max(0, Number.parseInt(query.get('count') ?? '100', 10) || 100));
  let rows: ScimUserRow[];
  let total: number;
  if (parsed.filter) {
    const found = live(parsed.filter.attribute === 'userName' ? findScimUserByUserName(ctx.db, ctx.provider.id, parsed.filter.value) : findScimUserByExternalId(ctx.db, ctx.provider.id, parsed.filter.value));
    rows = found ? [found] : [];
    total = rows.length;
  } else {
    const where = and(eq(scimUser.providerId, ctx.provider.id), isNull(scimUser.deletedAt));
    total = ctx.db.select({ n: sql<number>`count(*)` }).from(scimUser).where(where).get()!.n;
    rows = ctx.db.select().from(scimUser).where(where).orderBy(asc(scimUser.createdAt), asc(scimUser.id)).limit(count).offset(startIndex - 1).all();
  }
  const resources = rows.map((r) => resource(ctx, r, findUserById(ctx.db, r.userId)!));
  return { status: 200, body: { schemas: [LIST_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources } };
}

export function getScimUser(ctx: ScimContext, id: string): ScimReply {
  return live(findScimUser(ctx.db, ctx.provider.id, id)) ? reply(ctx, 200, id) : scimError(404, 'No such user.');
}

/** The unit a provisioned person starts in: the department mapped by the provider's unit map, else its default unit. */
function unitFor(ctx: ScimContext, attributes: UserAttributes): number | null {
  const mapped = attributes.department ? ctx.provider.unitMap[attributes.department] : undefined;
  const node = findNode(ctx.db, mapped ?? ctx.provider.defaultNodeId ?? -1);
  return node && !node.archivedAt ? node.id : null;
}

/** Marks the person as left or back; inside the caller's transaction. */
function setActive(ctx: ScimContext, tx: DbClient, row: ScimUserRow, active: boolean): void {
  if (active === row.active) return;
  if (!active) {
    const membership = findActiveMembership(tx, row.userId);
    endActiveMembership(tx, row.userId, ctx.now);
    invalidateUserSessions(tx, row.userId);
    updateScimUser(tx, row.id, { active: false, leftNodeId: membership?.nodeId ?? row.leftNodeId, updatedAt: ctx.now });
    audit(ctx, { actorId: null, action: 'scim.deactivated', targetType: 'user', targetId: row.userId, details: { providerId: ctx.provider.id, nodeId: membership?.nodeId ?? null } }, tx);
  } else {
    const node = row.leftNodeId ? findNode(tx, row.leftNodeId) : undefined;
    if (node && !node.archivedAt && !findActiveMembership(tx, row.userId)) startActiveMembership(tx, row.userId, node.id, null, ctx.now);
    updateScimUser(tx, row.id, { active: true, leftNodeId: null, updatedAt: ctx.now });
    audit(ctx, { actorId: null, action: 'scim.reactivated', targetType: 'user', targetId: row.userId, details: { providerId: ctx.provider.id, nodeId: node?.id ?? null } }, tx);
  }
}

type Applied = { ok: true } | { ok: false; reply: ScimReply };

/** Applies attribute changes to the link and the account; a taken userName or address is a 409. */
function applyChanges(ctx: ScimContext, tx: DbClient, row: ScimUserRow, changes: UserAttributes): Applied {
  if (changes.userName && changes.userName.toLowerCase() !== row.userName) {
    const other = findScimUserByUserName(tx, ctx.provider.id, changes.userName);
    if (other && other.id !== row.id) return { ok: false, reply: scimError(409, 'userName is already in use.', 'uniqueness') };
    updateScimUser(tx, row.id, { userName: changes.userName, updatedAt: ctx.now });
  }
  if (changes.externalId !== undefined && changes.externalId !== row.externalId) {
    const other = changes.externalId ? findScimUserByExternalId(tx, ctx.provider.id, changes.externalId) : undefined;
    if (other && other.id !== row.id) return { ok: false, reply: scimError(409, 'externalId is already in use.', 'uniqueness') };
    updateScimUser(tx, row.id, { externalId: changes.externalId, updatedAt: ctx.now });
  }
  const name = nameFrom(changes);
  if (name) updateUser(tx, row.userId, { name });
  if (changes.email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(changes.email)) {
    const email = normaliseEmail(changes.email);
    const holder = findUserByEmail(tx, email);
    if (holder && holder.id !== row.userId) return { ok: false, reply: scimError(409, 'The e-mail address belongs to another account.', 'uniqueness') };
    if (!holder) updateUser(tx, row.userId, { email });
  }
  updateScimUser(tx, row.id, { updatedAt: ctx.now });
  if (changes.active !== undefined) setActive(ctx, tx, findScimUser(tx, ctx.provider.id, row.id)!, changes.active);
  return { ok: true };
}

/** Runs a change in one transaction; a 409 inside rolls everything back. */
function inTransaction(ctx: ScimContext, work: (tx: DbClient) => Applied & { id?: string; status?: number }): ScimReply {
  class Rollback extends Error {
    constructor(readonly reply: ScimReply) {
      super('rollback');
    }
  }
  try {
    const done = ctx.db.transaction((tx) => {
      const result = work(tx);
      if (!result.ok) throw new Rollback(result.reply);
      return result;
    });
    return reply(ctx, done.status ?? 200, done.id!);
  } catch (error) {
    if (error instanceof Rollback) return error.reply;
    throw error;
  }
}

/** POST /Users: links by externalId, then by address, else creates the account. */
export function createScimUser(ctx: ScimContext, body: unknown): ScimReply {
  const read = readUserResource(body);
  if (!read.ok) return read.reply;
  const a = read.attributes;
  return inTransaction(ctx, (tx) => {
    const byExternal = a.externalId ? findScimUserByExternalId(tx, ctx.provider.id, a.externalId) : undefined;
    if (byExternal && !byExternal.deletedAt) return { ok: false, reply: scimError(409, 'A user with this externalId exists.', 'uniqueness') };
    const byName = live(findScimUserByUserName(tx, ctx.provider.id, a.userName!));
    if (byName) return { ok: false, reply: scimError(409, 'A user with this userName exists.', 'uniqueness') };
    let row = byExternal;
    if (row) {
      // Provisioned again after a DELETE: the same person, back.
      updateScimUser(tx, row.id, { deletedAt: null, updatedAt: ctx.now });
    } else {
      const email = a.email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.email) ? normaliseEmail(a.email) : undefined;
      if (!email) return { ok: false, reply: scimError(400, 'A work e-mail address (emails or userName) is required.', 'invalidValue') };
      let person = findUserByEmail(tx, email);
      if (person && findScimUserOfUser(tx, ctx.provider.id, person.id)) return { ok: false, reply: scimError(409, 'This person is already provisioned.', 'uniqueness') };
      const how = person ? 'linked' : 'created';
      if (!person) {
        const userId = insertUser(tx, { email, name: nameFrom(a) ?? email.split('@')[0]!, passwordHash: ctx.unusablePasswordHash, roles: ['learner'] }, ctx.now);
        const unit = unitFor(ctx, a);
        if (unit !== null) startActiveMembership(tx, userId, unit, null, ctx.now);
        person = findUserById(tx, userId)!;
      }
      const id = crypto.randomUUID();
      insertScimUser(tx, { id, providerId: ctx.provider.id, userId: person.id, externalId: a.externalId ?? null, userName: a.userName!, active: true, leftNodeId: null, deletedAt: null, createdAt: ctx.now, updatedAt: ctx.now });
      audit(ctx, { actorId: null, action: how === 'created' ? 'scim.created' : 'scim.linked', targetType: 'user', targetId: person.id, details: { providerId: ctx.provider.id } }, tx);
      row = findScimUser(tx, ctx.provider.id, id)!;
    }
    const applied = applyChanges(ctx, tx, row, { ...a, userName: undefined, externalId: undefined, email: byExternal ? a.email : undefined, displayName: byExternal ? a.displayName : undefined });
    return applied.ok ? { ok: true, id: row.id, status: 201 } : applied;
  });
}

/** PUT /Users/{id}: replaces the attributes we keep. */
export function replaceScimUser(ctx: ScimContext, id: string, body: unknown): ScimReply {
  const row = live(findScimUser(ctx.db, ctx.provider.id, id));
  if (!row) return scimError(404, 'No such user.');
  const read = readUserResource(body);
  if (!read.ok) return read.reply;
  return inTransaction(ctx, (tx) => ({ ...applyChanges(ctx, tx, row, read.attributes), id }));
}

/** PATCH /Users/{id}. */
export function patchScimUser(ctx: ScimContext, id: string, body: unknown): ScimReply {
  const row = live(findScimUser(ctx.db, ctx.provider.id, id));
  if (!row) return scimError(404, 'No such user.');
  const patch = readPatch(body);
  if (!patch.ok) return patch.reply;
  return inTransaction(ctx, (tx) => ({ ...applyChanges(ctx, tx, row, patch.changes), id }));
}

/** DELETE /Users/{id}: the person has left (as deactivation); the resource is gone for the client. */
export function deleteScimUser(ctx: ScimContext, id: string): ScimReply {
  const row = live(findScimUser(ctx.db, ctx.provider.id, id));
  if (!row) return scimError(404, 'No such user.');
  ctx.db.transaction((tx) => {
    setActive(ctx, tx, row, false);
    updateScimUser(tx, row.id, { deletedAt: ctx.now, updatedAt: ctx.now });
  });
  audit(ctx, { actorId: null, action: 'scim.deleted', targetType: 'user', targetId: row.userId, details: { providerId: ctx.provider.id } });
  return { status: 204 };
}
