/**
 * CI's gate on the real courses' review dates, counted from the day CI runs
 * (on purpose: this is the check that a published course has not gone stale,
 * not a test of the rule, which `review-age.test.ts` covers with injected
 * days). A review older than 12 months is printed as a warning; older than
 * 24 months fails.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentFiles } from '../../src/lib/content/load-files';
import { describeReviewFinding, findDueReviews, lessonReviewsOf } from '../../src/lib/content/review-age';

describe('the real courses', () => {
  it('have no lesson whose content review is over 24 months old', () => {
    const { courses } = loadContentFiles(path.resolve('src/content'));
    const findings = findDueReviews(lessonReviewsOf(courses), new Date());
    const due = findings.filter((f) => f.state === 'due');
    if (due.length) process.stderr.write(`Varoitus: ${due.length} oppitunnin tarkistus on erääntynyt:\n${due.map(describeReviewFinding).join('\n')}\n`);
    expect(findings.filter((f) => f.state === 'overdue').map(describeReviewFinding)).toEqual([]);
  });
});
