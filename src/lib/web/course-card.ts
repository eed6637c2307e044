/**
 * What a course card shows, from the course's own data: the picture drawn for
 * it, its length in words a person reads at a glance, its level, and the first
 * sentence of its summary (the whole summary is on the course page).
 */
import type { CourseLevel } from '../content/schema';
import { formatQuantity } from '../format';
import { t } from '../i18n';

// Bundled, so each picture gets a content-hashed, long-cached address.
const IMAGES = import.meta.glob<string>('../../assets/kurssit/*.svg', { eager: true, query: '?url', import: 'default' });

/** The file a course's illustration is drawn in: `src/assets/kurssit/<id>.svg`. */
export function courseImageFile(courseId: string): string {
  return `src/assets/kurssit/${courseId}.svg`;
}

/** The address of a course's illustration, or of the general one (an open book) when none is drawn yet. */
export function courseImageUrl(courseId: string): string {
  return IMAGES[`../../assets/kurssit/${courseId}.svg`] ?? IMAGES['../../assets/kurssit/oletus.svg']!;
}

/** "noin 3 h" or "noin 45 min", rounded to the half hour over an hour. */
export function formatCourseDuration(minutes: number): string {
  return minutes >= 60 ? `noin ${formatQuantity(Math.round((minutes / 60) * 2) / 2)} h` : `noin ${minutes} min`;
}

/** The level as learners read it. */
export function courseLevelLabel(level: CourseLevel): string {
  return t(level === 'perus' ? 'course.level.perus' : 'course.level.syventava');
}

/** The first sentence of a summary (up to the first full stop followed by a space), or the whole text. */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])\s/.exec(text.trim());
  return m ? m[1]! : text.trim();
}
