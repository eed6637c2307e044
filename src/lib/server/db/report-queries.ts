/**
 * The reads behind manager reports: members of a scope in keyset pages, and
 * for one page of members their course activity, completions and
 * certificates. Each read is one indexed query, so a report of 100,000 rows
 * runs in bounded memory and leaves room for other requests between pages.
 */
import { sql, type SQL } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { rawClient, type Db, type DbClient } from './client';

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

/** Members with their account and unit; `scopeCondition` narrows it. */
const MEMBERS_FROM = sql.raw('FROM membership m JOIN "user" u ON u.id = m.user_id JOIN org_node n ON n.id = m.node_id');

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
    ${MEMBERS_FROM}
    WHERE ${scopeCondition(scope)} AND u.id > ${afterUserId}
    ORDER BY u.id LIMIT ${limit}`);
}

/** How many members a scope holds. */
export function countMembers(db: DbClient, scope: MemberScope): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n ${MEMBERS_FROM} WHERE ${scopeCondition(scope)}`)!.n;
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

// The per-page reads run 60 times for a 10,000-person report: prepared once per connection, with the
// page's ids passed as one JSON array (json_each) so the statement never changes shape.
const PAGE_QUERIES = {
  activity: `SELECT user_id AS userId, course_id AS courseId, started_at AS startedAt, progress_percent AS progressPercent, progress_version AS progressVersion, best_final_score AS bestFinalScore
    FROM course_activity WHERE user_id IN (SELECT value FROM json_each(?))`,
  completions: `SELECT c.user_id AS userId, c.course_id AS courseId, c.version AS version, c.completed_at AS completedAt,
      EXISTS (SELECT 1 FROM certificate x WHERE x.completion_id = c.id) AS hasCertificate
    FROM course_completion c WHERE c.user_id IN (SELECT value FROM json_each(?))`,
  certificates: `SELECT user_id AS userId, course_id AS courseId, code, version, issued_at AS issuedAt, valid_until AS validUntil, revoked_at AS revokedAt
    FROM certificate WHERE user_id IN (SELECT value FROM json_each(?))`,
} as const;

const prepared = new WeakMap<Database.Database, Map<keyof typeof PAGE_QUERIES, Database.Statement>>();

function pageQuery<T>(db: Db, name: keyof typeof PAGE_QUERIES, userIds: readonly number[]): T[] {
  if (!userIds.length) return [];
  const client = rawClient(db);
  let statements = prepared.get(client);
  if (!statements) prepared.set(client, (statements = new Map()));
  let statement = statements.get(name);
  if (!statement) {
    statement = client.prepare(PAGE_QUERIES[name]);
    statements.set(name, statement);
  }
  return statement.all(JSON.stringify(userIds)) as T[];
}

/** Course activity of a page of members. */
export function listActivityOf(db: Db, userIds: readonly number[]): ActivityRow[] {
  return pageQuery<ActivityRow>(db, 'activity', userIds);
}

/** Completions of a page of members, and whether each has its certificate. */
export function listCompletionsOf(db: Db, userIds: readonly number[]): CompletionFactRow[] {
  return pageQuery<CompletionFactRow>(db, 'completions', userIds);
}

/** Certificates of a page of members. */
export function listCertificatesOf(db: Db, userIds: readonly number[]): CertificateFactRow[] {
  return pageQuery<CertificateFactRow>(db, 'certificates', userIds);
}

/**
 * When completions happened, for people who were members of the scope at
 * that moment (membership history), since an instant: the monthly chart
 * counts a completion where the person worked when they completed.
 */
export function listCompletionTimes(db: DbClient, scope: Pick<MemberScope, 'paths' | 'subtree'>, courseIds: readonly string[] | undefined, since: number): number[] {
  const parts: SQL[] = [sql`c.completed_at >= ${since}`, sql`m.status IN ('active', 'ended')`, sql`m.joined_at <= c.completed_at`, sql`(m.left_at IS NULL OR m.left_at > c.completed_at)`];
  if (scope.paths) parts.push(scope.paths.length ? sql`(${sql.join(scope.paths.map((p) => sql`n.path LIKE ${`${p}%`}`), sql` OR `)})` : sql`0`);
  if (scope.subtree) parts.push(sql`n.path LIKE ${`${scope.subtree}%`}`);
  if (courseIds) parts.push(courseIds.length ? sql`c.course_id IN (${sql.join(courseIds.map((id) => sql`${id}`), sql`, `)})` : sql`0`);
  return db
    .all<{ t: number }>(sql`SELECT c.completed_at AS t FROM course_completion c JOIN membership m ON m.user_id = c.user_id JOIN org_node n ON n.id = m.node_id WHERE ${sql.join(parts, sql` AND `)}`)
    .map((r) => r.t);
}

/** [userId, nodeId, nodePath, joinedAt] of every member in a scope. */
export type ScopeMemberTuple = [number, number, string, number];
/** [userId, courseId, startedAt]. */
export type ScopeActivityTuple = [number, string, number];
/** [userId, courseId] of completions still waiting for their certificate. */
export type ScopePendingTuple = [number, string];
/** [userId, courseId, issuedAt, validUntil, revokedAt]. */
export type ScopeCertificateTuple = [number, string, number, number | null, number | null];

/**
 * Everything the dashboard needs about a whole scope in four reads, as
 * plain tuples: the dashboard looks at every member at once, and arrays are
 * several times cheaper than row objects at tens of thousands of rows. The
 * member ids found first are passed to the other reads as one JSON array.
 */
export function loadScopeFacts(db: Db, scope: MemberScope) {
  const members = db.values<ScopeMemberTuple>(sql`SELECT u.id, n.id, n.path, coalesce(m.joined_at, m.requested_at) ${MEMBERS_FROM} WHERE ${scopeCondition(scope)}`);
  const ids = JSON.stringify(members.map((m) => m[0]));
  const inScope = sql`(SELECT value FROM json_each(${ids}))`;
  return {
    members,
    activity: db.values<ScopeActivityTuple>(sql`SELECT user_id, course_id, started_at FROM course_activity WHERE user_id IN ${inScope}`),
    pending: db.values<ScopePendingTuple>(sql`SELECT c.user_id, c.course_id FROM course_completion c WHERE c.user_id IN ${inScope} AND NOT EXISTS (SELECT 1 FROM certificate x WHERE x.completion_id = c.id)`),
    certificates: db.values<ScopeCertificateTuple>(sql`SELECT user_id, course_id, issued_at, valid_until, revoked_at FROM certificate WHERE user_id IN ${inScope}`),
  };
}
