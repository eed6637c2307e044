/**
 * The trainer's analytics pages: which courses the trainer may see (a course
 * they may not see answers exactly like one that does not exist), the
 * learner counts per course, and the recorded versions and anonymous rows of
 * one course.
 */
import { fail, ok, type Result } from '../../result';
import type { RequestContext } from '../context';
import type { SessionUser } from '../auth/types';
import { countCourseLearners, listRecordedVersions, loadAnalyticsRows } from '../db/analytics';
import type { AnalyticsRows } from '../../reporting/trainer-analytics';
import { canViewCourseAnalytics, listAnalyticsCourseIds } from './trainer-access';

/** The ids among `courseIds` whose analytics `user` may see. */
export function visibleAnalyticsCourses(ctx: RequestContext, user: Pick<SessionUser, 'id' | 'roles'>, courseIds: readonly string[]): Set<string> {
  return new Set(listAnalyticsCourseIds(ctx.db, user, courseIds));
}

/** How many started and completed a course's current version. */
export function courseLearnerCounts(ctx: RequestContext, courseId: string, version: string): { started: number; completed: number } {
  return countCourseLearners(ctx.db, courseId, version);
}

export interface CourseAnalyticsData {
  /** The current version first, then every recorded one, newest first. */
  versions: string[];
  /** The version shown: the one asked for when it exists, else the current one. */
  version: string;
  rows: AnalyticsRows;
}

/** The analytics rows of one course for `user`; `not-found` when the trainer may not see the course. */
export function loadCourseAnalytics(ctx: RequestContext, user: Pick<SessionUser, 'id' | 'roles'>, courseId: string, current: string, asked: string | undefined): Result<CourseAnalyticsData, 'not-found'> {
  if (!canViewCourseAnalytics(ctx.db, user, courseId)) return fail('not-found');
  const versions = [...new Set([current, ...listRecordedVersions(ctx.db, courseId)])].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  const version = asked !== undefined && versions.includes(asked) ? asked : current;
  return ok({ versions, version, rows: loadAnalyticsRows(ctx.db, courseId, version) });
}
