/**
 * Data access for completion feedback and follow-ups. Answers are read back
 * only in aggregate (see `reporting/impact.ts`); these functions never join
 * names onto free text.
 */
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { courseCompletion, courseFeedback, followUp, user, type AdoptionAnswer } from './schema';

export type FollowUpRow = typeof followUp.$inferSelect;
export type FeedbackRow = typeof courseFeedback.$inferSelect;

/** Completions between `from` and `until` that have no follow-up yet, of people who can still be mailed. */
export function listCompletionsDueFollowUp(db: DbClient, courseId: string, from: Date, until: Date) {
  return db
    .select({ completionId: courseCompletion.id, userId: courseCompletion.userId, completedAt: courseCompletion.completedAt, snapshot: courseCompletion.snapshot, email: user.email, name: user.name })
    .from(courseCompletion)
    .innerJoin(user, eq(user.id, courseCompletion.userId))
    .leftJoin(followUp, eq(followUp.completionId, courseCompletion.id))
    .where(and(eq(courseCompletion.courseId, courseId), gt(courseCompletion.completedAt, from), lte(courseCompletion.completedAt, until), isNull(followUp.id), isNull(user.erasedAt), isNull(user.disabledAt)))
    .all();
}

/** Inserts the follow-up of a completion; undefined when another run already did. */
export function insertFollowUp(db: DbClient, values: { userId: number; courseId: string; completionId: number; completedAt: Date; nodePath: string | null; sentAt: Date }): number | undefined {
  return db.insert(followUp).values(values).onConflictDoNothing().returning({ id: followUp.id }).get()?.id;
}

export function setFollowUpToken(db: DbClient, id: number, tokenId: string): void {
  db.update(followUp).set({ tokenId }).where(eq(followUp.id, id)).run();
}

export function findFollowUp(db: DbClient, id: number): FollowUpRow | undefined {
  return db.select().from(followUp).where(eq(followUp.id, id)).get();
}

/** Follow-ups sent before `sentBefore`, unanswered and not yet reminded. */
export function listFollowUpsDueReminder(db: DbClient, sentBefore: Date, sentAfter: Date) {
  return db
    .select({ followUp, email: user.email, name: user.name, erasedAt: user.erasedAt })
    .from(followUp)
    .innerJoin(user, eq(user.id, followUp.userId))
    .where(and(isNull(followUp.answeredAt), isNull(followUp.reminderQueuedAt), lte(followUp.sentAt, sentBefore), gt(followUp.sentAt, sentAfter)))
    .all();
}

/** Claims the one reminder; false when it was already claimed. */
export function claimFollowUpReminder(db: DbClient, id: number, now: Date): boolean {
  return db.update(followUp).set({ reminderQueuedAt: now }).where(and(eq(followUp.id, id), isNull(followUp.reminderQueuedAt), isNull(followUp.answeredAt))).run().changes === 1;
}

/** Records the answer once; false when it was already answered. */
export function recordFollowUpAnswer(db: DbClient, id: number, answer: { adoption: AdoptionAnswer; change: string | null }, now: Date): boolean {
  return db.update(followUp).set({ ...answer, answeredAt: now }).where(and(eq(followUp.id, id), isNull(followUp.answeredAt))).run().changes === 1;
}

/** Inserts completion feedback once per completion; false when it exists. */
export function insertFeedback(db: DbClient, values: Omit<typeof courseFeedback.$inferInsert, 'id'>): boolean {
  return db.insert(courseFeedback).values(values).onConflictDoNothing().run().changes === 1;
}

export function findFeedbackOfCompletion(db: DbClient, completionId: number): FeedbackRow | undefined {
  return db.select().from(courseFeedback).where(eq(courseFeedback.completionId, completionId)).get();
}

function pathCondition(column: 'node_path', paths: readonly string[] | undefined) {
  if (paths === undefined) return sql`1`;
  if (paths.length === 0) return sql`0`;
  return sql`(${sql.join(
    paths.map((p) => sql`${sql.raw(column)} LIKE ${`${p}%`}`),
    sql` OR `,
  )})`;
}

/** Answers (never who gave them) for a course, optionally within a manager's paths. */
export function listFeedbackAnswers(db: DbClient, courseId: string, paths?: readonly string[]): { usefulness: number | null; recommend: number | null; apply: string | null }[] {
  return db.all(sql`SELECT usefulness, recommend, apply FROM course_feedback WHERE course_id = ${courseId} AND skipped = 0 AND ${pathCondition('node_path', paths)} ORDER BY created_at`);
}

/** Follow-ups (sent and answered) for a course, optionally within a manager's paths. */
export function listFollowUpAnswers(db: DbClient, courseId: string, paths?: readonly string[]): { adoption: AdoptionAnswer | null; change: string | null; completedAt: number; nodePath: string | null }[] {
  return db.all(sql`SELECT adoption, change, completed_at AS completedAt, node_path AS nodePath FROM follow_up WHERE course_id = ${courseId} AND ${pathCondition('node_path', paths)} ORDER BY completed_at`);
}

/** For erasure: the answers stay, the person goes. */
export function detachImpactAnswers(db: DbClient, userId: number): void {
  db.update(courseFeedback).set({ userId: null }).where(eq(courseFeedback.userId, userId)).run();
  db.update(followUp).set({ userId: null }).where(eq(followUp.userId, userId)).run();
}

/** Follow-ups of completions in [from, until), with the unit each person was in when followed up. */
export function listFollowUpsForFunders(db: DbClient, from: Date, until: Date): { courseId: string; completedAt: number; nodePath: string | null; adoption: AdoptionAnswer | null }[] {
  return db.all(sql`SELECT course_id AS courseId, completed_at AS completedAt, node_path AS nodePath, adoption FROM follow_up WHERE completed_at >= ${from.getTime()} AND completed_at < ${until.getTime()}`);
}
