/**
 * Data-level access on top of the permission map: a manager sees and acts on
 * users whose current (or pending) node lies in one of their subtrees; an
 * admin sees everyone. Anything outside answers as "not found".
 */
import { eq, inArray } from 'drizzle-orm';
import type { DbClient } from '../db/client';
import { managerScope, orgNode } from '../db/schema';
import { findActiveMembership, findPendingMembership } from '../db/memberships';
import { findNode } from '../db/org';
import type { SessionUser } from '../auth/types';

/** Node paths a user manages; undefined means everything (admin). */
export function managedPaths(db: DbClient, actor: SessionUser): string[] | undefined {
  if (actor.roles.includes('admin')) return undefined;
  if (!actor.roles.includes('manager')) return [];
  return db
    .select({ path: orgNode.path })
    .from(managerScope)
    .innerJoin(orgNode, eq(orgNode.id, managerScope.nodeId))
    .where(eq(managerScope.userId, actor.id))
    .all()
    .map((r) => r.path);
}

/** True when `path` lies inside one of `paths` (undefined = everything). */
export function pathInScope(path: string, paths: string[] | undefined): boolean {
  if (paths === undefined) return true;
  return paths.some((p) => path.startsWith(p));
}

/** True when the actor may see and act on the node. */
export function canManageNode(db: DbClient, actor: SessionUser, nodeId: number): boolean {
  const node = findNode(db, nodeId);
  return node !== undefined && pathInScope(node.path, managedPaths(db, actor));
}

/**
 * True when the actor may see and act on the user: the user's active
 * membership (or, for confirming, the pending one) lies in the actor's scope.
 */
export function canManageUser(db: DbClient, actor: SessionUser, userId: number, options: { includePending?: boolean } = {}): boolean {
  return canManageUserIn(db, managedPaths(db, actor), userId, options);
}

/** {@link canManageUser} for scope paths already worked out (the request context's `scope()`). */
export function canManageUserIn(db: DbClient, paths: string[] | undefined, userId: number, options: { includePending?: boolean } = {}): boolean {
  if (paths === undefined) return true;
  const memberships = [findActiveMembership(db, userId), options.includePending ? findPendingMembership(db, userId) : undefined].filter((m) => m !== undefined);
  if (!memberships.length) return false;
  const nodes = db.select({ path: orgNode.path }).from(orgNode).where(inArray(orgNode.id, memberships.map((m) => m.nodeId))).all();
  return nodes.some((n) => pathInScope(n.path, paths));
}

/** The node ids a manager is scoped to. */
export function listManagerScopeNodeIds(db: DbClient, userId: number): number[] {
  return db.select({ nodeId: managerScope.nodeId }).from(managerScope).where(eq(managerScope.userId, userId)).all().map((r) => r.nodeId);
}

/** Replaces a manager's scopes. */
export function replaceManagerScopes(db: DbClient, userId: number, nodeIds: number[]): void {
  db.delete(managerScope).where(eq(managerScope.userId, userId)).run();
  if (nodeIds.length) db.insert(managerScope).values([...new Set(nodeIds)].map((nodeId) => ({ userId, nodeId }))).run();
}
