/**
 * The real courses, read straight from `src/content` (scripts cannot use the
 * content collections) through the same `buildCatalog` the server uses, as
 * the demo needs them: the rule engine's structure with the server's content
 * hash, and every question and case so learners can be walked through with
 * the real progress flows.
 */
import type { Case, Question } from '../../content/schema';
import { defaultContentDir, readContentFiles } from '../../content/file-collections';
import type { CourseStructure } from '../../learning/structure';
import { buildCatalog, coursesInOrder, lessonSlug } from '../learning/build-catalog';

export { defaultContentDir };

export interface DemoLesson {
  /** Lesson slug within the course. */
  id: string;
  quiz: Question[];
  cases: Case[];
}

export interface DemoCourse {
  structure: CourseStructure;
  /** Lessons in course order. */
  lessons: DemoLesson[];
  finalQuestions: Question[];
}

/**
 * Loads the published (non-draft) courses in listing order.
 * @throws when the content has problems (`npm run check` names them too).
 */
export function loadDemoCourses(contentDir = defaultContentDir()): DemoCourse[] {
  return coursesInOrder(buildCatalog(readContentFiles(contentDir))).map((c) => ({
    structure: c.structure,
    lessons: c.lessons.map((l) => ({ id: lessonSlug(l), quiz: l.data.quiz, cases: l.data.cases })),
    finalQuestions: c.finalQuiz?.data.questions ?? [],
  }));
}
