/** Data access for learning records: lesson progress, quiz attempts, case runs, reflections, final attempts, completions. */
import { and, desc, eq, gte, isNotNull, max, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DbClient } from './client';
import { prepareOnce } from './prepared';
import { caseRun, courseActivity, courseCompletion, finalAttempt, lessonProgress, quizAttempt, reflection, type CaseStep } from './schema';

export interface RecordKey {
  userId: number;
  courseId: string;
  version: string;
  contentHash: string;
}

export function recordLessonView(db: DbClient, key: RecordKey, lessonId: string, now: Date): void {
  db.insert(lessonProgress)
    .values({ ...key, lessonId, firstViewedAt: now, lastViewedAt: now })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonId, lessonProgress.version],
      set: { lastViewedAt: now, firstViewedAt: sql`coalesce(${lessonProgress.firstViewedAt}, ${now.getTime()})` },
    })
    .run();
}

/** Marks a lesson read; a second mark keeps the first time. */
export function recordLessonCompleted(db: DbClient, key: RecordKey, lessonId: string, now: Date): void {
  db.insert(lessonProgress)
    .values({ ...key, lessonId, firstViewedAt: now, lastViewedAt: now, completedAt: now })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonId, lessonProgress.version],
      set: { completedAt: sql`coalesce(${lessonProgress.completedAt}, ${now.getTime()})`, lastViewedAt: now },
    })
    .run();
}

export function findLessonProgress(db: DbClient, userId: number, courseId: string, version: string) {
  return db.select().from(lessonProgress).where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.courseId, courseId), eq(lessonProgress.version, version))).all();
}

/** The same answer by the same learner to the same question since `since`, if any. */
export function findIdenticalQuizAttempt(db: DbClient, userId: number, questionId: string, answer: string[], since: Date) {
  return db
    .select()
    .from(quizAttempt)
    .where(and(eq(quizAttempt.userId, userId), eq(quizAttempt.questionId, questionId), eq(quizAttempt.answer, answer), gte(quizAttempt.createdAt, since)))
    .orderBy(desc(quizAttempt.id))
    .limit(1)
    .get();
}

export function insertQuizAttempt(db: DbClient, row: typeof quizAttempt.$inferInsert): number {
  return db.insert(quizAttempt).values(row).returning({ id: quizAttempt.id }).get().id;
}

export type CaseRunRow = typeof caseRun.$inferSelect;

export function findCaseRun(db: DbClient, id: number): CaseRunRow | undefined {
  return db.select().from(caseRun).where(eq(caseRun.id, id)).get();
}

/** The learner's most recent run of a case started since `since`. */
export function findRecentCaseRun(db: DbClient, userId: number, caseId: string, since: Date): CaseRunRow | undefined {
  return db
    .select()
    .from(caseRun)
    .where(and(eq(caseRun.userId, userId), eq(caseRun.caseId, caseId), gte(caseRun.startedAt, since)))
    .orderBy(desc(caseRun.id))
    .limit(1)
    .get();
}

export function insertCaseRun(db: DbClient, row: typeof caseRun.$inferInsert): CaseRunRow {
  return db.insert(caseRun).values(row).returning().get();
}

export function updateCaseRun(db: DbClient, id: number, values: { currentPoint: string | null; endingId?: string | null; outcome?: 'good' | 'mixed' | 'poor' | null; path: CaseStep[]; updatedAt: Date }): void {
  db.update(caseRun).set(values).where(eq(caseRun.id, id)).run();
}

export function upsertReflection(db: DbClient, row: typeof reflection.$inferInsert): void {
  db.insert(reflection)
    .values(row)
    .onConflictDoUpdate({ target: [reflection.userId, reflection.reflectionId], set: { text: row.text, updatedAt: row.updatedAt, version: row.version } })
    .run();
}

export function findReflection(db: DbClient, userId: number, reflectionId: string) {
  return db.select().from(reflection).where(and(eq(reflection.userId, userId), eq(reflection.reflectionId, reflectionId))).get();
}

export type FinalAttemptRow = typeof finalAttempt.$inferSelect;

/** Inserts an attempt unless one with the same nonce exists; returns the stored attempt either way. */
export function insertFinalAttemptOnce(db: DbClient, row: typeof finalAttempt.$inferInsert): { attempt: FinalAttemptRow; created: boolean } {
  const inserted = db.insert(finalAttempt).values(row).onConflictDoNothing({ target: finalAttempt.nonce }).returning().get();
  if (inserted) return { attempt: inserted, created: true };
  return { attempt: db.select().from(finalAttempt).where(eq(finalAttempt.nonce, row.nonce)).get()!, created: false };
}

