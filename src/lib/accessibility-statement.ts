/**
 * The accessibility statement's review date. Finnish law (306/2019) expects
 * the statement to be kept current; we review it at least once a year. A
 * statement older than that fails `npm run check` and the test suite, while
 * the build only warns, so a running deployment can always restart.
 */
export const STATEMENT_REVIEWED = '2026-12-02';

/** Days after which the statement counts as out of date. */
export const STATEMENT_MAX_AGE_DAYS = 365;

export interface StatementReview {
  ok: boolean;
  /** Whole days since the review, in Helsinki calendar days (approximately: UTC noon of each day). */
  ageDays: number;
  message?: string;
}

/** Decides whether the statement reviewed on `reviewed` (YYYY-MM-DD) is still current on `today`. */
export function checkStatementReview(reviewed: string, today: Date): StatementReview {
  const reviewedAt = Date.parse(`${reviewed}T12:00:00Z`);
  if (Number.isNaN(reviewedAt) || !/^\d{4}-\d{2}-\d{2}$/.test(reviewed)) {
    return { ok: false, ageDays: Number.NaN, message: `Saavutettavuusselosteen tarkistuspäivä "${reviewed}" ei ole muotoa VVVV-KK-PP.` };
  }
  const ageDays = Math.floor((today.getTime() - reviewedAt) / 86_400_000);
  if (ageDays > STATEMENT_MAX_AGE_DAYS) {
    return {
      ok: false,
      ageDays,
      message: `Saavutettavuusseloste on tarkistettu ${reviewed}, yli vuosi sitten (${ageDays} päivää). Tarkista seloste ja päivitä STATEMENT_REVIEWED tiedostossa src/lib/accessibility-statement.ts.`,
    };
  }
  return { ok: true, ageDays };
}
