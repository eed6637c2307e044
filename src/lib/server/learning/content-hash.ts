/**
 * The content hash of a course: what exactly was on the pages when a record
 * was written, for audit. It covers the course, every lesson (data and MDX
 * body) and the final quiz, so a typo fix changes the hash but not the
 * version. Shared by the server's catalog (content collections) and the
 * demo seeder (the files read directly), so both stamp the same hash.
 */
import { createHash } from 'node:crypto';

export interface HashedCourseParts {
  /** The parsed `course.yaml`. */
  course: unknown;
  /** Lessons with their entry id (`course/slug`), parsed front matter and trimmed MDX body. */
  lessons: readonly { id: string; data: unknown; body?: string }[];
  /** The parsed `final-quiz.yaml`, when the course has one. */
  finalQuiz?: unknown;
}

/** The first 16 hex characters of a SHA-256 over the course's parts. */
export function courseContentHash(parts: HashedCourseParts): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(parts.course));
  for (const l of [...parts.lessons].sort((a, b) => a.id.localeCompare(b.id))) hash.update(`\n${l.id}\n${JSON.stringify(l.data)}\n${l.body ?? ''}`);
  if (parts.finalQuiz !== undefined) hash.update(`\nfinal\n${JSON.stringify(parts.finalQuiz)}`);
  return hash.digest('hex').slice(0, 16);
}
