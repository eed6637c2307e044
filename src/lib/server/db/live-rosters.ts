/**
 * Data access for who is in live sessions: rosters, a person's registrations,
 * reminders due, queues with room, and a manager's view of their subtree.
 */
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { liveRegistration, liveSession, user, type LiveRegistrationStatus } from './schema';
import type { LiveRegistrationRow, LiveSessionRow } from './live-sessions';
export interface RosterEntry {
  registration: LiveRegistrationRow;
  name: string;
  email: string;
}

/** Everyone registered or waiting for a session, with names, in list order. */
export function listRoster(db: DbClient, sessionId: number, statuses: readonly LiveRegistrationStatus[] = ['registered', 'waiting']): RosterEntry[] {
  return db
    .select({ registration: liveRegistration, name: user.name, email: user.email })
    .from(liveRegistration)
    .innerJoin(user, eq(user.id, liveRegistration.userId))
    .where(and(eq(liveRegistration.sessionId, sessionId), inArray(liveRegistration.status, [...statuses])))
    .orderBy(asc(liveRegistration.status), asc(liveRegistration.registeredAt), asc(liveRegistration.id))
    .all();
}

/** One person's registrations (any status) with their sessions. */
export function listRegistrationsOfUser(db: DbClient, userId: number): { registration: LiveRegistrationRow; session: LiveSessionRow }[] {
  return db
    .select({ registration: liveRegistration, session: liveSession })
    .from(liveRegistration)
    .innerJoin(liveSession, eq(liveSession.id, liveRegistration.sessionId))
    .where(eq(liveRegistration.userId, userId))
    .orderBy(asc(liveSession.startsAt))
    .all();
}

/** Registrations due a reminder: the session starts within `until`, not cancelled, none queued yet. */
export function listRemindersDue(db: DbClient, now: Date, until: Date): { registration: LiveRegistrationRow; session: LiveSessionRow; name: string; email: string }[] {
  return db
    .select({ registration: liveRegistration, session: liveSession, name: user.name, email: user.email })
    .from(liveRegistration)
    .innerJoin(liveSession, eq(liveSession.id, liveRegistration.sessionId))
    .innerJoin(user, eq(user.id, liveRegistration.userId))
    .where(
      and(
        eq(liveRegistration.status, 'registered'),
        isNull(liveRegistration.reminderQueuedAt),
        isNull(liveSession.cancelledAt),
        isNull(user.erasedAt),
        gt(liveSession.startsAt, now),
        lte(liveSession.startsAt, until),
      ),
    )
    .all();
}

/** Claims the reminder; false when another run already did. */
export function claimReminder(db: DbClient, registrationId: number, now: Date): boolean {
  return (
    db
      .update(liveRegistration)
      .set({ reminderQueuedAt: now })
      .where(and(eq(liveRegistration.id, registrationId), isNull(liveRegistration.reminderQueuedAt)))
      .run().changes === 1
  );
}

/** Sessions still to come, not cancelled, with someone waiting and fewer registered than places. */
export function listSessionsWithWaitingAndRoom(db: DbClient, now: Date): LiveSessionRow[] {
  return db
    .select()
    .from(liveSession)
    .where(
      and(
        isNull(liveSession.cancelledAt),
        gt(liveSession.startsAt, now),
        sql`EXISTS (SELECT 1 FROM live_registration w WHERE w.session_id = ${liveSession.id} AND w.status = 'waiting')`,
        sql`(SELECT count(*) FROM live_registration r WHERE r.session_id = ${liveSession.id} AND r.status = 'registered') < ${liveSession.capacity}`,
      ),
    )
    .all();
}

export interface ScopedSessionCounts {
  session: LiveSessionRow;
  registered: number;
  waiting: number;
  attended: number;
}

function pathCondition(paths: readonly string[] | undefined) {
  if (paths === undefined) return sql`1`;
  if (paths.length === 0) return sql`0`;
  return sql`(${sql.join(
    paths.map((p) => sql`n.path LIKE ${`${p}%`}`),
    sql` OR `,
  )})`;
}

