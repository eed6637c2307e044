/**
 * Changing organisation. A learner asks to move (or picks a node at sign-up);
 * the request stays pending until a manager of that node or an admin
 * confirms it, and the old membership ends then.
 */
import { confirmPendingMembership, endActiveMembership, findActiveMembership, findMembership, findPendingMembership, rejectPendingMembership, requestMembership, startActiveMembership } from '../db/memberships';
import { findNode } from '../db/org';
import { findUserById } from '../db/users';
import type { SessionUser } from '../auth/types';
import { canManageNode, canManageUser } from './scope';
import { audit, type Result, type ServiceContext } from './context';

export type MembershipError = 'not_found' | 'archived' | 'same_node';

/** A user asks to belong to another node; pending until confirmed. */
export function requestOrganisationChange(ctx: ServiceContext, userId: number, nodeId: number): Result<object, MembershipError> {
  const node = findNode(ctx.db, nodeId);
  if (!node) return { ok: false, error: 'not_found', field: 'nodeId' };
  if (node.archivedAt) return { ok: false, error: 'archived', field: 'nodeId' };
  if (findActiveMembership(ctx.db, userId)?.nodeId === nodeId) return { ok: false, error: 'same_node', field: 'nodeId' };
  ctx.db.transaction((tx) => requestMembership(tx, userId, nodeId, ctx.now));
  audit(ctx, { actorId: userId, action: 'membership.requested', targetType: 'org_node', targetId: nodeId });
  return { ok: true };
}

/** Confirms or rejects a pending request; only a manager of the requested node or an admin. */
export function decideMembership(ctx: ServiceContext, actor: SessionUser, membershipId: number, decision: 'confirm' | 'reject'): Result<object, 'not_found'> {
  const pending = findMembership(ctx.db, membershipId);
  if (!pending || pending.status !== 'pending' || !canManageNode(ctx.db, actor, pending.nodeId)) return { ok: false, error: 'not_found' };
  ctx.db.transaction((tx) => {
    if (decision === 'confirm') confirmPendingMembership(tx, pending, actor.id, ctx.now);
    else rejectPendingMembership(tx, pending, actor.id, ctx.now);
  });
  audit(ctx, { actorId: actor.id, action: decision === 'confirm' ? 'membership.confirmed' : 'membership.rejected', targetType: 'user', targetId: pending.userId, details: { nodeId: pending.nodeId } });
  return { ok: true };
}

/** An admin (or a manager within scope) moves a user directly; no confirmation needed. */
export function moveUserToNode(ctx: ServiceContext, actor: SessionUser, userId: number, nodeId: number): Result<object, MembershipError> {
  // A manager moves only people already in their subtrees, and only within them.
  const person = findUserById(ctx.db, userId);
  if (!person || person.erasedAt || !canManageUser(ctx.db, actor, userId, { includePending: true })) return { ok: false, error: 'not_found' };
  const node = findNode(ctx.db, nodeId);
  if (!node || !canManageNode(ctx.db, actor, nodeId)) return { ok: false, error: 'not_found', field: 'nodeId' };
  if (node.archivedAt) return { ok: false, error: 'archived', field: 'nodeId' };
  if (findActiveMembership(ctx.db, userId)?.nodeId === nodeId) return { ok: false, error: 'same_node', field: 'nodeId' };
  ctx.db.transaction((tx) => {
    const pending = findPendingMembership(tx, userId);
    if (pending?.nodeId === nodeId) confirmPendingMembership(tx, pending, actor.id, ctx.now);
    else startActiveMembership(tx, userId, nodeId, actor.id, ctx.now);
  });
  audit(ctx, { actorId: actor.id, action: 'user.node_changed', targetType: 'user', targetId: userId, details: { nodeId } });
  return { ok: true };
}

/**
 * A manager records that a person has left their unit: the membership ends
 * today, so the person drops out of the unit's figures from now on, and every
 * record of theirs stays.
 */
export function markLearnerLeft(ctx: ServiceContext, actor: SessionUser, userId: number): Result<object, 'not_found'> {
  const active = findActiveMembership(ctx.db, userId);
  if (!active || !canManageUser(ctx.db, actor, userId)) return { ok: false, error: 'not_found' };
  ctx.db.transaction((tx) => endActiveMembership(tx, userId, ctx.now));
  audit(ctx, { actorId: actor.id, action: 'membership.left', targetType: 'user', targetId: userId, details: { nodeId: active.nodeId } });
  return { ok: true };
}
