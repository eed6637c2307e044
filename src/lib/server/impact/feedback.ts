/**
 * The short feedback at completion: three standard questions, all optional,
 * and the whole form skippable. One answer (or one skip) per completion; it
 * is asked again only after the next completion round.
 */
import type { SessionUser } from '../auth/types';
import type { Db } from '../db/client';
import { findFeedbackOfCompletion, insertFeedback } from '../db/impact';
import { listCompletions } from '../db/learning';
import { findActiveMembership } from '../db/memberships';
import { findNode } from '../db/org';
import { hasHiddenCharacters } from '../../names';

export const FEEDBACK_TEXT_MAX = 2000;

export interface FeedbackInput {
  usefulness?: string;
  recommend?: string;
  apply?: string;
  skip?: boolean;
}

export type FeedbackProblem = 'not_completed' | 'usefulness' | 'recommend' | 'apply';
export type FeedbackOutcome = { ok: true; value: { saved: boolean } } | { ok: false; error: FeedbackProblem; field?: string };

function scale(value: string | undefined, min: number, max: number): number | null | undefined {
  if (value === undefined || value === '') return null;
  if (!/^\d{1,2}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/** The latest completion of the course that has no feedback yet, if any. */
export function feedbackDue(db: Db, userId: number, courseId: string): { completionId: number } | undefined {
  const latest = listCompletions(db, userId, courseId)[0];
  if (!latest || findFeedbackOfCompletion(db, latest.id)) return undefined;
  return { completionId: latest.id };
}

/** Saves the feedback (or the skip) for the learner's latest completion of the course. */
export function saveFeedback(ctx: { db: Db; now: Date }, actor: SessionUser, courseId: string, input: FeedbackInput): FeedbackOutcome {
  const due = feedbackDue(ctx.db, actor.id, courseId);
  if (!due) {
    return listCompletions(ctx.db, actor.id, courseId).length ? { ok: true, value: { saved: false } } : { ok: false, error: 'not_completed' };
  }
  const usefulness = input.skip ? null : scale(input.usefulness, 1, 5);
  const recommend = input.skip ? null : scale(input.recommend, 0, 10);
  const apply = input.skip ? '' : (input.apply ?? '').normalize('NFC').trim();
  if (usefulness === undefined) return { ok: false, error: 'usefulness', field: 'usefulness' };
  if (recommend === undefined) return { ok: false, error: 'recommend', field: 'recommend' };
  if (apply.length > FEEDBACK_TEXT_MAX || (apply && hasHiddenCharacters(apply.replace(/[\r\n\t]/g, ' ')))) return { ok: false, error: 'apply', field: 'apply' };
  const membership = findActiveMembership(ctx.db, actor.id);
  const nodePath = membership ? (findNode(ctx.db, membership.nodeId)?.path ?? null) : null;
  const skipped = Boolean(input.skip) || (usefulness === null && recommend === null && !apply);
  const saved = insertFeedback(ctx.db, { userId: actor.id, courseId, completionId: due.completionId, usefulness, recommend, apply: apply || null, skipped, nodePath, createdAt: ctx.now });
  return { ok: true, value: { saved } };
}

/** What the feedback page shows: whether the learner has completed the course and still has feedback to give. */
export function loadFeedbackPage(db: Db, userId: number, courseId: string): { completed: boolean; due: boolean } {
  const completed = listCompletions(db, userId, courseId).length > 0;
  return { completed, due: completed && feedbackDue(db, userId, courseId) !== undefined };
}
