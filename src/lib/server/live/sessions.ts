/**
 * Trainers' side of live sessions: create, change and cancel. A change of
 * time, place or link raises the session's sequence and sends every
 * registered person an updated calendar entry; a cancellation sends every
 * one of them a CANCEL. A trainer manages the sessions they created; an
 * administrator manages all.
 */
import type { SessionUser } from '../auth/types';
import { appendAuditEvent } from '../db/audit';
import { countRegistered, findLiveSession, insertLiveSession, markLiveSessionCancelled, raiseRegistrationSequences, updateLiveSession, type LiveSessionRow, type LiveSessionValues } from '../db/live-sessions';
import { listRoster } from '../db/live-rosters';
import { enqueueMail } from '../mail/outbox';
import { liveCancellationMessage, liveInvitationMessage, liveWaitingCancelledMessage } from '../mail/live-messages';
import type { FieldErrors, SessionInput } from '../../live/session-input';
import { mailInput, promoteFromWaitingList, type LiveContext } from './registration';

export type ManageError = 'not_found' | 'started' | 'cancelled';
export type ManageOutcome<T> = { ok: true; value: T } | { ok: false; error: ManageError } | { ok: false; error: 'invalid'; errors: FieldErrors };

/** True when the actor may change the session: its creator, or an administrator. */
export function canManageSession(actor: SessionUser, session: Pick<LiveSessionRow, 'createdBy'>): boolean {
  return actor.roles.includes('admin') || (actor.roles.includes('trainer') && session.createdBy === actor.id);
}

function values(input: SessionInput): LiveSessionValues {
  const { unitIds: _units, ...rest } = input;
  return rest;
}

/** Creates a session; returns its id. */
export function createLiveSession(ctx: LiveContext, actor: SessionUser, input: SessionInput): number {
  return ctx.db.transaction((tx) => {
    const id = insertLiveSession(tx, values(input), input.unitIds, actor.id, ctx.now);
    appendAuditEvent(tx, { actorId: actor.id, action: 'live.session_created', targetType: 'live_session', targetId: id, ip: ctx.ip }, ctx.now);
    return id;
  });
}

/** True when registered people must be told: the time, the place or the link changed. */
export function changesForAttendees(before: LiveSessionRow, after: SessionInput): boolean {
  return (
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.kind !== after.kind ||
    (before.meetingUrl ?? null) !== after.meetingUrl ||
    (before.place ?? null) !== after.place ||
    (before.address ?? null) !== after.address ||
    before.title !== after.title
  );
}

/**
 * Changes a session that has not started. Capacity cannot go below the
 * number already registered; raising it gives the new places to the waiting list.
 */
export function changeLiveSession(ctx: LiveContext, actor: SessionUser, id: number, input: SessionInput): ManageOutcome<{ notified: number }> {
  return ctx.db.transaction(
    (tx): ManageOutcome<{ notified: number }> => {
      const before = findLiveSession(tx, id);
      if (!before || !canManageSession(actor, before)) return { ok: false, error: 'not_found' };
      if (before.cancelledAt) return { ok: false, error: 'cancelled' };
      if (before.startsAt.getTime() <= ctx.now.getTime()) return { ok: false, error: 'started' };
      const registered = countRegistered(tx, id);
      if (input.capacity < registered) return { ok: false, error: 'invalid', errors: { capacity: `Ilmoittautuneita on jo ${registered}. Paikkoja ei voi olla vähemmän.` } };
      const notify = changesForAttendees(before, input);
      updateLiveSession(tx, id, values(input), input.unitIds, notify, ctx.now);
      let notified = 0;
      if (notify) {
        raiseRegistrationSequences(tx, id, ctx.now);
        const after = findLiveSession(tx, id)!;
        for (const entry of listRoster(tx, id, ['registered'])) {
          enqueueMail(tx, liveInvitationMessage(mailInput(ctx, after, entry.registration, entry), 'updated'), { kind: 'live_invitation', userId: entry.registration.userId }, ctx.now);
          notified += 1;
        }
      }
      const after = findLiveSession(tx, id)!;
      while (promoteFromWaitingList(tx, ctx, after) !== undefined) notified += 1;
      appendAuditEvent(tx, { actorId: actor.id, action: 'live.session_changed', targetType: 'live_session', targetId: id, ip: ctx.ip, details: { notified } }, ctx.now);
      return { ok: true, value: { notified } };
    },
    { behavior: 'immediate' },
  );
}

/** Cancels a session: every registered person gets a calendar cancellation, the waiting list a note. */
export function cancelLiveSession(ctx: LiveContext, actor: SessionUser, id: number): ManageOutcome<{ notified: number }> {
  return ctx.db.transaction(
    (tx): ManageOutcome<{ notified: number }> => {
      const session = findLiveSession(tx, id);
      if (!session || !canManageSession(actor, session)) return { ok: false, error: 'not_found' };
      if (session.cancelledAt) return { ok: false, error: 'cancelled' };
      if (session.endsAt.getTime() <= ctx.now.getTime()) return { ok: false, error: 'started' };
      markLiveSessionCancelled(tx, id, ctx.now);
      raiseRegistrationSequences(tx, id, ctx.now);
      const after = findLiveSession(tx, id)!;
      let notified = 0;
      for (const entry of listRoster(tx, id, ['registered', 'waiting'])) {
        const input = mailInput(ctx, after, entry.registration, entry);
        const message = entry.registration.status === 'registered' ? liveCancellationMessage(input, 'session') : liveWaitingCancelledMessage(input);
        enqueueMail(tx, message, { kind: 'live_cancelled', userId: entry.registration.userId }, ctx.now);
        notified += 1;
      }
      appendAuditEvent(tx, { actorId: actor.id, action: 'live.session_cancelled', targetType: 'live_session', targetId: id, ip: ctx.ip, details: { notified } }, ctx.now);
      return { ok: true, value: { notified } };
    },
    { behavior: 'immediate' },
  );
}
