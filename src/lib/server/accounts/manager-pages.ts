/**
 * What the member pages of a manager read, always inside the manager's
 * subtrees (`ctx.scope()`): the units to invite people to, and the
 * membership requests waiting for a decision.
 */
import type { RequestContext } from '../context';
import { listPendingMemberships, type PendingItem } from '../db/memberships';
import { listNodesInScope } from '../reporting/scope-nodes';

/** The units in the manager's scope, as the invitation form lists them. */
export function listInvitableNodes(ctx: RequestContext): { id: number; label: string }[] {
  return listNodesInScope(ctx.db, ctx.scope()).map((n) => ({ id: n.id, label: n.label }));
}

/** Membership requests into the manager's scope (all of them for an admin). */
export function listMembershipRequests(ctx: RequestContext): PendingItem[] {
  return listPendingMemberships(ctx.db, ctx.scope());
}
