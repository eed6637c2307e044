/** Data access for course assignments and their reminder notices. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { prepareOnce } from './prepared';
import { assignment, assignmentNotice, orgNode, user, type NoticeKind } from './schema';
import type { AssignmentRule } from '../../reporting/assignment-due';

export type AssignmentRow = typeof assignment.$inferSelect;

/** Every assignment in force, with its unit's path, as the due-date rules read them. */
export function listActiveAssignmentRules(db: DbClient, courseIds?: readonly string[]): AssignmentRule[] {
  return db
    .select({ id: assignment.id, courseId: assignment.courseId, nodePath: orgNode.path, userId: assignment.userId, dueDate: assignment.dueDate, createdAt: assignment.createdAt, assignedBy: assignment.assignedBy })
    .from(assignment)
    .leftJoin(orgNode, eq(orgNode.id, assignment.nodeId))
    .where(and(isNull(assignment.removedAt), courseIds ? sql`${assignment.courseId} IN ${courseIds.length ? courseIds : ['']}` : undefined))
    .all()
    .map((r) => ({ ...r, createdAt: r.createdAt.getTime() }));
}

export interface AssignmentListItem extends AssignmentRow {
  nodeName: string | null;
  nodePath: string | null;
  userName: string | null;
  userNodePath: string | null;
  assignedByName: string | null;
}

/** Assignments in force, newest first, with names for the page. */
export function listActiveAssignments(db: DbClient): AssignmentListItem[] {
  return db
    .select({
      a: assignment,
      nodeName: orgNode.name,
      nodePath: orgNode.path,
      userName: sql<string | null>`(SELECT u.name FROM user u WHERE u.id = ${assignment.userId})`,
      userNodePath: sql<string | null>`(SELECT n.path FROM membership m JOIN org_node n ON n.id = m.node_id WHERE m.user_id = ${assignment.userId} AND m.status = 'active')`,
      assignedByName: sql<string | null>`(SELECT u.name FROM user u WHERE u.id = ${assignment.assignedBy})`,
    })
    .from(assignment)
    .leftJoin(orgNode, eq(orgNode.id, assignment.nodeId))
    .where(isNull(assignment.removedAt))
    .orderBy(asc(assignment.dueDate), asc(assignment.id))
    .all()
    .map((r) => ({ ...r.a, nodeName: r.nodeName, nodePath: r.nodePath, userName: r.userName, userNodePath: r.userNodePath, assignedByName: r.assignedByName }));
}

export function findActiveAssignment(db: DbClient, id: number): AssignmentRow | undefined {
  return db.select().from(assignment).where(and(eq(assignment.id, id), isNull(assignment.removedAt))).get();
}

/**
 * Assigns a course to a unit or a person, or moves the due date of the
 * assignment already in force for the same target (unique per target and
 * course). Returns the row and whether it is new.
 */
export function upsertAssignment(db: DbClient, input: { courseId: string; nodeId?: number; userId?: number; dueDate: string; assignedBy: number; now: Date }): { row: AssignmentRow; created: boolean } {
  const target = input.nodeId !== undefined ? eq(assignment.nodeId, input.nodeId) : eq(assignment.userId, input.userId!);
  const existing = db.select().from(assignment).where(and(target, eq(assignment.courseId, input.courseId), isNull(assignment.removedAt))).get();
  if (existing) {
    const row = db.update(assignment).set({ dueDate: input.dueDate }).where(eq(assignment.id, existing.id)).returning().get()!;
    return { row, created: false };
  }
  const row = db
    .insert(assignment)
    .values({ courseId: input.courseId, nodeId: input.nodeId ?? null, userId: input.userId ?? null, dueDate: input.dueDate, assignedBy: input.assignedBy, createdAt: input.now })
    .returning()
    .get();
  return { row, created: true };
}

export function removeAssignment(db: DbClient, id: number, by: number, now: Date): boolean {
  return db.update(assignment).set({ removedAt: now, removedBy: by }).where(and(eq(assignment.id, id), isNull(assignment.removedAt))).run().changes === 1;
}

/** Names of users by id (assigners), for reports. */
export function namesById(db: DbClient, ids: readonly number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = db.select({ id: user.id, name: user.name }).from(user).where(sql`${user.id} IN ${ids}`).all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Records a notice as due; false when it was recorded before (the scheduler's idempotency). */
export function claimNotice(db: DbClient, key: { userId: number; courseId: string; kind: NoticeKind; dueDate: string }, now: Date): number | undefined {
  // Every reminder run tries one claim per due record (most already made): prepared once per connection.
  const claim = prepareOnce(db, 'assignments.claimNotice', (d) =>
    d
      .insert(assignmentNotice)
      .values({ userId: sql.placeholder('userId'), courseId: sql.placeholder('courseId'), kind: sql.placeholder('kind'), dueDate: sql.placeholder('dueDate'), createdAt: sql`${sql.placeholder('createdAt')}` })
      .onConflictDoNothing()
      .returning({ id: assignmentNotice.id })
      .prepare(),
  );
  return claim.get({ ...key, createdAt: now.getTime() })?.id;
}

export function markNoticeSent(db: DbClient, id: number, now: Date): void {
  db.update(assignmentNotice).set({ sentAt: now }).where(eq(assignmentNotice.id, id)).run();
}

/** Notices claimed but not sent (a crash or a mail failure between the two). */
export function listUnsentNotices(db: DbClient) {
  return db.select().from(assignmentNotice).where(isNull(assignmentNotice.sentAt)).orderBy(asc(assignmentNotice.id)).all();
}
