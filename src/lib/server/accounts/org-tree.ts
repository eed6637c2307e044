/**
 * Managing the organisation tree (admins): create, rename, move and archive
 * nodes. Archiving hides a node from pickers and keeps its history; it is
 * refused while people are members of it or below it.
 */
import { hasHiddenCharacters, normaliseName } from '../../names';
import { and, inArray, like, sql } from 'drizzle-orm';
import type { DbClient } from '../db/client';
import { findNode, insertNode, listNodes, listSubtree, moveNodeUnder, updateNode, type OrgNodeRow } from '../db/org';
import { membership, orgNode, ORG_TYPES, type OrgType } from '../db/schema';
import { audit, type Result, type ServiceContext } from './context';

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  hyvinvointialue: 'Hyvinvointialue',
  kunta: 'Kunta',
  tyollisyysalue: 'Työllisyysalue',
  kela: 'Kela',
  jarjesto: 'Järjestö',
  oppilaitos: 'Oppilaitos',
  yritys: 'Yritys (myös työterveyshuolto ja yhteiskunnallinen yritys)',
  muu: 'Muu',
  yksikko: 'Yksikkö',
  tiimi: 'Tiimi',
};

export function isOrgType(value: string): value is OrgType {
  return (ORG_TYPES as readonly string[]).includes(value);
}

export interface TreeNode extends OrgNodeRow {
  depth: number;
  /** Names from the root to this node, for pickers: "Pohde › Oulu › Työllisyyspalvelut". */
  label: string;
  /** The same path joined with "/" as CSV files write it. */
  pathNames: string[];
}

/** Nodes in tree order with their depth and full name path. */
export function listTree(db: DbClient, options: { includeArchived?: boolean } = {}): TreeNode[] {
  const all = listNodes(db, { includeArchived: true });
  const byId = new Map(all.map((n) => [n.id, n]));
  const out: TreeNode[] = [];
  for (const n of all) {
    if (!options.includeArchived && n.archivedAt) continue;
    const ids = n.path.split('/').filter(Boolean).map(Number);
    const names = ids.map((id) => byId.get(id)?.name ?? '?');
    out.push({ ...n, depth: ids.length - 1, label: names.join(' › '), pathNames: names });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, 'fi'));
}

/** The node whose names from the root match (case-insensitively), e.g. from a CSV row. */
export function findNodeByNames(tree: TreeNode[], names: string[]): TreeNode | undefined {
  const wanted = names.map((n) => n.trim().toLocaleLowerCase('fi'));
  return tree.find((n) => n.pathNames.length === wanted.length && n.pathNames.every((name, i) => name.toLocaleLowerCase('fi') === wanted[i]));
}

export type OrgError = 'not_found' | 'name_required' | 'name_characters' | 'bad_type' | 'cycle' | 'is_root' | 'has_members' | 'archived';

function validName(name: string): boolean {
  const n = normaliseName(name);
  return n.length >= 1 && n.length <= 150;
}

export function createOrgNode(ctx: ServiceContext, actorId: number, input: { name: string; type: string; parentId: number }): Result<{ node: OrgNodeRow }, OrgError> {
  if (!validName(input.name)) return { ok: false, error: 'name_required', field: 'name' };
  if (hasHiddenCharacters(input.name)) return { ok: false, error: 'name_characters', field: 'name' };
  if (!isOrgType(input.type)) return { ok: false, error: 'bad_type', field: 'type' };
  const parent = findNode(ctx.db, input.parentId);
  if (!parent) return { ok: false, error: 'not_found', field: 'parentId' };
  if (parent.archivedAt) return { ok: false, error: 'archived', field: 'parentId' };
  const node = ctx.db.transaction((tx) => insertNode(tx, { name: normaliseName(input.name), type: input.type as OrgType, parentId: parent.id }, ctx.now));
  audit(ctx, { actorId, action: 'org.node_created', targetType: 'org_node', targetId: node.id, details: { parentId: parent.id, type: node.type } });
  return { ok: true, node };
}

export function renameOrgNode(ctx: ServiceContext, actorId: number, input: { id: number; name: string; type: string }): Result<object, OrgError> {
  const node = findNode(ctx.db, input.id);
  if (!node) return { ok: false, error: 'not_found' };
  if (!validName(input.name)) return { ok: false, error: 'name_required', field: 'name' };
  if (hasHiddenCharacters(input.name)) return { ok: false, error: 'name_characters', field: 'name' };
  if (!isOrgType(input.type)) return { ok: false, error: 'bad_type', field: 'type' };
  updateNode(ctx.db, node.id, { name: normaliseName(input.name), type: input.type });
  audit(ctx, { actorId, action: 'org.node_renamed', targetType: 'org_node', targetId: node.id });
  return { ok: true };
}

export function moveOrgNode(ctx: ServiceContext, actorId: number, input: { id: number; parentId: number }): Result<object, OrgError> {
  const node = findNode(ctx.db, input.id);
  const parent = findNode(ctx.db, input.parentId);
  if (!node || !parent) return { ok: false, error: 'not_found', field: 'parentId' };
  if (node.parentId === null) return { ok: false, error: 'is_root' };
  if (parent.path.startsWith(node.path)) return { ok: false, error: 'cycle', field: 'parentId' };
  if (parent.archivedAt) return { ok: false, error: 'archived', field: 'parentId' };
  ctx.db.transaction((tx) => moveNodeUnder(tx, node.id, parent.id));
  audit(ctx, { actorId, action: 'org.node_moved', targetType: 'org_node', targetId: node.id, details: { from: node.parentId, to: parent.id } });
  return { ok: true };
}

/** Archives a node and its subtree; refused while anyone is (or asks to be) a member there. */
export function archiveOrgNode(ctx: ServiceContext, actorId: number, input: { id: number }): Result<object, OrgError> {
  const node = findNode(ctx.db, input.id);
  if (!node) return { ok: false, error: 'not_found' };
  if (node.parentId === null) return { ok: false, error: 'is_root' };
  const subtree = listSubtree(ctx.db, node.path);
  const members = ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(membership)
    .where(and(inArray(membership.nodeId, subtree.map((n) => n.id)), inArray(membership.status, ['active', 'pending'])))
    .get()!.n;
  if (members > 0) return { ok: false, error: 'has_members' };
  ctx.db
    .update(orgNode)
    .set({ archivedAt: ctx.now })
    .where(and(like(orgNode.path, `${node.path}%`), sql`${orgNode.archivedAt} IS NULL`))
    .run();
  audit(ctx, { actorId, action: 'org.node_archived', targetType: 'org_node', targetId: node.id });
  return { ok: true };
}
