/**
 * What trainers, managers and funders see of feedback and follow-ups: counts
 * and shares only, every group under five suppressed (as in the funder
 * report), free text only from groups of five or more and never with a name.
 * Pure: the rows come in without identities.
 */
import { isSuppressed, MIN_GROUP_SIZE } from './suppress';

export interface FeedbackAnswer {
  usefulness: number | null;
  recommend: number | null;
  apply: string | null;
}

export interface FeedbackSummary {
  respondents: number;
  suppressed: boolean;
  /** Counts for 1..5 (index 0 = 1). */
  usefulness: number[];
  usefulnessMean: number | null;
  /** Counts for 0..10. */
  recommend: number[];
  /** Net Promoter Score: % 9–10 minus % 0–6, of those who answered. */
  netPromoterScore: number | null;
  texts: string[];
}

/** Summarises feedback answers; below five respondents only the fact is shown. */
export function summariseFeedback(rows: readonly FeedbackAnswer[]): FeedbackSummary {
  const respondents = rows.length;
  const usefulness = [0, 0, 0, 0, 0];
  const recommend = Array.from({ length: 11 }, () => 0);
  let usefulSum = 0;
  let usefulN = 0;
  for (const r of rows) {
    if (r.usefulness !== null) {
      usefulness[r.usefulness - 1]! += 1;
      usefulSum += r.usefulness;
      usefulN += 1;
    }
    if (r.recommend !== null) recommend[r.recommend]! += 1;
  }
  const recommendN = recommend.reduce((a, b) => a + b, 0);
  const promoters = recommend[9]! + recommend[10]!;
  const detractors = recommend.slice(0, 7).reduce((a, b) => a + b, 0);
  const suppressed = isSuppressed(respondents);
  return {
    respondents,
    suppressed,
    usefulness: suppressed ? [] : usefulness,
    usefulnessMean: suppressed || usefulN < MIN_GROUP_SIZE ? null : Math.round((usefulSum / usefulN) * 10) / 10,
    recommend: suppressed ? [] : recommend,
    netPromoterScore: suppressed || recommendN < MIN_GROUP_SIZE ? null : Math.round(((promoters - detractors) / recommendN) * 100),
    texts: suppressed ? [] : rows.flatMap((r) => (r.apply ? [r.apply] : [])),
  };
}

export interface FollowUpAnswer {
  adoption: 'no' | 'partly' | 'yes' | null;
  change: string | null;
}

export interface FollowUpSummary {
  /** Completers followed up (mailed). */
  followedUp: number;
  respondents: number;
  suppressed: boolean;
  /** respondents ÷ followedUp, whole percent. */
  responseRate: number | null;
  /** Shares of respondents, whole percent. */
  shares: { yes: number; partly: number; no: number } | null;
  texts: string[];
}

/** Summarises follow-ups: the response rate and yes / partly / no as shares of respondents. */
export function summariseFollowUps(rows: readonly FollowUpAnswer[]): FollowUpSummary {
  const answered = rows.filter((r) => r.adoption !== null);
  const respondents = answered.length;
  const suppressed = isSuppressed(respondents);
  const count = (a: 'yes' | 'partly' | 'no') => answered.filter((r) => r.adoption === a).length;
  const share = (n: number) => Math.round((n / respondents) * 100);
  return {
    followedUp: rows.length,
    respondents,
    suppressed,
    responseRate: suppressed || rows.length === 0 ? null : Math.round((respondents / rows.length) * 100),
    shares: suppressed ? null : { yes: share(count('yes')), partly: share(count('partly')), no: share(count('no')) },
    texts: suppressed ? [] : answered.flatMap((r) => (r.change ? [r.change] : [])),
  };
}

export interface FunderFollowUpRow {
  courseId: string;
  orgType: string;
  completedAt: number;
  adoption: 'no' | 'partly' | 'yes' | null;
}

export interface FunderFollowUpCell {
  orgType: string;
  /** 1–4, or 0 for the whole year. */
  quarter: number;
  summary: FollowUpSummary;
}

/**
 * The funder report's follow-up part: for each course, organisation type and
 * quarter of completion (and the whole year), the response rate and
 * yes / partly / no as shares of respondents; groups under five suppressed.
 * Free text never leaves here.
 */
export function computeFunderFollowUps(rows: readonly FunderFollowUpRow[], quarterOf: (ms: number) => number): Map<string, FunderFollowUpCell[]> {
  const byCourse = new Map<string, Map<string, FollowUpAnswer[]>>();
  for (const r of rows) {
    const cells = byCourse.get(r.courseId) ?? new Map<string, FollowUpAnswer[]>();
    for (const key of [`${r.orgType}|${quarterOf(r.completedAt)}`, `${r.orgType}|0`]) {
      const list = cells.get(key) ?? [];
      list.push({ adoption: r.adoption, change: null });
      cells.set(key, list);
    }
    byCourse.set(r.courseId, cells);
  }
  const out = new Map<string, FunderFollowUpCell[]>();
  for (const [courseId, cells] of byCourse) {
    out.set(
      courseId,
      [...cells.entries()]
        .map(([key, answers]) => {
          const [orgType, quarter] = key.split('|') as [string, string];
          const { texts: _texts, ...summary } = summariseFollowUps(answers);
          return { orgType, quarter: Number(quarter), summary: { ...summary, texts: [] } };
        })
        .sort((a, b) => a.orgType.localeCompare(b.orgType) || a.quarter - b.quarter),
    );
  }
  return out;
}