export function listFinalAttempts(db: DbClient, userId: number, courseId: string): FinalAttemptRow[] {
  return db.select().from(finalAttempt).where(and(eq(finalAttempt.userId, userId), eq(finalAttempt.courseId, courseId))).orderBy(desc(finalAttempt.submittedAt)).all();
}

export function touchCourseActivity(db: DbClient, userId: number, courseId: string, now: Date): void {
  db.insert(courseActivity)
    .values({ userId, courseId, startedAt: now, lastActivityAt: now })
    .onConflictDoUpdate({ target: [courseActivity.userId, courseActivity.courseId], set: { lastActivityAt: now } })
    .run();
}

/**
 * Stores the learner's progress in a course as the rule engine just computed
 * it, and the best final-quiz score under that version, so reports of
 * thousands of learners read one row instead of re-running the rules.
 */
export function recordProgressSummary(db: DbClient, userId: number, courseId: string, version: string, percent: number): void {
  const best = db
    .select({ best: sql<number | null>`max(${finalAttempt.scorePercent})` })
    .from(finalAttempt)
    .where(and(eq(finalAttempt.userId, userId), eq(finalAttempt.courseId, courseId), eq(finalAttempt.version, version)))
    .get()?.best ?? null;
  db.update(courseActivity)
    .set({ progressPercent: percent, progressVersion: version, bestFinalScore: best })
    .where(and(eq(courseActivity.userId, userId), eq(courseActivity.courseId, courseId)))
    .run();
}

export function listCourseActivity(db: DbClient, userId: number) {
  return db.select().from(courseActivity).where(eq(courseActivity.userId, userId)).orderBy(desc(courseActivity.lastActivityAt)).all();
}

/** The sets the rule engine needs, for one learner, course and version label. */
export function loadRecordSets(db: DbClient, userId: number, courseId: string, version: string) {
  const key = { userId, courseId, version };
  const of = <T extends { userId: SQLiteColumn; courseId: SQLiteColumn; version: SQLiteColumn }>(t: T) =>
    and(eq(t.userId, sql.placeholder('userId')), eq(t.courseId, sql.placeholder('courseId')), eq(t.version, sql.placeholder('version')));
  // Every lesson view and activity reads these four sets: prepared once per connection.
  const read = prepareOnce(db, 'learning.readLessons', (d) =>
    d.select({ lessonId: lessonProgress.lessonId }).from(lessonProgress).where(and(of(lessonProgress), isNotNull(lessonProgress.completedAt))).prepare(),
  ).all(key);
  const answered = prepareOnce(db, 'learning.answered', (d) => d.selectDistinct({ questionId: quizAttempt.questionId }).from(quizAttempt).where(of(quizAttempt)).prepare()).all(key);
  const finished = prepareOnce(db, 'learning.finishedCases', (d) =>
    d.selectDistinct({ caseId: caseRun.caseId }).from(caseRun).where(and(of(caseRun), isNotNull(caseRun.endingId))).prepare(),
  ).all(key);
  const best = prepareOnce(db, 'learning.bestFinal', (d) => d.select({ best: max(finalAttempt.scorePercent) }).from(finalAttempt).where(of(finalAttempt)).prepare()).get(key);
  return {
    readLessonIds: new Set(read.map((r) => r.lessonId)),
    answeredQuestionIds: new Set(answered.map((r) => r.questionId)),
    finishedCaseIds: new Set(finished.map((r) => r.caseId)),
    bestFinalScore: best?.best ?? null,
  };
}

export type CompletionRow = typeof courseCompletion.$inferSelect;

export function listCompletions(db: DbClient, userId: number, courseId?: string): CompletionRow[] {
  return db
    .select()
    .from(courseCompletion)
    .where(courseId ? and(eq(courseCompletion.userId, userId), eq(courseCompletion.courseId, courseId)) : eq(courseCompletion.userId, userId))
    .orderBy(desc(courseCompletion.completedAt))
    .all();
}

/** Records a completion once per learner, course, version and round; returns it (new or existing). */
export function insertCompletionOnce(db: DbClient, row: typeof courseCompletion.$inferInsert): { completion: CompletionRow; created: boolean } {
  const inserted = db.insert(courseCompletion).values(row).onConflictDoNothing().returning().get();
  if (inserted) return { completion: inserted, created: true };
  const existing = db
    .select()
    .from(courseCompletion)
    .where(and(eq(courseCompletion.userId, row.userId), eq(courseCompletion.courseId, row.courseId), eq(courseCompletion.version, row.version), eq(courseCompletion.round, row.round)))
    .get()!;
  return { completion: existing, created: false };
}
