/**
 * Data access for live training sessions and the registrations for them.
 * Every function takes the db or a transaction; registration decisions are
 * made in `live/registration.ts` inside one immediate transaction.
 */
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { liveRegistration, liveSession, liveSessionUnit, orgNode, user, type LiveRegistrationStatus } from './schema';

export type LiveSessionRow = typeof liveSession.$inferSelect;
export type LiveRegistrationRow = typeof liveRegistration.$inferSelect;

export interface LiveSessionValues {
  title: string;
  description: string;
  kind: 'webinar' | 'workshop';
  meetingUrl: string | null;
  place: string | null;
  address: string | null;
  startsAt: Date;
  endsAt: Date;
  registrationDeadline: Date;
  capacity: number;
  language: string;
  courseId: string | null;
}

/** Inserts a session and the units it is for; returns its id. */
export function insertLiveSession(db: DbClient, values: LiveSessionValues, unitIds: readonly number[], createdBy: number, now: Date): number {
  const row = db
    .insert(liveSession)
    .values({ ...values, createdBy, createdAt: now, updatedAt: now })
    .returning({ id: liveSession.id })
    .get();
  replaceSessionUnits(db, row.id, unitIds);
  return row.id;
}

/** Writes new values; `raiseSequence` when registered people must be told. */
export function updateLiveSession(db: DbClient, id: number, values: LiveSessionValues, unitIds: readonly number[], raiseSequence: boolean, now: Date): void {
  db.update(liveSession)
    .set({ ...values, updatedAt: now, ...(raiseSequence ? { sequence: sql`${liveSession.sequence} + 1` } : {}) })
    .where(eq(liveSession.id, id))
    .run();
  replaceSessionUnits(db, id, unitIds);
}

function replaceSessionUnits(db: DbClient, sessionId: number, unitIds: readonly number[]): void {
  db.delete(liveSessionUnit).where(eq(liveSessionUnit.sessionId, sessionId)).run();
  if (unitIds.length) db.insert(liveSessionUnit).values(unitIds.map((nodeId) => ({ sessionId, nodeId }))).run();
}

/** Marks a session cancelled and raises its sequence. */
export function markLiveSessionCancelled(db: DbClient, id: number, now: Date): void {
  db.update(liveSession)
    .set({ cancelledAt: now, updatedAt: now, sequence: sql`${liveSession.sequence} + 1` })
    .where(eq(liveSession.id, id))
    .run();
}

export function findLiveSession(db: DbClient, id: number): LiveSessionRow | undefined {
  return db.select().from(liveSession).where(eq(liveSession.id, id)).get();
}

/** The unit ids and paths a session is for (empty: open to all). */
export function listSessionUnits(db: DbClient, sessionId: number): { id: number; name: string; path: string }[] {
  return db
    .select({ id: orgNode.id, name: orgNode.name, path: orgNode.path })
    .from(liveSessionUnit)
    .innerJoin(orgNode, eq(orgNode.id, liveSessionUnit.nodeId))
    .where(eq(liveSessionUnit.sessionId, sessionId))
    .orderBy(asc(orgNode.path))
    .all();
}

/** Sessions that have not ended, soonest first; cancelled ones included for those who registered. */
export function listSessionsEndingAfter(db: DbClient, now: Date, filter: { courseId?: string } = {}): LiveSessionRow[] {
  const conditions = [gt(liveSession.endsAt, now)];
  if (filter.courseId) conditions.push(eq(liveSession.courseId, filter.courseId));
  return db
    .select()
    .from(liveSession)
    .where(and(...conditions))
    .orderBy(asc(liveSession.startsAt), asc(liveSession.id))
    .all();
}

/** Every session, newest start first (for trainers and administrators). */
export function listAllSessions(db: DbClient, limit = 200): LiveSessionRow[] {
  return db.select().from(liveSession).orderBy(sql`${liveSession.startsAt} DESC`, sql`${liveSession.id} DESC`).limit(limit).all();
}

/** How many hold a place (registered, not waiting or cancelled). */
export function countRegistered(db: DbClient, sessionId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(liveRegistration)
      .where(and(eq(liveRegistration.sessionId, sessionId), eq(liveRegistration.status, 'registered')))
      .get()?.n ?? 0
  );
}

