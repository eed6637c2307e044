/**
 * What the live-session pages show, loaded in one place so the pages stay
 * adapters. A learner sees sessions they may register for and those they
 * registered for; a webinar's link only once they hold a place. A trainer
 * sees the sessions they created (an administrator all), with the roster.
 */
import type { SessionUser } from '../auth/types';
import type { DbClient } from '../db/client';
import { countRegistrationsBySession, findLiveSession, findRegistration, listAllSessions, listSessionUnits, listSessionsEndingAfter, listUnitPathsOfSessions, waitingPosition, type LiveRegistrationRow, type LiveSessionRow } from '../db/live-sessions';
import { listRegistrationsOfUser, listRoster, listRosterInScope, listSessionCountsInScope, type RosterEntry, type ScopedSessionCounts } from '../db/live-rosters';
import { managedPaths } from '../accounts/scope';
import { canManageSession } from './sessions';
import { currentUnitPath, isEligible, isForUnit } from './registration';
import { isCheckInOpen } from './attendance';

export interface SessionSummary {
  session: LiveSessionRow;
  registered: number;
  waiting: number;
  attended: number;
  /** The viewer's own registration, when they have one that is not cancelled. */
  mine?: { status: 'registered' | 'waiting'; position?: number };
}

export interface LearnerSessionView extends SessionSummary {
  units: { id: number; name: string }[];
  /** Registration and cancelling are open now. */
  open: boolean;
  /** The meeting link, only for someone holding a place. */
  meetingUrl: string | null;
  /** The viewer may check in with the code now (registered, during the session, not yet marked). */
  checkInOpen: boolean;
  attendedAt: Date | null;
}

function mineOf(db: DbClient, registration: LiveRegistrationRow | undefined): SessionSummary['mine'] {
  if (!registration || registration.status === 'cancelled') return undefined;
  return { status: registration.status, position: waitingPosition(db, registration) };
}

/** True while registering and cancelling are allowed. */
export function isRegistrationOpen(session: LiveSessionRow, now: Date): boolean {
  return !session.cancelledAt && now.getTime() <= session.registrationDeadline.getTime() && now.getTime() < session.startsAt.getTime();
}

/** Sessions still to come that the learner may join or has joined, soonest first; optionally for one course. */
export function listSessionsForLearner(db: DbClient, actor: SessionUser, now: Date, filter: { courseId?: string } = {}): SessionSummary[] {
  const upcoming = listSessionsEndingAfter(db, now, filter);
  if (upcoming.length === 0) return [];
  const own = new Map(listRegistrationsOfUser(db, actor.id).map((r) => [r.session.id, r.registration]));
  // One read for every session's units and one for the person's unit, however many sessions there are.
  const units = listUnitPathsOfSessions(
    db,
    upcoming.map((s) => s.id),
  );
  // The person's unit is read only when some session is for particular units.
  const path = units.size > 0 ? currentUnitPath(db, actor.id) : undefined;
  const visible = upcoming.filter((s) => {
    const mine = own.get(s.id);
    if (mine && mine.status !== 'cancelled') return true;
    return !s.cancelledAt && isForUnit(units.get(s.id) ?? [], path);
  });
  const counts = countRegistrationsBySession(
    db,
    visible.map((s) => s.id),
  );
  return visible.map((session) => ({ session, ...(counts.get(session.id) ?? { registered: 0, waiting: 0, attended: 0 }), mine: mineOf(db, own.get(session.id)) }));
}

/** The sessions still to come that the learner holds or waits for a place in (Omat kurssit), in one read. */
export function listOwnUpcomingSessions(db: DbClient, actor: SessionUser, now: Date): { session: LiveSessionRow; mine: NonNullable<SessionSummary['mine']> }[] {
  return listRegistrationsOfUser(db, actor.id)
    .filter((r) => r.registration.status !== 'cancelled' && !r.session.cancelledAt && r.session.endsAt > now)
    .map((r) => ({ session: r.session, mine: mineOf(db, r.registration)! }));
}

/** One session for a learner, or undefined when it does not exist or is not for them. */
export function loadSessionForLearner(db: DbClient, actor: SessionUser, id: number, now: Date): LearnerSessionView | undefined {
  const session = findLiveSession(db, id);
  if (!session) return undefined;
  const registration = findRegistration(db, id, actor.id);
  const mine = mineOf(db, registration);
  if (!mine && (session.cancelledAt || !isEligible(db, session, actor.id))) return undefined;
  const counts = countRegistrationsBySession(db, [id]).get(id) ?? { registered: 0, waiting: 0, attended: 0 };
  return {
    session,
    ...counts,
    mine,
    units: listSessionUnits(db, id).map(({ id: unitId, name }) => ({ id: unitId, name })),
    open: isRegistrationOpen(session, now),
    meetingUrl: mine?.status === 'registered' && !session.cancelledAt ? session.meetingUrl : null,
    checkInOpen: mine !== undefined && !registration?.attendedAt && isCheckInOpen(session, now),
    attendedAt: registration?.attendedAt ?? null,
  };
}

/** The sessions a trainer manages (an administrator: all), newest first. */
export function listSessionsForTrainer(db: DbClient, actor: SessionUser): SessionSummary[] {
  const sessions = listAllSessions(db).filter((s) => canManageSession(actor, s));
  const counts = countRegistrationsBySession(
    db,
    sessions.map((s) => s.id),
  );
  return sessions.map((session) => ({ session, ...(counts.get(session.id) ?? { registered: 0, waiting: 0, attended: 0 }) }));
}

export interface TrainerSessionView {
  session: LiveSessionRow;
  unitIds: number[];
  roster: RosterEntry[];
}

/** One session with its roster, for the trainer who manages it. */
export function loadSessionForTrainer(db: DbClient, actor: SessionUser, id: number): TrainerSessionView | undefined {
  const session = findLiveSession(db, id);
  if (!session || !canManageSession(actor, session)) return undefined;
  return { session, unitIds: listSessionUnits(db, id).map((u) => u.id), roster: listRoster(db, id) };
}

/** Sessions that people in the manager's scope registered for: still to come, and those of the last 180 days. */
export function listSessionsForManager(db: DbClient, actor: SessionUser, now: Date): { upcoming: ScopedSessionCounts[]; past: ScopedSessionCounts[] } {
  const rows = listSessionCountsInScope(db, managedPaths(db, actor), new Date(now.getTime() - 180 * 86_400_000));
  return { upcoming: rows.filter((r) => r.session.startsAt > now), past: rows.filter((r) => r.session.startsAt <= now).reverse() };
}

/** One session with the manager's people in it, or undefined when none of them registered. */
export function loadSessionForManager(db: DbClient, actor: SessionUser, id: number) {
  const session = findLiveSession(db, id);
  const people = session ? listRosterInScope(db, session.id, managedPaths(db, actor)) : [];
  return session && people.length > 0 ? { session, people } : undefined;
}