/**
 * For a manager's scope (`paths`; undefined = everyone): sessions ending after
 * `since` with at least one registration of a person whose current unit is in
 * scope, and how many of those people are registered, waiting and attended.
 */
export function listSessionCountsInScope(db: DbClient, paths: readonly string[] | undefined, since: Date): ScopedSessionCounts[] {
  const rows = db.all<{ id: number; registered: number; waiting: number; attended: number }>(sql`
    SELECT r.session_id AS id,
      sum(r.status = 'registered') AS registered,
      sum(r.status = 'waiting') AS waiting,
      sum(r.attended_at IS NOT NULL) AS attended
    FROM live_registration r
    JOIN live_session s ON s.id = r.session_id
    JOIN membership m ON m.user_id = r.user_id AND m.status = 'active'
    JOIN org_node n ON n.id = m.node_id
    WHERE s.ends_at > ${since.getTime()} AND r.status <> 'cancelled' AND ${pathCondition(paths)}
    GROUP BY r.session_id`);
  if (rows.length === 0) return [];
  const sessions = new Map(
    db
      .select()
      .from(liveSession)
      .where(inArray(liveSession.id, rows.map((r) => r.id)))
      .all()
      .map((s) => [s.id, s]),
  );
  return rows
    .map((r) => ({ session: sessions.get(r.id)!, registered: r.registered, waiting: r.waiting, attended: r.attended }))
    .sort((a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime());
}

/** The people in scope registered for one session, with their unit. */
export function listRosterInScope(db: DbClient, sessionId: number, paths: readonly string[] | undefined): (RosterEntry & { unitName: string; userId: number })[] {
  return db
    .all<{ id: number; userId: number; name: string; email: string; unitName: string }>(
      sql`SELECT r.id AS id, r.user_id AS userId, u.name AS name, u.email AS email, n.name AS unitName
        FROM live_registration r
        JOIN "user" u ON u.id = r.user_id
        JOIN membership m ON m.user_id = r.user_id AND m.status = 'active'
        JOIN org_node n ON n.id = m.node_id
        WHERE r.session_id = ${sessionId} AND r.status <> 'cancelled' AND ${pathCondition(paths)}
        ORDER BY u.name`,
    )
    .map((row) => ({ registration: db.select().from(liveRegistration).where(eq(liveRegistration.id, row.id)).get()!, name: row.name, email: row.email, unitName: row.unitName, userId: row.userId }));
}

/** The latest session of a course the person attended, if any. */
export function findAttendedCourseSession(db: DbClient, userId: number, courseId: string): { title: string; startsAt: Date } | undefined {
  return db
    .select({ title: liveSession.title, startsAt: liveSession.startsAt })
    .from(liveRegistration)
    .innerJoin(liveSession, eq(liveSession.id, liveRegistration.sessionId))
    .where(and(eq(liveRegistration.userId, userId), eq(liveSession.courseId, courseId), isNull(liveSession.cancelledAt), sql`${liveRegistration.attendedAt} IS NOT NULL`))
    .orderBy(sql`${liveSession.startsAt} DESC`)
    .limit(1)
    .get();
}

/** For a page of people: the live sessions of courses they registered for (not cancelled), with attendance. */
export function listLiveFactsOf(db: DbClient, userIds: readonly number[]): { userId: number; courseId: string; title: string; startsAt: number; attendedAt: number | null }[] {
  if (userIds.length === 0) return [];
  return db.all(sql`SELECT r.user_id AS userId, s.course_id AS courseId, s.title AS title, s.starts_at AS startsAt, r.attended_at AS attendedAt
    FROM live_registration r JOIN live_session s ON s.id = r.session_id
    WHERE r.user_id IN (${sql.join(
      userIds.map((id) => sql`${id}`),
      sql`, `,
    )}) AND s.course_id IS NOT NULL AND s.cancelled_at IS NULL AND r.status <> 'cancelled'
    ORDER BY s.starts_at`);
}
