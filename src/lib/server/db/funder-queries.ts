/**
 * The reads behind the funder indicators: completions of a period with the
 * node the person was a member of at that moment (membership history, as in
 * `listCompletionTimes`), the organisation tree, and the years that have
 * completions. Erased people are included on purpose: their completions
 * remain as anonymous counts.
 */
import { sql } from 'drizzle-orm';
import type { DbClient } from './client';

export interface FunderCompletionRow {
  userId: number;
  courseId: string;
  completedAt: number;
  /** The node of the membership at the time of completion; null when there was none. */
  nodeId: number | null;
}

/** Completions of `courseIds` in [from, until), each with its node at completion time. */
export function listCompletionsWithNode(db: DbClient, courseIds: readonly string[], from: Date, until: Date): FunderCompletionRow[] {
  if (!courseIds.length) return [];
  // A correlated lookup, so overlapping membership rows (should there be any) cannot count a completion twice.
  return db.all<FunderCompletionRow>(sql`
    SELECT c.user_id AS userId, c.course_id AS courseId, c.completed_at AS completedAt,
      (SELECT m.node_id FROM membership m
        WHERE m.user_id = c.user_id AND m.status IN ('active', 'ended') AND m.joined_at <= c.completed_at AND (m.left_at IS NULL OR m.left_at > c.completed_at)
        ORDER BY m.joined_at DESC, m.id DESC LIMIT 1) AS nodeId
    FROM course_completion c
    WHERE c.course_id IN (${sql.join(courseIds.map((id) => sql`${id}`), sql`, `)})
      AND c.completed_at >= ${from.getTime()} AND c.completed_at < ${until.getTime()}`);
}

export interface FunderNodeRow {
  id: number;
  parentId: number | null;
  type: string;
  path: string;
}

/** Every node of the tree, archived ones included (people completed there before it was archived). */
export function listFunderNodes(db: DbClient): FunderNodeRow[] {
  return db.all<FunderNodeRow>(sql`SELECT id, parent_id AS parentId, type, path FROM org_node`);
}

/** The Helsinki calendar years in which anything was completed, oldest first. */
export function listCompletionYears(db: DbClient): number[] {
  // Helsinki is always at UTC+2 around New Year (summer time is March to October),
  // so shifting by two hours gives the Helsinki year of every instant exactly.
  return db
    .all<{ year: number }>(sql`SELECT DISTINCT CAST(strftime('%Y', (completed_at + 7200000) / 1000, 'unixepoch') AS INTEGER) AS year FROM course_completion ORDER BY year`)
    .map((r) => r.year);
}
