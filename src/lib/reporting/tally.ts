/**
 * The dashboard's figures for a set of completion records: assigned,
 * started, completed, the completion rate of the assigned, overdue, and
 * certificates expiring within 90 days. Pure, so the numbers are tested
 * without a database.
 */
import type { RecordStatus } from './record-status';

export interface TallyInput {
  status: RecordStatus;
  assigned: boolean;
  startedAt: number | null;
  dueDate: string | null;
  expiringSoon: boolean;
}

export interface Tally {
  assigned: number;
  started: number;
  completed: number;
  /** Of the assigned, how many are complete. */
  assignedCompleted: number;
  overdue: number;
  expiring: number;
}

export const emptyTally = (): Tally => ({ assigned: 0, started: 0, completed: 0, assignedCompleted: 0, overdue: 0, expiring: 0 });

/** Adds one record to a tally, as of Helsinki day `today`. */
export function addToTally(t: Tally, r: TallyInput, today: string): void {
  const complete = r.status === 'valmis';
  if (r.assigned) t.assigned += 1;
  if (r.startedAt !== null || complete) t.started += 1;
  if (complete) t.completed += 1;
  if (r.assigned && complete) t.assignedCompleted += 1;
  if (r.assigned && !complete && r.dueDate !== null && r.dueDate < today) t.overdue += 1;
  if (r.expiringSoon) t.expiring += 1;
}

/** Completion rate of the assigned in whole percent, or null when nothing is assigned. */
export function completionRate(t: Tally): number | null {
  return t.assigned === 0 ? null : Math.floor((t.assignedCompleted / t.assigned) * 100);
}

/** Counts instants per Helsinki month (`YYYY-MM`) for the months given, oldest first. */
export function countByMonth(times: readonly number[], months: readonly string[], toDateKey: (ms: number) => string): { month: string; count: number }[] {
  const counts = new Map(months.map((m) => [m, 0]));
  for (const t of times) {
    const month = toDateKey(t).slice(0, 7);
    if (counts.has(month)) counts.set(month, counts.get(month)! + 1);
  }
  return months.map((month) => ({ month, count: counts.get(month)! }));
}

/** The `n` months up to and including the month of `today` (`YYYY-MM-DD`), oldest first. */
export function lastMonths(today: string, n: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i -= 1) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}
