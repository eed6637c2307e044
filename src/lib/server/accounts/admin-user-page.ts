/**
 * The administrator's record of one person: roles, memberships, manager
 * scopes, trainer courses, studies and second factor. Opening it is written
 * to the audit log (ids only).
 */
import { fail, ok, type Result } from '../../result';
import type { RequestContext } from '../context';
import { findUserById, getUserRoles, type UserRow } from '../db/users';
import { listMembershipHistory, type MembershipRow } from '../db/memberships';
import { findTotpCredential } from '../db/totp';
import { appendAuditEvent } from '../db/audit';
import type { Role } from '../auth/types';
import type { CourseStructure } from '../../learning/structure';
import { parseId } from '../../ids';
import { listTree, type TreeNode } from './org-tree';
import { listManagerScopeNodeIds } from './scope';
import { listTrainerCourses } from './admin-users';
import { startedCourses, type CourseProgress } from '../learning/overview';

export interface AdminUserPage {
  target: UserRow;
  roles: Role[];
  tree: TreeNode[];
  history: (MembershipRow & { nodeName: string })[];
  scopes: Set<number>;
  trainerCourses: Set<string>;
  progress: CourseProgress[];
  hasTotp: boolean;
}

/** Loads the record; `structures` are the courses' rule-engine structures by id. */
export function loadAdminUserPage(ctx: RequestContext, rawId: string | undefined, structures: Map<string, CourseStructure>): Result<AdminUserPage, 'not-found'> {
  const id = parseId(rawId);
  const target = ctx.actor && id !== undefined ? findUserById(ctx.db, id) : undefined;
  if (!ctx.actor || !target) return fail('not-found');
  appendAuditEvent(ctx.db, { actorId: ctx.actor.id, action: 'user.personal_data_viewed', targetType: 'user', targetId: target.id, ip: null }, ctx.now);
  return ok({
    target,
    roles: getUserRoles(ctx.db, target.id),
    tree: listTree(ctx.db),
    history: listMembershipHistory(ctx.db, target.id),
    scopes: new Set(listManagerScopeNodeIds(ctx.db, target.id)),
    trainerCourses: new Set(listTrainerCourses(ctx.db, target.id)),
    progress: startedCourses(ctx.db, structures, target.id),
    hasTotp: findTotpCredential(ctx.db, target.id) !== undefined,
  });
}
