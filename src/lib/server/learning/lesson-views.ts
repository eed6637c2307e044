/**
 * What the lesson page's server islands show the signed-in learner: the
 * lesson's status with the course's progress, and a saved reflection.
 * Nobody signed in gets nothing (the island shows a sign-in link).
 */
import type { RequestContext } from '../context';
import { findReflection, listFinalAttempts, loadRecordSets } from '../db/learning';
import { evaluateCompletion, missingParts } from '../../learning/completion';
import type { CourseStructure } from '../../learning/structure';
import { courseStatus } from './progress';

export interface LessonStatusView {
  read: boolean;
  /** Activities still to do in this lesson. */
  remaining: number;
  total: number;
  /** The course's progress, in percent. */
  percent: number;
}

/** The actor's status for one lesson of `course`; undefined when nobody is signed in or the lesson is unknown. */
export function lessonStatusFor(ctx: RequestContext, course: CourseStructure, lessonId: string): LessonStatusView | undefined {
  const lesson = course.lessons.find((l) => l.id === lessonId);
  if (!ctx.actor || !lesson) return undefined;
  const records = loadRecordSets(ctx.db, ctx.actor.id, course.id, course.version);
  const parts = missingParts(lesson, records);
  return {
    read: records.readLessonIds.has(lessonId),
    remaining: parts.filter((p) => p.kind !== 'read').length,
    total: lesson.quizIds.length + lesson.caseIds.length,
    // One load of the records serves the lesson's parts and the course's progress (a live-session rule reads one more row).
    percent: (course.requiresLiveSession ? courseStatus(ctx.db, course, ctx.actor.id) : evaluateCompletion(course, records)).percent,
  };
}

/** The actor's saved answer to a reflection, if any. */
export function savedReflectionOf(ctx: RequestContext, reflectionId: string) {
  return ctx.actor ? findReflection(ctx.db, ctx.actor.id, reflectionId) : undefined;
}

/** Whether the actor has read a lesson of `course`. */
export function hasReadLesson(ctx: RequestContext, course: CourseStructure, lessonId: string): boolean {
  return ctx.actor ? loadRecordSets(ctx.db, ctx.actor.id, course.id, course.version).readLessonIds.has(lessonId) : false;
}

/** The actor's final-quiz attempts in a course, every version. */
export function finalAttemptsOf(ctx: RequestContext, courseId: string) {
  return ctx.actor ? listFinalAttempts(ctx.db, ctx.actor.id, courseId) : [];
}
