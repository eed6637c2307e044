/**
 * The real courses, read straight from `src/content` (scripts cannot use the
 * content collections), as the demo needs them: the rule engine's structure
 * with the same content hash the server computes, and every question and case
 * so learners can be walked through with the real progress flows.
 */
import path from 'node:path';
import { formatProblems, loadContentFiles } from '../../content/load-files';
import type { Case, Question } from '../../content/schema';
import { buildCourseStructure, type CourseStructure } from '../../learning/structure';
import { courseContentHash } from '../learning/content-hash';

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

/** The default content folder, relative to the working directory (the repository root). */
export function defaultContentDir(): string {
  return path.resolve(process.cwd(), 'src/content');
}

/**
 * Loads the published (non-draft) courses in listing order.
 * @throws when the content has problems (`npm run check` names them too).
 */
export function loadDemoCourses(contentDir = defaultContentDir()): DemoCourse[] {
  const { courses, problems } = loadContentFiles(contentDir);
  if (problems.length) throw new Error(`Kurssisisällössä on virheitä:\n${formatProblems(problems)}`);
  const rank = (order: number | undefined) => order ?? Number.MAX_SAFE_INTEGER;
  return courses
    .filter((c) => !c.data.draft)
    .sort((a, b) => rank(a.data.order) - rank(b.data.order) || a.data.title.localeCompare(b.data.title, 'fi'))
    .map((c) => {
      const lessons = [...c.lessons].sort((a, b) => a.data.order - b.data.order);
      const slug = (id: string) => id.split('/')[1]!;
      const structure = buildCourseStructure({
        id: c.id,
        // Astro trims MDX bodies; trimming here keeps the hash equal to the server's.
        contentHash: courseContentHash({ course: c.data, lessons: lessons.map((l) => ({ id: l.id, data: l.data, body: l.body.trim() })), finalQuiz: c.finalQuiz?.data }),
        course: c.data,
        lessons: lessons.map((l) => ({ slug: slug(l.id), data: l.data })),
        finalQuestionIds: c.finalQuiz?.data.questions.map((q) => q.id) ?? [],
      });
      return {
        structure,
        lessons: lessons.map((l) => ({ id: slug(l.id), quiz: l.data.quiz, cases: l.data.cases })),
        finalQuestions: c.finalQuiz?.data.questions ?? [],
      };
    });
}
