/** The organisation nodes a manager may see and pick, in tree order. */
import type { DbClient } from '../db/client';
import { listTree, type TreeNode } from '../accounts/org-tree';
import { managedPaths, pathInScope } from '../accounts/scope';
import type { SessionUser } from '../auth/types';

export function listNodesInScope(db: DbClient, actor: SessionUser): TreeNode[] {
  const paths = managedPaths(db, actor);
  return listTree(db).filter((n) => pathInScope(n.path, paths));
}
