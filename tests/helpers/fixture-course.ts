/** The fixture course under tests/fixtures, parsed by the real content loader, as the rule engine sees it. */
import path from 'node:path';
import { loadContentFiles } from '../../src/lib/content/load-files';
import { buildCourseStructure, type CourseStructure } from '../../src/lib/learning/structure';
import type { Case, Question } from '../../src/lib/content/schema';

export interface FixtureCourse {
  structure: CourseStructure;
  question: (id: string) => Question;
  caseOf: (id: string) => Case;
  finalQuestions: Question[];
}

export function loadFixtureCourse(version = '1.0'): FixtureCourse {
  const { courses, problems } = loadContentFiles(path.resolve('tests/fixtures/content'));
  if (problems.length) throw new Error(JSON.stringify(problems));
  const course = courses.find((c) => c.id === 'testikurssi')!;
  const lessons = course.lessons.map((l) => ({ slug: l.id.split('/')[1]!, data: l.data }));
  const structure = buildCourseStructure({
    id: course.id,
    contentHash: `hash-${version}`,
    course: { ...course.data, version },
    lessons,
    finalQuestionIds: course.finalQuiz!.data.questions.map((q) => q.id),
  });
  const questions = new Map(course.lessons.flatMap((l) => l.data.quiz.map((q) => [q.id, q] as const)));
  const cases = new Map(course.lessons.flatMap((l) => l.data.cases.map((c) => [c.id, c] as const)));
  return { structure, question: (id) => questions.get(id)!, caseOf: (id) => cases.get(id)!, finalQuestions: course.finalQuiz!.data.questions };
}
