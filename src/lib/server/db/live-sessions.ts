/**
 * Data access for live training sessions and the registrations for them.
 * Every function takes the db or a transaction; registration decisions are
 * made in `live/registration.ts` inside one immediate transaction.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { liveRegistration, liveSession, liveSessionUnit, orgNode, type LiveRegistrationStatus } from './schema';
import type { SessionInput } from '../../live/session-input';

export type LiveSessionRow = typeof liveSession.$inferSelect;
export type LiveRegistrationRow = typeof liveRegistration.$inferSelect;

/** What a session row holds beyond its identity and bookkeeping: the checked form without its units. */
export type LiveSessionValues = Omit<SessionInput, 'unitIds'>;

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

/** The unit paths of many sessions at once (a session missing from the map is open to all). */
export function listUnitPathsOfSessions(db: DbClient, sessionIds: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (sessionIds.length === 0) return out;
  const rows = db
    .select({ sessionId: liveSessionUnit.sessionId, path: orgNode.path })
    .from(liveSessionUnit)
    .innerJoin(orgNode, eq(orgNode.id, liveSessionUnit.nodeId))
    .where(inArray(liveSessionUnit.sessionId, [...sessionIds]))
    .all();
  for (const r of rows) out.set(r.sessionId, [...(out.get(r.sessionId) ?? []), r.path]);
  return out;
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

/** Counts per status (and attended) for many sessions at once. */
export function countRegistrationsBySession(db: DbClient, sessionIds: readonly number[]): Map<number, { registered: number; waiting: number; attended: number }> {
  const out = new Map<number, { registered: number; waiting: number; attended: number }>();
  if (sessionIds.length === 0) return out;
  const rows = db
    .select({
      sessionId: liveRegistration.sessionId,
      registered: sql<number>`sum(${liveRegistration.status} = 'registered')`,
      waiting: sql<number>`sum(${liveRegistration.status} = 'waiting')`,
      attended: sql<number>`sum(${liveRegistration.attendedAt} IS NOT NULL)`,
    })
    .from(liveRegistration)
    .where(inArray(liveRegistration.sessionId, [...sessionIds]))
    .groupBy(liveRegistration.sessionId)
    .all();
  for (const r of rows) out.set(r.sessionId, { registered: r.registered, waiting: r.waiting, attended: r.attended });
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
