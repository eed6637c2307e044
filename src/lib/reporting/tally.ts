/**
 * Completions per month for the dashboard chart. Pure, so the counting is
 * tested without a database. (The figures themselves are in figures.ts.)
 */

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
