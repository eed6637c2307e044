/**
 * Registering for a live session and cancelling: decided in one immediate
 * transaction (the write lock is taken before the count), so however many
 * people press "Ilmoittaudu" at once, exactly `capacity` get a place and the
 * rest queue in order. The invitation, the waiting-list notice and the
 * cancellation are queued in the mail outbox in the same transaction.
 */
import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../auth/types';
import type { AppConfig } from '../config';
import type { Db, DbClient } from '../db/client';
import { findActiveMembership } from '../db/memberships';
import { findNode } from '../db/org';
import { countRegistered, findLiveSession, findRegistration, firstWaiting, listSessionUnits, setRegistrationStatus, upsertRegistration, waitingPosition, type LiveRegistrationRow, type LiveSessionRow } from '../db/live-sessions';
import { claimReminder, listRemindersDue, listSessionsWithWaitingAndRoom } from '../db/live-rosters';
import { findUserById } from '../db/users';
import { enqueueMail } from '../mail/outbox';
import { liveCancellationMessage, liveInvitationMessage, liveReminderMessage, liveWaitingMessage, type LiveMailInput } from '../mail/live-messages';
import { liveSessionPath } from '../../live/paths';

export interface LiveContext {
  db: Db;
  config: Pick<AppConfig, 'siteUrl' | 'orgName' | 'mailFrom' | 'orgContactEmail'>;
  now: Date;
  ip?: string;
}

export type RegistrationError = 'not_found' | 'not_eligible' | 'closed' | 'cancelled' | 'not_registered';
export type RegistrationOutcome = { ok: true; value: { status: 'registered' | 'waiting'; position?: number; already: boolean } } | { ok: false; error: RegistrationError };
export type CancelOutcome = { ok: true; value: { promotedUserId?: number } } | { ok: false; error: RegistrationError };

/** The address part of `Name <address>`, for the calendar's ORGANIZER. */
export function senderAddress(mailFrom: string, fallback: string): string {
  return /<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom)?.[1] ?? (/^[^\s<>]+@[^\s<>]+$/.test(mailFrom.trim()) ? mailFrom.trim() : fallback);
}

/** A calendar UID that stays with a registration: random, on the site's host. */
export function newCalendarUid(siteUrl: string): string {
  return `${randomBytes(12).toString('hex')}@${new URL(siteUrl).hostname}`;
}

/** The path of the person's current unit, or undefined without one. */
export function currentUnitPath(db: DbClient, userId: number): string | undefined {
  const membership = findActiveMembership(db, userId);
  return membership ? findNode(db, membership.nodeId)?.path : undefined;
}

/** True when a session for these units (none: open to all) is for someone in the unit at `path`. */
export function isForUnit(unitPaths: readonly string[], path: string | undefined): boolean {
  return unitPaths.length === 0 || (path !== undefined && unitPaths.some((p) => path.startsWith(p)));
}

/**
 * True when the person may register: the session is open to all, or their
 * current unit lies inside one of the session's units.
 */
export function isEligible(db: DbClient, session: Pick<LiveSessionRow, 'id'>, userId: number): boolean {
  const units = listSessionUnits(db, session.id).map((u) => u.path);
  return units.length === 0 || isForUnit(units, currentUnitPath(db, userId));
}

/** The pieces every message about one registration needs. */
export function mailInput(ctx: LiveContext, session: LiveSessionRow, registration: Pick<LiveRegistrationRow, 'uid' | 'sequence'>, person: { email: string; name: string }): LiveMailInput {
  return {
    to: person.email,
    name: person.name,
    session,
    sessionUrl: `${ctx.config.siteUrl}${liveSessionPath(session.id)}`,
    orgName: ctx.config.orgName,
    organizerEmail: senderAddress(ctx.config.mailFrom, ctx.config.orgContactEmail),
    uid: registration.uid,
    sequence: registration.sequence,
    now: ctx.now,
  };
}

function registrationOpen(session: LiveSessionRow, now: Date): RegistrationError | undefined {
  if (session.cancelledAt) return 'cancelled';
  if (now.getTime() > session.registrationDeadline.getTime() || now.getTime() >= session.startsAt.getTime()) return 'closed';
  return undefined;
}

/**
 * Registers the person, or puts them in the waiting list when the session is
 * full. Pressing again changes nothing and says where they stand.
 */
