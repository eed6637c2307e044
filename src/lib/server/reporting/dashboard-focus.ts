/**
 * Where in the tree a manager's dashboard looks: the chosen unit (when it is
 * inside their subtrees), the path to it from their scope for the
 * breadcrumbs, and the units to break figures down by.
 */
import type { DbClient } from '../db/client';
import type { SessionUser } from '../auth/types';
import type { TreeNode } from '../accounts/org-tree';
import { managedPaths } from '../accounts/scope';
import { listNodesInScope } from './scope-nodes';

export interface DashboardFocus {
  paths: string[] | undefined;
  focus: TreeNode | undefined;
  /** From the top of the manager's scope down to the focus. */
  trail: TreeNode[];
  units: TreeNode[];
}

/** The focus for `nodeId`, or `not_found` when the node is unknown or outside the scope. */
export function resolveDashboardFocus(db: DbClient, actor: SessionUser, nodeId: number | undefined): { ok: true; value: DashboardFocus } | { ok: false } {
  const paths = managedPaths(db, actor);
  const nodes = listNodesInScope(db, paths);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  if (nodeId !== undefined && !byId.has(nodeId)) return { ok: false };
  // Top nodes of the scope: those whose parent is not itself in scope.
  const tops = nodes.filter((n) => n.parentId === null || !byId.has(n.parentId));
  // A manager of one subtree starts at its top; several subtrees start from a list of them.
  const focus = nodeId !== undefined ? byId.get(nodeId) : tops.length === 1 ? tops[0] : undefined;
  const units = focus ? nodes.filter((n) => n.parentId === focus.id) : tops;
  const trail: TreeNode[] = [];
  for (let n = focus; n; n = n.parentId !== null ? byId.get(n.parentId) : undefined) trail.unshift(n);
  return { ok: true, value: { paths, focus, trail, units } };
}
