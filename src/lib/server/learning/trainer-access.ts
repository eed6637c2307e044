/**
 * Data-level access to trainer analytics on top of the permission map: a
 * trainer sees the courses an admin assigned to them, an admin sees every
 * course. Any other course answers exactly like an unknown one.
 */
import type { DbClient } from '../db/client';
import type { SessionUser } from '../auth/types';
import { hasPermission } from '../auth/permissions';
import { listTrainerCourses } from '../accounts/admin-users';

/** True when the user may see the analytics of the course. */
export function canViewCourseAnalytics(db: DbClient, user: Pick<SessionUser, 'id' | 'roles'>, courseId: string): boolean {
  if (!hasPermission(user.roles, 'trainer.analytics')) return false;
  if (user.roles.includes('admin')) return true;
  return user.roles.includes('trainer') && listTrainerCourses(db, user.id).includes(courseId);
}

/** The ids among `courseIds` whose analytics the user may see, in the given order. */
export function listAnalyticsCourseIds(db: DbClient, user: Pick<SessionUser, 'id' | 'roles'>, courseIds: readonly string[]): string[] {
  if (!hasPermission(user.roles, 'trainer.analytics')) return [];
  if (user.roles.includes('admin')) return [...courseIds];
  if (!user.roles.includes('trainer')) return [];
  const assigned = new Set(listTrainerCourses(db, user.id));
  return courseIds.filter((id) => assigned.has(id));
}
