/**
 * Administration of users: roles, manager scopes, trainer courses, disabling.
 * Every change ends the user's sessions where it changes what they may do,
 * and is written to the audit log.
 */
import { eq } from 'drizzle-orm';
import { courseTrainer } from '../db/schema';
import { findUserById, getUserRoles, setUserRoles, updateUser } from '../db/users';
import { findNode } from '../db/org';
import { invalidateUserSessions } from '../auth/session';
import { ROLES, type Role } from '../auth/types';
import { listManagerScopeNodeIds, replaceManagerScopes } from './scope';
import { audit, type Result, type ServiceContext } from './context';
import type { DbClient } from '../db/client';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export type AdminError = 'not_found' | 'self' | 'bad_node';

/** Replaces a user's roles; all their sessions end. An admin cannot remove their own admin role. */
export function changeUserRoles(ctx: ServiceContext, actorId: number, userId: number, roles: Role[]): Result<object, AdminError> {
  if (!findUserById(ctx.db, userId)) return { ok: false, error: 'not_found' };
  if (userId === actorId && !roles.includes('admin')) return { ok: false, error: 'self' };
  const before = getUserRoles(ctx.db, userId);
  ctx.db.transaction((tx) => {
    setUserRoles(tx, userId, roles);
    if (!roles.includes('manager')) replaceManagerScopes(tx, userId, []);
    if (!roles.includes('trainer')) tx.delete(courseTrainer).where(eq(courseTrainer.userId, userId)).run();
    invalidateUserSessions(tx, userId);
  });
  audit(ctx, { actorId, action: 'user.roles_changed', targetType: 'user', targetId: userId, details: { before, after: [...new Set<Role>(['learner', ...roles])] } });
  return { ok: true };
}

/** Replaces the subtrees a manager sees. */
export function changeManagerScopes(ctx: ServiceContext, actorId: number, userId: number, nodeIds: number[]): Result<object, AdminError> {
  if (!findUserById(ctx.db, userId)) return { ok: false, error: 'not_found' };
  if (nodeIds.some((id) => !findNode(ctx.db, id))) return { ok: false, error: 'bad_node', field: 'scopes' };
  const before = listManagerScopeNodeIds(ctx.db, userId);
  ctx.db.transaction((tx) => {
    replaceManagerScopes(tx, userId, nodeIds);
    invalidateUserSessions(tx, userId);
  });
  audit(ctx, { actorId, action: 'user.scopes_changed', targetType: 'user', targetId: userId, details: { before, after: nodeIds } });
  return { ok: true };
}

export function listTrainerCourses(db: DbClient, userId: number): string[] {
  return db.select({ courseId: courseTrainer.courseId }).from(courseTrainer).where(eq(courseTrainer.userId, userId)).all().map((r) => r.courseId);
}

/** Replaces the courses whose analytics a trainer sees. */
export function changeTrainerCourses(ctx: ServiceContext, actorId: number, userId: number, courseIds: string[]): Result<object, AdminError> {
  if (!findUserById(ctx.db, userId)) return { ok: false, error: 'not_found' };
  ctx.db.transaction((tx) => {
    tx.delete(courseTrainer).where(eq(courseTrainer.userId, userId)).run();
    const unique = [...new Set(courseIds)];
    if (unique.length) tx.insert(courseTrainer).values(unique.map((courseId) => ({ userId, courseId }))).run();
  });
  audit(ctx, { actorId, action: 'user.trainer_courses_changed', targetType: 'user', targetId: userId, details: { courses: courseIds } });
  return { ok: true };
}

/** Disables or enables a user; disabling ends every session at once. */
export function setUserDisabled(ctx: ServiceContext, actorId: number, userId: number, disabled: boolean): Result<object, AdminError> {
  if (!findUserById(ctx.db, userId)) return { ok: false, error: 'not_found' };
  if (userId === actorId) return { ok: false, error: 'self' };
  ctx.db.transaction((tx) => {
    updateUser(tx, userId, { disabledAt: disabled ? ctx.now : null });
    if (disabled) invalidateUserSessions(tx, userId);
  });
  audit(ctx, { actorId, action: disabled ? 'user.disabled' : 'user.enabled', targetType: 'user', targetId: userId });
  return { ok: true };
}
