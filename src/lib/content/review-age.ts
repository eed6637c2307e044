/**
 * How current each lesson is: every lesson declares the day a trainer last
 * checked it against current law and practice (`reviewed`). Law on work
 * ability changes every year, so a review older than 12 months is due and one
 * older than 24 months is overdue. Pure: the caller passes today's date, so
 * tests and the checker agree on what "now" is.
 */

/** A review older than this many months is due. */
export const REVIEW_DUE_MONTHS = 12;
/** A review older than this many months is overdue: `npm run check` fails. */
export const REVIEW_OVERDUE_MONTHS = 24;

export type ReviewState = 'current' | 'due' | 'overdue';

export interface LessonReview {
  courseId: string;
  courseTitle: string;
  lessonId: string;
  lessonTitle: string;
  file?: string;
  reviewed: Date;
}

export interface ReviewFinding extends LessonReview {
  state: Exclude<ReviewState, 'current'>;
  /** Whole months since the review. */
  months: number;
}

/** Whole calendar months from `from` to `to` (a month counts once its day has come). */
export function monthsBetween(from: Date, to: Date): number {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  if (to.getUTCDate() < from.getUTCDate()) months -= 1;
  return months;
}

/** Whether a review made on `reviewed` is current, due or overdue on `today`. */
export function reviewStateOf(reviewed: Date, today: Date): ReviewState {
  const months = monthsBetween(reviewed, today);
  if (months >= REVIEW_OVERDUE_MONTHS) return 'overdue';
  if (months >= REVIEW_DUE_MONTHS) return 'due';
  return 'current';
}

/** The lessons whose review is due or overdue on `today`, oldest review first. */
export function findDueReviews(lessons: readonly LessonReview[], today: Date): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  for (const lesson of lessons) {
    const state = reviewStateOf(lesson.reviewed, today);
    if (state !== 'current') out.push({ ...lesson, state, months: monthsBetween(lesson.reviewed, today) });
  }
  return out.sort((a, b) => a.reviewed.getTime() - b.reviewed.getTime());
}

/** The oldest review among a course's lessons: the course is only as current as that lesson. */
export function oldestReview(reviews: readonly Date[]): Date | undefined {
  let oldest: Date | undefined;
  for (const d of reviews) if (!oldest || d.getTime() < oldest.getTime()) oldest = d;
  return oldest;
}

const monthFormat = new Intl.DateTimeFormat('fi-FI', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `marraskuu 2026`: the month a review was made, as the course page shows it. */
export function formatReviewMonth(date: Date): string {
  return monthFormat.format(date);
}

/** One line per finding, in the `file: message` form the checker prints. */
export function describeReviewFinding(f: ReviewFinding): string {
  const day = `${f.reviewed.getUTCDate()}.${f.reviewed.getUTCMonth() + 1}.${f.reviewed.getUTCFullYear()}`;
  const what = f.state === 'overdue' ? `yli ${REVIEW_OVERDUE_MONTHS} kuukautta sitten – tarkista sisältö ennen julkaisua` : `yli ${REVIEW_DUE_MONTHS} kuukautta sitten – tarkista sisältö pian`;
  return `${f.file ?? `${f.courseId}/${f.lessonId}`}: oppitunti "${f.lessonTitle}" on tarkistettu ${day}, ${what} ja päivitä reviewed-päivä`;
}

/** Every lesson of the given courses with its review date, for `findDueReviews`. */
export function lessonReviewsOf(courses: readonly { id: string; data: { title: string }; lessons: readonly { id: string; file?: string; data: { title: string; reviewed: Date } }[] }[]): LessonReview[] {
  return courses.flatMap((c) =>
    c.lessons.map((l) => ({ courseId: c.id, courseTitle: c.data.title, lessonId: l.id.split('/').pop()!, lessonTitle: l.data.title, file: l.file, reviewed: l.data.reviewed })),
  );
}
