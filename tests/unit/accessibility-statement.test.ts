import { describe, expect, it } from 'vitest';
import { checkStatementReview, STATEMENT_REVIEWED } from '../../src/lib/accessibility-statement';

describe('the accessibility statement review date', () => {
  it('is current within a year of its review and out of date after', () => {
    expect(checkStatementReview('2026-12-02', new Date('2027-12-02T10:00:00Z')).ok).toBe(true);
    const late = checkStatementReview('2026-12-02', new Date('2027-12-03T13:00:00Z'));
    expect(late.ok).toBe(false);
    expect(late.message).toContain('yli vuosi sitten');
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(checkStatementReview('2.12.2026', new Date('2026-12-03T10:00:00Z')).ok).toBe(false);
  });

  // Not injected on purpose: CI fails once the real statement is more than a year old.
  it('is current today', () => {
    expect(checkStatementReview(STATEMENT_REVIEWED, new Date()).message).toBeUndefined();
  });
});
