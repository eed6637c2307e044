/**
 * Data access for trainer analytics: the learning records of one course and
 * version label as plain rows for `reporting/trainer-analytics.ts`, learner
 * counts for the course list, and the version labels that have records.
 * Only the columns the figures need are read; nothing here names a person.
 */
import { and, eq } from 'drizzle-orm';
import type { DbClient } from './client';
import { caseRun, courseCompletion, finalAttempt, lessonProgress, quizAttempt } from './schema';
import type { AnalyticsRows } from '../../reporting/trainer-analytics';

/** Every record of a course under one version label that the analytics read. */
export function loadAnalyticsRows(db: DbClient, courseId: string, version: string): AnalyticsRows {
  const lessonViews = db
    .select({ userId: lessonProgress.userId, lessonId: lessonProgress.lessonId })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.courseId, courseId), eq(lessonProgress.version, version)))
    .all();
  const quizAttempts = db
    .select({ id: quizAttempt.id, userId: quizAttempt.userId, questionId: quizAttempt.questionId, correct: quizAttempt.correct, createdAt: quizAttempt.createdAt })
    .from(quizAttempt)
    .where(and(eq(quizAttempt.courseId, courseId), eq(quizAttempt.version, version)))
    .all()
    .map(({ createdAt, ...r }) => ({ ...r, at: createdAt.getTime() }));
  const caseRuns = db
    .select({ id: caseRun.id, userId: caseRun.userId, caseId: caseRun.caseId, path: caseRun.path })
    .from(caseRun)
    .where(and(eq(caseRun.courseId, courseId), eq(caseRun.version, version)))
    .all();
  const finalAttempts = db
    .select({ id: finalAttempt.id, userId: finalAttempt.userId, submittedAt: finalAttempt.submittedAt, passed: finalAttempt.passed, answers: finalAttempt.answers, wrongQuestionIds: finalAttempt.wrongQuestionIds })
    .from(finalAttempt)
    .where(and(eq(finalAttempt.courseId, courseId), eq(finalAttempt.version, version)))
    .all()
    .map(({ submittedAt, ...r }) => ({ ...r, at: submittedAt.getTime() }));
  return { lessonViews, quizAttempts, caseRuns, finalAttempts, completedUserIds: completedLearners(db, courseId, version) };
}

function completedLearners(db: DbClient, courseId: string, version: string): number[] {
  return db
    .selectDistinct({ userId: courseCompletion.userId })
    .from(courseCompletion)
    .where(and(eq(courseCompletion.courseId, courseId), eq(courseCompletion.version, version)))
    .all()
    .map((r) => r.userId);
}

/**
 * How many learners have any record of the course under the version label,
 * and how many completed it then; the same "started" as the analytics page.
 */
export function countCourseLearners(db: DbClient, courseId: string, version: string): { started: number; completed: number } {
  const started = db
    .select({ userId: lessonProgress.userId })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.courseId, courseId), eq(lessonProgress.version, version)))
    .union(db.select({ userId: quizAttempt.userId }).from(quizAttempt).where(and(eq(quizAttempt.courseId, courseId), eq(quizAttempt.version, version))))
    .union(db.select({ userId: caseRun.userId }).from(caseRun).where(and(eq(caseRun.courseId, courseId), eq(caseRun.version, version))))
    .union(db.select({ userId: finalAttempt.userId }).from(finalAttempt).where(and(eq(finalAttempt.courseId, courseId), eq(finalAttempt.version, version))))
    .union(db.select({ userId: courseCompletion.userId }).from(courseCompletion).where(and(eq(courseCompletion.courseId, courseId), eq(courseCompletion.version, version))))
    .all().length;
  return { started, completed: completedLearners(db, courseId, version).length };
}

/** The version labels of a course that have learning records, newest label first. */
export function listRecordedVersions(db: DbClient, courseId: string): string[] {
  const rows = db
    .select({ version: lessonProgress.version })
    .from(lessonProgress)
    .where(eq(lessonProgress.courseId, courseId))
    .union(db.select({ version: quizAttempt.version }).from(quizAttempt).where(eq(quizAttempt.courseId, courseId)))
    .union(db.select({ version: caseRun.version }).from(caseRun).where(eq(caseRun.courseId, courseId)))
    .union(db.select({ version: finalAttempt.version }).from(finalAttempt).where(eq(finalAttempt.courseId, courseId)))
    .all();
  return rows.map((r) => r.version).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
}
