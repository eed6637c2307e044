/**
 * `npm run check` (a step): fails when the accessibility statement has not
 * been reviewed within a year.
 */
import { checkStatementReview, STATEMENT_REVIEWED } from '../src/lib/accessibility-statement';

const review = checkStatementReview(STATEMENT_REVIEWED, new Date());
if (!review.ok) {
  process.stderr.write(`${review.message}\n`);
  process.exit(1);
}
process.stdout.write(`Saavutettavuusseloste tarkistettu ${STATEMENT_REVIEWED} (${review.ageDays} päivää sitten).\n`);
