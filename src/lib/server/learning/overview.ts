/**
 * What a learner sees of their own progress: per course the status from the
 * rule engine, and whether they have records under an earlier version label
 * (then the course page shows what changed).
 */
import { and, eq, ne } from 'drizzle-orm';
import type { DbClient } from '../db/client';
import { lessonProgress, quizAttempt, caseRun, finalAttempt } from '../db/schema';
import { listCompletions, listCourseActivity, listFinalAttempts } from '../db/learning';
import { courseStatus } from './progress';
import type { CourseStructure } from '../../learning/structure';
import type { CompletionStatus } from '../../learning/completion';

export interface CourseProgress {
  course: CourseStructure;
  status: CompletionStatus;
  startedAt?: Date;
  lastActivityAt?: Date;
  completedAt?: Date;
  bestFinalScore: number | null;
  finalAttempts: number;
  /** The learner has records under an earlier version label. */
  hasEarlierVersion: boolean;
}

export function hasRecordsOfOtherVersion(db: DbClient, userId: number, course: CourseStructure): boolean {
  const where = (t: typeof lessonProgress | typeof quizAttempt | typeof caseRun | typeof finalAttempt) => and(eq(t.userId, userId), eq(t.courseId, course.id), ne(t.version, course.version));
  return Boolean(
    db.select({ id: lessonProgress.id }).from(lessonProgress).where(where(lessonProgress)).limit(1).get() ??
      db.select({ id: quizAttempt.id }).from(quizAttempt).where(where(quizAttempt)).limit(1).get() ??
      db.select({ id: finalAttempt.id }).from(finalAttempt).where(where(finalAttempt)).limit(1).get(),
  );
}

/** A learner's progress in one course. */
export function courseProgress(db: DbClient, course: CourseStructure, userId: number): CourseProgress {
  const status = courseStatus(db, course, userId);
  const activity = listCourseActivity(db, userId).find((a) => a.courseId === course.id);
  const completion = listCompletions(db, userId, course.id).find((c) => c.version === course.version);
  const attempts = listFinalAttempts(db, userId, course.id).filter((a) => a.version === course.version);
  return {
    course,
    status,
    startedAt: activity?.startedAt,
    lastActivityAt: activity?.lastActivityAt,
    completedAt: completion?.completedAt,
    bestFinalScore: attempts.length ? Math.max(...attempts.map((a) => a.scorePercent)) : null,
    finalAttempts: attempts.length,
    hasEarlierVersion: hasRecordsOfOtherVersion(db, userId, course),
  };
}

/** The courses a learner has started, most recently active first. */
export function startedCourses(db: DbClient, courses: Map<string, CourseStructure>, userId: number): CourseProgress[] {
  return listCourseActivity(db, userId)
    .map((a) => courses.get(a.courseId))
    .filter((c): c is CourseStructure => c !== undefined)
    .map((c) => courseProgress(db, c, userId));
}
