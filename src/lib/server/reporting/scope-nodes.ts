/** The organisation nodes a manager may see and pick, in tree order. */
import type { DbClient } from '../db/client';
import { listTree, type TreeNode } from '../accounts/org-tree';
import { pathInScope } from '../accounts/scope';

/** @param paths the manager's subtrees (`managedPaths`); undefined means everything. */
export function listNodesInScope(db: DbClient, paths: readonly string[] | undefined): TreeNode[] {
  return listTree(db).filter((n) => pathInScope(n.path, paths as string[] | undefined));
}
