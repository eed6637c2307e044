/** Loads the path a learner has taken in one of their own case runs. */
import type { DbClient } from '../db/client';
import { findCaseRun } from '../db/learning';
import type { Case } from '../../content/schema';
import { describeCasePath, type PathStep } from '../../learning/case-path';

/** The steps of run `runId` of case `c`, or none when the run is not this learner's or not of this case. */
export function loadCasePath(db: DbClient, userId: number, runId: number, c: Case): PathStep[] {
  const run = findCaseRun(db, runId);
  if (!run || run.userId !== userId || run.caseId !== c.id) return [];
  return describeCasePath(c, run.path);
}
