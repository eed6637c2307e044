/**
 * Assigning required courses: to a unit (its whole subtree) or to chosen
 * learners, with a due date. Managers act only inside their subtrees; an
 * assignment or learner outside answers as not found. Every change is
 * audit-logged; the mail telling learners comes from the reminder scheduler.
 */
import { audit, type Result, type ServiceContext } from '../accounts/context';
import { canManageNode, canManageUser } from '../accounts/scope';
import { appendAuditEvent } from '../db/audit';
import { findUserById } from '../db/users';
import { findActiveAssignment, removeAssignment, upsertAssignment } from '../db/assignments';
import type { SessionUser } from '../auth/types';
import { helsinkiDateKey } from '../../format';

export type AssignError = 'course' | 'due_date' | 'due_past' | 'not_found' | 'no_learners';

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDateKey(value: string): boolean {
  const m = DATE_KEY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

function checkDue(ctx: ServiceContext, dueDate: string): AssignError | undefined {
  if (!isDateKey(dueDate)) return 'due_date';
  if (dueDate < helsinkiDateKey(ctx.now)) return 'due_past';
  return undefined;
}

export interface AssignInput {
  courseId: string;
  dueDate: string;
  nodeId?: number;
  userIds?: number[];
}

/**
 * Assigns a course to a unit or to learners; an assignment already in force
 * for the same target gets the new due date. All or nothing.
 */
export function assignCourse(ctx: ServiceContext, actor: SessionUser, knownCourseIds: readonly string[], input: AssignInput): Result<{ created: number; updated: number }, AssignError> {
  if (!knownCourseIds.includes(input.courseId)) return { ok: false, error: 'course', field: 'courseId' };
  const dueProblem = checkDue(ctx, input.dueDate);
  if (dueProblem) return { ok: false, error: dueProblem, field: 'dueDate' };
  const userIds = [...new Set(input.userIds ?? [])];
  if (input.nodeId === undefined && !userIds.length) return { ok: false, error: 'no_learners' };
  if (input.nodeId !== undefined && !canManageNode(ctx.db, actor, input.nodeId)) return { ok: false, error: 'not_found' };
  if (userIds.some((id) => !findUserById(ctx.db, id) || !canManageUser(ctx.db, actor, id))) return { ok: false, error: 'not_found' };
  const targets = input.nodeId !== undefined ? [{ nodeId: input.nodeId }] : userIds.map((userId) => ({ userId }));
  return ctx.db.transaction((tx) => {
    let created = 0;
    let updated = 0;
    for (const target of targets) {
      const { row, created: isNew } = upsertAssignment(tx, { ...target, courseId: input.courseId, dueDate: input.dueDate, assignedBy: actor.id, now: ctx.now });
      if (isNew) created += 1;
      else updated += 1;
      const details = { courseId: input.courseId, dueDate: input.dueDate, ...target };
      appendAuditEvent(tx, { actorId: actor.id, action: isNew ? 'assignment.created' : 'assignment.due_changed', targetType: 'assignment', targetId: row.id, ip: ctx.ip, details }, ctx.now);
    }
    return { ok: true as const, created, updated };
  });
}

function canManageAssignment(ctx: ServiceContext, actor: SessionUser, id: number) {
  const row = findActiveAssignment(ctx.db, id);
  if (!row) return undefined;
  const allowed = row.nodeId !== null ? canManageNode(ctx.db, actor, row.nodeId) : canManageUser(ctx.db, actor, row.userId!);
  return allowed ? row : undefined;
}

/** Moves an assignment's due date. */
export function changeAssignmentDue(ctx: ServiceContext, actor: SessionUser, id: number, dueDate: string): Result<object, AssignError> {
  const row = canManageAssignment(ctx, actor, id);
  if (!row) return { ok: false, error: 'not_found' };
  const dueProblem = checkDue(ctx, dueDate);
  if (dueProblem) return { ok: false, error: dueProblem, field: 'dueDate' };
  upsertAssignment(ctx.db, { courseId: row.courseId, ...(row.nodeId !== null ? { nodeId: row.nodeId } : { userId: row.userId! }), dueDate, assignedBy: actor.id, now: ctx.now });
  audit(ctx, { actorId: actor.id, action: 'assignment.due_changed', targetType: 'assignment', targetId: id, details: { dueDate } });
  return { ok: true };
}

/** Ends an assignment; its history stays. */
export function withdrawAssignment(ctx: ServiceContext, actor: SessionUser, id: number): Result<object, AssignError> {
  const row = canManageAssignment(ctx, actor, id);
  if (!row || !removeAssignment(ctx.db, id, actor.id, ctx.now)) return { ok: false, error: 'not_found' };
  audit(ctx, { actorId: actor.id, action: 'assignment.removed', targetType: 'assignment', targetId: id, details: { courseId: row.courseId } });
  return { ok: true };
}
