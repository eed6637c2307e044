/**
 * Data access for the organisation tree. Each node stores the path of ids from
 * the root (`/1/5/12/`) so subtree queries are one indexed prefix match;
 * moving a node rewrites the paths below it in the same transaction.
 */
import { and, asc, eq, isNull, like, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { orgNode, type OrgType } from './schema';

export type OrgNodeRow = typeof orgNode.$inferSelect;

export function findNode(db: DbClient, id: number): OrgNodeRow | undefined {
  return db.select().from(orgNode).where(eq(orgNode.id, id)).get();
}

export function findRootNode(db: DbClient): OrgNodeRow | undefined {
  return db.select().from(orgNode).where(isNull(orgNode.parentId)).orderBy(asc(orgNode.id)).limit(1).get();
}

/** Every node, ordered so that parents come before children. */
export function listNodes(db: DbClient, options: { includeArchived?: boolean } = {}): OrgNodeRow[] {
  return db
    .select()
    .from(orgNode)
    .where(options.includeArchived ? undefined : isNull(orgNode.archivedAt))
    .orderBy(asc(orgNode.path))
    .all();
}

/** Inserts a node under `parentId` (or as a root) and returns it. */
export function insertNode(db: DbClient, input: { name: string; type: OrgType; parentId: number | null }, now: Date): OrgNodeRow {
  const parent = input.parentId === null ? undefined : findNode(db, input.parentId);
  if (input.parentId !== null && !parent) throw new Error(`parent node ${input.parentId} does not exist`);
  const inserted = db
    .insert(orgNode)
    .values({ name: input.name.trim(), type: input.type, parentId: input.parentId, path: `tmp-${crypto.randomUUID()}`, createdAt: now })
    .returning()
    .get();
  const path = `${parent ? parent.path : '/'}${inserted.id}/`;
  db.update(orgNode).set({ path }).where(eq(orgNode.id, inserted.id)).run();
  return { ...inserted, path };
}

export function updateNode(db: DbClient, id: number, values: Partial<Pick<OrgNodeRow, 'name' | 'type' | 'archivedAt'>>): void {
  db.update(orgNode).set(values).where(eq(orgNode.id, id)).run();
}

/** Moves a node (and its subtree) under a new parent; paths below are rewritten. */
export function moveNodeUnder(db: DbClient, id: number, newParentId: number): void {
  const node = findNode(db, id);
  const parent = findNode(db, newParentId);
  if (!node || !parent) throw new Error('node or parent missing');
  const newPath = `${parent.path}${id}/`;
  db.update(orgNode)
    .set({ path: sql`${newPath} || substr(${orgNode.path}, ${node.path.length + 1})` })
    .where(like(orgNode.path, `${node.path}%`))
    .run();
  db.update(orgNode).set({ parentId: newParentId }).where(eq(orgNode.id, id)).run();
}

/** The nodes in a subtree (including its root). */
export function listSubtree(db: DbClient, path: string, options: { includeArchived?: boolean } = {}): OrgNodeRow[] {
  return db
    .select()
    .from(orgNode)
    .where(and(like(orgNode.path, `${path}%`), options.includeArchived ? undefined : isNull(orgNode.archivedAt)))
    .orderBy(asc(orgNode.path))
    .all();
}
