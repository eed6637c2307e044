/**
 * The follow-up of practice: N weeks after a completion (12 unless the course
 * says otherwise) one mail with a single-use link to two questions that need
 * no sign-in, one reminder a week later if unanswered, never more. Each mail
 * is claimed in the transaction that queues it, so a restart or a second run
 * sends nothing twice. Answers are kept with the person's id only until they
 * erase their account.
 */
import { issueOneTimeToken, consumeOneTimeToken, inspectOneTimeToken, type TokenProblem } from '../accounts/one-time-token';
import { parseSplitToken } from '../auth/tokens';
import type { AppConfig } from '../config';
import type { Db } from '../db/client';
import { findActiveMembership } from '../db/memberships';
import { findNode } from '../db/org';
import { claimFollowUpReminder, findFollowUp, insertFollowUp, listCompletionsDueFollowUp, listFollowUpsDueReminder, recordFollowUpAnswer, setFollowUpToken } from '../db/impact';
import type { AdoptionAnswer } from '../db/schema';
import { enqueueMail } from '../mail/outbox';
import { followUpMessage } from '../mail/impact-messages';
import { hasHiddenCharacters } from '../../names';

export const DEFAULT_FOLLOW_UP_WEEKS = 12;
const WEEK_MS = 7 * 86_400_000;
/** A completion older than its follow-up time by more than this gets none (e.g. when the feature is first switched on). */
const CATCH_UP_MS = 30 * 86_400_000;
export const FOLLOW_UP_CHANGE_MAX = 2000;

export interface ImpactContext {
  db: Db;
  config: Pick<AppConfig, 'siteUrl' | 'orgName'>;
  now: Date;
}

/** The link a follow-up mail carries. */
export function followUpPath(token: string): string {
  return `/seuranta/${token}`;
}

function sendFollowUp(ctx: ImpactContext, followUpId: number, person: { email: string; name: string; userId: number }, courseTitle: string, reminder: boolean): void {
  const token = issueOneTimeToken(ctx.db, 'follow_up', { email: person.email, userId: person.userId, payload: { followUpId } }, ctx.now);
  const tokenId = parseSplitToken(token)!.id;
  setFollowUpToken(ctx.db, followUpId, tokenId);
  const message = followUpMessage({ to: person.email, name: person.name, courseTitle, url: `${ctx.config.siteUrl}${followUpPath(token)}`, orgName: ctx.config.orgName, reminder });
  enqueueMail(ctx.db, message, { kind: reminder ? 'follow_up_reminder' : 'follow_up', userId: person.userId, tokenId }, ctx.now);
}

/**
 * Queues the follow-ups that are due for the given courses; returns how many.
 * `weeksFor` gives each course's delay (default 12 weeks).
 */
export function queueFollowUps(ctx: ImpactContext, courseIds: readonly string[], weeksFor: (courseId: string) => number = () => DEFAULT_FOLLOW_UP_WEEKS): number {
  let queued = 0;
  for (const courseId of courseIds) {
    const until = new Date(ctx.now.getTime() - weeksFor(courseId) * WEEK_MS);
    for (const due of listCompletionsDueFollowUp(ctx.db, courseId, new Date(until.getTime() - CATCH_UP_MS), until)) {
      ctx.db.transaction(() => {
        const membership = findActiveMembership(ctx.db, due.userId);
        const nodePath = membership ? (findNode(ctx.db, membership.nodeId)?.path ?? null) : null;
        const id = insertFollowUp(ctx.db, { userId: due.userId, courseId, completionId: due.completionId, completedAt: due.completedAt, nodePath, sentAt: ctx.now });
        if (id === undefined) return;
        sendFollowUp(ctx, id, due, due.snapshot.title || courseId, false);
        queued += 1;
      });
    }
  }
  return queued;
}

/** Queues the one reminder, a week after the follow-up, for those who have not answered. */
export function queueFollowUpReminders(ctx: ImpactContext, titleOf: (courseId: string) => string): number {
  let queued = 0;
  const sentBefore = new Date(ctx.now.getTime() - WEEK_MS);
  for (const due of listFollowUpsDueReminder(ctx.db, sentBefore, new Date(sentBefore.getTime() - CATCH_UP_MS))) {
    if (due.erasedAt || due.followUp.userId === null) continue;
    ctx.db.transaction(() => {
      if (!claimFollowUpReminder(ctx.db, due.followUp.id, ctx.now)) return;
      sendFollowUp(ctx, due.followUp.id, { email: due.email, name: due.name, userId: due.followUp.userId! }, titleOf(due.followUp.courseId), true);
      queued += 1;
    });
  }
  return queued;
}

export type FollowUpError = TokenProblem | 'answered';

/** What the follow-up page shows for a link, without using it. */
export function describeFollowUp(ctx: ImpactContext, token: string): { ok: true; value: { courseId: string } } | { ok: false; error: FollowUpError } {
  const inspected = inspectOneTimeToken(ctx.db, 'follow_up', token, ctx.now);
  if (!inspected.ok) return inspected;
  const row = findFollowUp(ctx.db, Number((inspected.row.payload as { followUpId?: number }).followUpId));
  if (!row) return { ok: false, error: 'invalid' };
  if (row.answeredAt) return { ok: false, error: 'answered' };
  return { ok: true, value: { courseId: row.courseId } };
}

export type AnswerInput = { adoption?: string; change?: string };
export type AnswerProblem = FollowUpError | 'adoption' | 'change';

/** Records the answer and uses the link up, in one transaction. */
export function answerFollowUp(ctx: ImpactContext, token: string, input: AnswerInput): { ok: true } | { ok: false; error: AnswerProblem } {
  const adoption = (['no', 'partly', 'yes'] as const).find((a) => a === input.adoption) as AdoptionAnswer | undefined;
  if (!adoption) return { ok: false, error: 'adoption' };
  const change = (input.change ?? '').normalize('NFC').trim();
  if (change.length > FOLLOW_UP_CHANGE_MAX || (change && hasHiddenCharacters(change.replace(/[\r\n\t]/g, ' ')))) return { ok: false, error: 'change' };
  return ctx.db.transaction(() => {
    const used = consumeOneTimeToken(ctx.db, 'follow_up', token, ctx.now);
    if (!used.ok) return used;
    const id = Number((used.row.payload as { followUpId?: number }).followUpId);
    if (!recordFollowUpAnswer(ctx.db, id, { adoption, change: change || null }, ctx.now)) return { ok: false as const, error: 'answered' as const };
    return { ok: true as const };
  });
}
