/**
 * How current a lesson is, counted from an injected "today": older than 12
 * months is due, older than 24 months is overdue; the course page shows the
 * month of the oldest review.
 */
import { describe, expect, it } from 'vitest';
import { findDueReviews, formatReviewMonth, monthsBetween, oldestReview, reviewStateOf, type LessonReview } from '../../src/lib/content/review-age';

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const lesson = (lessonId: string, reviewed: string): LessonReview => ({ courseId: 'k', courseTitle: 'Kurssi', lessonId, lessonTitle: `Oppitunti ${lessonId}`, reviewed: day(reviewed) });

describe('review age', () => {
  it('counts whole months, a month once its day has come', () => {
    expect(monthsBetween(day('2025-12-02'), day('2026-12-01'))).toBe(11);
    expect(monthsBetween(day('2025-12-02'), day('2026-12-02'))).toBe(12);
    expect(monthsBetween(day('2024-01-31'), day('2024-03-01'))).toBe(1);
  });

  it('is current up to 12 months, due after 12 and overdue after 24', () => {
    const today = day('2026-12-02');
    expect(reviewStateOf(day('2025-12-03'), today)).toBe('current');
    expect(reviewStateOf(day('2025-12-02'), today)).toBe('due');
    expect(reviewStateOf(day('2024-12-03'), today)).toBe('due');
    expect(reviewStateOf(day('2024-12-02'), today)).toBe('overdue');
  });

  it('lists due and overdue lessons, oldest first, and nothing current', () => {
    const found = findDueReviews([lesson('a', '2026-11-01'), lesson('b', '2025-06-01'), lesson('c', '2023-01-15')], day('2026-12-02'));
    expect(found.map((f) => [f.lessonId, f.state, f.months])).toEqual([
      ['c', 'overdue', 46],
      ['b', 'due', 18],
    ]);
  });

  it('shows the month of the oldest review in Finnish', () => {
    expect(formatReviewMonth(oldestReview([day('2026-12-02'), day('2026-11-23'), day('2026-12-01')])!)).toBe('marraskuu 2026');
    expect(oldestReview([])).toBeUndefined();
  });
});