/** Counts per status for many sessions at once. */
export function countRegistrationsBySession(db: DbClient, sessionIds: readonly number[]): Map<number, { registered: number; waiting: number }> {
  const out = new Map<number, { registered: number; waiting: number }>();
  if (sessionIds.length === 0) return out;
  const rows = db
    .select({ sessionId: liveRegistration.sessionId, status: liveRegistration.status, n: sql<number>`count(*)` })
    .from(liveRegistration)
    .where(inArray(liveRegistration.sessionId, [...sessionIds]))
    .groupBy(liveRegistration.sessionId, liveRegistration.status)
    .all();
  for (const r of rows) {
    const entry = out.get(r.sessionId) ?? { registered: 0, waiting: 0 };
    if (r.status === 'registered') entry.registered = r.n;
    if (r.status === 'waiting') entry.waiting = r.n;
    out.set(r.sessionId, entry);
  }
  return out;
}

export function findRegistration(db: DbClient, sessionId: number, userId: number): LiveRegistrationRow | undefined {
  return db
    .select()
    .from(liveRegistration)
    .where(and(eq(liveRegistration.sessionId, sessionId), eq(liveRegistration.userId, userId)))
    .get();
}

/** A person's place in the waiting list (1 = next), or undefined when not waiting. */
export function waitingPosition(db: DbClient, registration: LiveRegistrationRow): number | undefined {
  if (registration.status !== 'waiting') return undefined;
  const ahead =
    db
      .select({ n: sql<number>`count(*)` })
      .from(liveRegistration)
      .where(
        and(
          eq(liveRegistration.sessionId, registration.sessionId),
          eq(liveRegistration.status, 'waiting'),
          sql`(${liveRegistration.registeredAt}, ${liveRegistration.id}) < (${registration.registeredAt.getTime()}, ${registration.id})`,
        ),
      )
      .get()?.n ?? 0;
  return ahead + 1;
}

/** Registers, waits or re-registers one person; returns the row's id. */
export function upsertRegistration(db: DbClient, values: { sessionId: number; userId: number; status: Exclude<LiveRegistrationStatus, 'cancelled'>; uid: string }, now: Date): number {
  const existing = findRegistration(db, values.sessionId, values.userId);
  if (existing) {
    db.update(liveRegistration)
      .set({ status: values.status, registeredAt: now, updatedAt: now, cancelledAt: null, reminderQueuedAt: null, sequence: sql`${liveRegistration.sequence} + 1` })
      .where(eq(liveRegistration.id, existing.id))
      .run();
    return existing.id;
  }
  return db
    .insert(liveRegistration)
    .values({ ...values, registeredAt: now, updatedAt: now })
    .returning({ id: liveRegistration.id })
    .get().id;
}

/** Sets a registration's status; `raiseSequence` when a calendar message goes out with it. */
export function setRegistrationStatus(db: DbClient, id: number, status: LiveRegistrationStatus, raiseSequence: boolean, now: Date): void {
  db.update(liveRegistration)
    .set({
      status,
      updatedAt: now,
      ...(status === 'cancelled' ? { cancelledAt: now } : {}),
      ...(raiseSequence ? { sequence: sql`${liveRegistration.sequence} + 1` } : {}),
    })
    .where(eq(liveRegistration.id, id))
    .run();
}

/** Raises the sequence of every registration still holding or waiting for a place. */
export function raiseRegistrationSequences(db: DbClient, sessionId: number, now: Date): void {
  db.update(liveRegistration)
    .set({ sequence: sql`${liveRegistration.sequence} + 1`, updatedAt: now })
    .where(and(eq(liveRegistration.sessionId, sessionId), inArray(liveRegistration.status, ['registered', 'waiting'])))
    .run();
}

/** The first in the waiting list, if any. */
export function firstWaiting(db: DbClient, sessionId: number): LiveRegistrationRow | undefined {
  return db
    .select()
    .from(liveRegistration)
    .where(and(eq(liveRegistration.sessionId, sessionId), eq(liveRegistration.status, 'waiting')))
    .orderBy(asc(liveRegistration.registeredAt), asc(liveRegistration.id))
    .limit(1)
    .get();
}

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