export function registerForSession(ctx: LiveContext, actor: SessionUser, sessionId: number): RegistrationOutcome {
  return ctx.db.transaction(
    (tx): RegistrationOutcome => {
      const session = findLiveSession(tx, sessionId);
      if (!session || !isEligible(tx, session, actor.id)) return { ok: false, error: session ? 'not_eligible' : 'not_found' };
      const existing = findRegistration(tx, sessionId, actor.id);
      if (existing && existing.status !== 'cancelled') {
        return { ok: true, value: { status: existing.status, position: waitingPosition(tx, existing), already: true } };
      }
      const closed = registrationOpen(session, ctx.now);
      if (closed) return { ok: false, error: closed };
      const person = findUserById(tx, actor.id);
      if (!person) return { ok: false, error: 'not_found' };
      const status = countRegistered(tx, sessionId) < session.capacity ? 'registered' : 'waiting';
      upsertRegistration(tx, { sessionId, userId: actor.id, status, uid: existing?.uid ?? newCalendarUid(ctx.config.siteUrl) }, ctx.now);
      const row = findRegistration(tx, sessionId, actor.id)!;
      const input = mailInput(ctx, session, row, person);
      const position = waitingPosition(tx, row);
      const message = status === 'registered' ? liveInvitationMessage(input, 'registered') : liveWaitingMessage(input, position ?? 1);
      enqueueMail(tx, message, { kind: status === 'registered' ? 'live_invitation' : 'live_waiting', userId: actor.id }, ctx.now);
      return { ok: true, value: { status, position, already: false } };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Gives the first in the waiting list the place that became free, with a
 * calendar invitation. Runs inside the caller's transaction.
 */
export function promoteFromWaitingList(tx: DbClient, ctx: LiveContext, session: LiveSessionRow): number | undefined {
  if (session.cancelledAt || ctx.now.getTime() >= session.startsAt.getTime()) return undefined;
  if (countRegistered(tx, session.id) >= session.capacity) return undefined;
  const next = firstWaiting(tx, session.id);
  if (!next) return undefined;
  const person = findUserById(tx, next.userId);
  setRegistrationStatus(tx, next.id, 'registered', true, ctx.now);
  if (person && !person.erasedAt) {
    const input = mailInput(ctx, session, { uid: next.uid, sequence: next.sequence + 1 }, person);
    enqueueMail(tx, liveInvitationMessage(input, 'promoted'), { kind: 'live_invitation', userId: next.userId }, ctx.now);
  }
  return next.userId;
}

/**
 * Cancels the person's registration or place in the queue. A freed place goes
 * to the first in line at once. Allowed until the registration deadline.
 */
export function cancelRegistration(ctx: LiveContext, actor: SessionUser, sessionId: number): CancelOutcome {
  return ctx.db.transaction(
    (tx): CancelOutcome => {
      const session = findLiveSession(tx, sessionId);
      if (!session) return { ok: false, error: 'not_found' };
      const existing = findRegistration(tx, sessionId, actor.id);
      if (!existing || existing.status === 'cancelled') return { ok: false, error: 'not_registered' };
      const closed = registrationOpen(session, ctx.now);
      if (closed) return { ok: false, error: closed };
      const person = findUserById(tx, actor.id);
      setRegistrationStatus(tx, existing.id, 'cancelled', existing.status === 'registered', ctx.now);
      if (existing.status === 'registered' && person) {
        const input = mailInput(ctx, session, { uid: existing.uid, sequence: existing.sequence + 1 }, person);
        enqueueMail(tx, liveCancellationMessage(input, 'registration'), { kind: 'live_cancelled', userId: actor.id }, ctx.now);
      }
      const promotedUserId = existing.status === 'registered' ? promoteFromWaitingList(tx, ctx, session) : undefined;
      return { ok: true, value: { promotedUserId } };
    },
    { behavior: 'immediate' },
  );
}

/** How long before the start the reminder goes: the day before. */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

/**
 * Queues the day-before reminder for every registration whose session starts
 * within a day. Each is claimed in the same transaction that queues it, so a
 * second run, a restart or a second process sends none twice.
 */
export function queueSessionReminders(ctx: LiveContext): number {
  let queued = 0;
  for (const due of listRemindersDue(ctx.db, ctx.now, new Date(ctx.now.getTime() + REMINDER_LEAD_MS))) {
    ctx.db.transaction((tx) => {
      if (!claimReminder(tx, due.registration.id, ctx.now)) return;
      const input = mailInput(ctx, due.session, due.registration, due);
      enqueueMail(tx, liveReminderMessage(input), { kind: 'live_reminder', userId: due.registration.userId }, ctx.now);
      queued += 1;
    });
  }
  return queued;
}

/**
 * Gives places that became free without a cancellation (an erased account,
 * a capacity raised elsewhere) to the waiting lists of sessions still to come.
 */
export function fillFreedPlaces(ctx: LiveContext): number {
  let promoted = 0;
  for (const session of listSessionsWithWaitingAndRoom(ctx.db, ctx.now)) {
    ctx.db.transaction(
      (tx) => {
        const fresh = findLiveSession(tx, session.id);
        if (!fresh) return;
        while (promoteFromWaitingList(tx, ctx, fresh) !== undefined) promoted += 1;
      },
      { behavior: 'immediate' },
    );
  }
  return promoted;
}
