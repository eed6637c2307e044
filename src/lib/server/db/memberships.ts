/**
 * Data access for dated memberships. A user has at most one active and one
 * pending membership (enforced by partial unique indexes).
 */
import { and, desc, eq, inArray, like, or } from 'drizzle-orm';
import type { DbClient } from './client';
import { membership, orgNode, user } from './schema';

export type MembershipRow = typeof membership.$inferSelect;

export function findActiveMembership(db: DbClient, userId: number): MembershipRow | undefined {
  return db.select().from(membership).where(and(eq(membership.userId, userId), eq(membership.status, 'active'))).get();
}

export function findPendingMembership(db: DbClient, userId: number): MembershipRow | undefined {
  return db.select().from(membership).where(and(eq(membership.userId, userId), eq(membership.status, 'pending'))).get();
}

export function findMembership(db: DbClient, id: number): MembershipRow | undefined {
  return db.select().from(membership).where(eq(membership.id, id)).get();
}

/** History of a user's memberships, newest first. */
export function listMembershipHistory(db: DbClient, userId: number): (MembershipRow & { nodeName: string })[] {
  return db
    .select({ m: membership, nodeName: orgNode.name })
    .from(membership)
    .innerJoin(orgNode, eq(orgNode.id, membership.nodeId))
    .where(eq(membership.userId, userId))
    .orderBy(desc(membership.requestedAt), desc(membership.id))
    .all()
    .map((r) => ({ ...r.m, nodeName: r.nodeName }));
}

/** Starts an active membership now (ending any current one first). */
export function startActiveMembership(db: DbClient, userId: number, nodeId: number, decidedBy: number | null, now: Date): void {
  endActiveMembership(db, userId, now);
  db.insert(membership).values({ userId, nodeId, status: 'active', requestedAt: now, joinedAt: now, decidedBy }).run();
}

export function endActiveMembership(db: DbClient, userId: number, now: Date): void {
  db.update(membership)
    .set({ status: 'ended', leftAt: now })
    .where(and(eq(membership.userId, userId), eq(membership.status, 'active')))
    .run();
}

/** Records a pending request for a node, replacing an earlier pending one. */
export function requestMembership(db: DbClient, userId: number, nodeId: number, now: Date): number {
  db.update(membership)
    .set({ status: 'rejected', leftAt: now })
    .where(and(eq(membership.userId, userId), eq(membership.status, 'pending')))
    .run();
  return db.insert(membership).values({ userId, nodeId, status: 'pending', requestedAt: now }).returning({ id: membership.id }).get().id;
}

/** Turns a pending request into the active membership; the previous one ends now. */
export function confirmPendingMembership(db: DbClient, pending: MembershipRow, decidedBy: number, now: Date): void {
  endActiveMembership(db, pending.userId, now);
  db.update(membership).set({ status: 'active', joinedAt: now, decidedBy }).where(eq(membership.id, pending.id)).run();
}

export function rejectPendingMembership(db: DbClient, pending: MembershipRow, decidedBy: number, now: Date): void {
  db.update(membership).set({ status: 'rejected', leftAt: now, decidedBy }).where(eq(membership.id, pending.id)).run();
}

export interface PendingItem {
  membershipId: number;
  userId: number;
  userName: string;
  userEmail: string;
  nodeId: number;
  nodeName: string;
  requestedAt: Date;
  currentNodeName: string | null;
}

/** Pending requests for nodes under the given paths (all when `paths` is undefined). */
export function listPendingMemberships(db: DbClient, paths?: string[]): PendingItem[] {
  if (paths && paths.length === 0) return [];
  const rows = db
    .select({ m: membership, node: orgNode, u: user })
    .from(membership)
    .innerJoin(orgNode, eq(orgNode.id, membership.nodeId))
    .innerJoin(user, eq(user.id, membership.userId))
    .where(and(eq(membership.status, 'pending'), paths ? or(...paths.map((p) => like(orgNode.path, `${p}%`))) : undefined))
    .orderBy(membership.requestedAt)
    .all();
  const current = rows.length
    ? new Map(
        db
          .select({ userId: membership.userId, name: orgNode.name })
          .from(membership)
          .innerJoin(orgNode, eq(orgNode.id, membership.nodeId))
          .where(and(eq(membership.status, 'active'), inArray(membership.userId, rows.map((r) => r.u.id))))
          .all()
          .map((r) => [r.userId, r.name]),
      )
    : new Map<number, string>();
  return rows.map((r) => ({
    membershipId: r.m.id,
    userId: r.u.id,
    userName: r.u.name,
    userEmail: r.u.email,
    nodeId: r.node.id,
    nodeName: r.node.name,
    requestedAt: r.m.requestedAt,
    currentNodeName: current.get(r.u.id) ?? null,
  }));
}
