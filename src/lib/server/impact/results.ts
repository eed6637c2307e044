/**
 * Feedback and follow-up figures as trainers and managers see them: a
 * trainer for the courses they may analyse, a manager for the people of their
 * subtrees (by the unit each belonged to when answering). Always aggregated,
 * groups under five suppressed (`reporting/impact.ts`).
 */
import type { SessionUser } from '../auth/types';
import type { DbClient } from '../db/client';
import { listFeedbackAnswers, listFollowUpAnswers } from '../db/impact';
import { managedPaths } from '../accounts/scope';
import { canViewCourseAnalytics } from '../learning/trainer-access';
import { summariseFeedback, summariseFollowUps, type FeedbackSummary, type FollowUpSummary } from '../../reporting/impact';

export interface CourseImpact {
  feedback: FeedbackSummary;
  followUp: FollowUpSummary;
}

/** One course's figures for a trainer, or undefined when they may not see the course. */
export function loadCourseImpactForTrainer(db: DbClient, actor: SessionUser, courseId: string): CourseImpact | undefined {
  if (!canViewCourseAnalytics(db, actor, courseId)) return undefined;
  return { feedback: summariseFeedback(listFeedbackAnswers(db, courseId)), followUp: summariseFollowUps(listFollowUpAnswers(db, courseId)) };
}

/** Every course's figures over a manager's subtrees (an administrator: everyone). */
export function loadImpactForManager(db: DbClient, actor: SessionUser, courses: readonly { id: string; title: string }[]): ({ id: string; title: string } & CourseImpact)[] {
  const paths = managedPaths(db, actor);
  return courses.map((c) => ({ ...c, feedback: summariseFeedback(listFeedbackAnswers(db, c.id, paths)), followUp: summariseFollowUps(listFollowUpAnswers(db, c.id, paths)) }));
}
