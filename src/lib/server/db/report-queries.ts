/**
 * The reads behind manager reports: members of a scope in keyset pages, and
 * for one page of members their course activity, completions and
 * certificates. Each read is one indexed query, so a report of 100,000 rows
 * runs in bounded memory and leaves room for other requests between pages.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbClient } from './client';

export interface MemberRow {
  userId: number;
  name: string;
  email: string;
  nodeId: number;
  nodePath: string;
  joinedAt: number;
}

/** Which members: active memberships under any of `paths` (undefined = all) and under `subtree`. */
export interface MemberScope {
  paths?: readonly string[];
  subtree?: string;
  /** Only members whose node is exactly this one. */
  nodeId?: number;
  userId?: number;
}

function scopeCondition(scope: MemberScope): SQL {
  const parts: SQL[] = [sql`m.status = 'active'`, sql`u.erased_at IS NULL`];
  if (scope.paths) parts.push(scope.paths.length ? sql`(${sql.join(scope.paths.map((p) => sql`n.path LIKE ${`${p}%`}`), sql` OR `)})` : sql`0`);
  if (scope.subtree) parts.push(sql`n.path LIKE ${`${scope.subtree}%`}`);
  if (scope.nodeId !== undefined) parts.push(sql`n.id = ${scope.nodeId}`);
  if (scope.userId !== undefined) parts.push(sql`u.id = ${scope.userId}`);
  return sql.join(parts, sql` AND `);
}

/** The next page of members after `afterUserId`, by user id. */
export function listMembersPage(db: DbClient, scope: MemberScope, afterUserId: number, limit: number): MemberRow[] {
  return db.all<MemberRow>(sql`
    SELECT u.id AS userId, u.name AS name, u.email AS email, n.id AS nodeId, n.path AS nodePath, coalesce(m.joined_at, m.requested_at) AS joinedAt
    FROM membership m JOIN "user" u ON u.id = m.user_id JOIN org_node n ON n.id = m.node_id
    WHERE ${scopeCondition(scope)} AND u.id > ${afterUserId}
    ORDER BY u.id LIMIT ${limit}`);
}

/** How many members a scope holds. */
export function countMembers(db: DbClient, scope: MemberScope): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM membership m JOIN "user" u ON u.id = m.user_id JOIN org_node n ON n.id = m.node_id WHERE ${scopeCondition(scope)}`)!.n;
}

export interface ActivityRow {
  userId: number;
  courseId: string;
  startedAt: number;
  progressPercent: number;
  progressVersion: string | null;
  bestFinalScore: number | null;
}

export interface CompletionFactRow {
  userId: number;
  courseId: string;
  version: string;
  completedAt: number;
  hasCertificate: number;
}

export interface CertificateFactRow {
  userId: number;
  courseId: string;
  code: string;
  version: string;
  issuedAt: number;
  validUntil: number | null;
  revokedAt: number | null;
}

const idList = (ids: readonly number[]) => sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;

/** Course activity of a page of members. */
export function listActivityOf(db: DbClient, userIds: readonly number[]): ActivityRow[] {
  if (!userIds.length) return [];
  return db.all<ActivityRow>(sql`
    SELECT user_id AS userId, course_id AS courseId, started_at AS startedAt, progress_percent AS progressPercent, progress_version AS progressVersion, best_final_score AS bestFinalScore
    FROM course_activity WHERE user_id IN ${idList(userIds)}`);
}

/** Completions of a page of members, and whether each has its certificate. */
export function listCompletionsOf(db: DbClient, userIds: readonly number[]): CompletionFactRow[] {
  if (!userIds.length) return [];
  return db.all<CompletionFactRow>(sql`
    SELECT c.user_id AS userId, c.course_id AS courseId, c.version AS version, c.completed_at AS completedAt,
      EXISTS (SELECT 1 FROM certificate x WHERE x.completion_id = c.id) AS hasCertificate
    FROM course_completion c WHERE c.user_id IN ${idList(userIds)}`);
}

/** Certificates of a page of members. */
export function listCertificatesOf(db: DbClient, userIds: readonly number[]): CertificateFactRow[] {
  if (!userIds.length) return [];
  return db.all<CertificateFactRow>(sql`
    SELECT user_id AS userId, course_id AS courseId, code, version, issued_at AS issuedAt, valid_until AS validUntil, revoked_at AS revokedAt
    FROM certificate WHERE user_id IN ${idList(userIds)}`);
}
