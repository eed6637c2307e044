/**
 * The catalog as plain data: one pure `buildCatalog` from the content (the
 * collections in the app, the files in scripts, jobs and tests) to the
 * structures for the rule engine, lookups of every activity by its
 * (site-wide unique) id, and each course's content hash. The build manifest
 * (`course-catalog.json`) and the demo seed are made from it too, so every
 * reader stamps the same hash.
 */
import type { CollectionEntry } from 'astro:content';
import type { Case, Question } from '../../content/schema';
import type { CollectionContent, CollectionEntryLike } from '../../content/file-collections';
import { buildCourseStructure, type CourseStructure } from '../../learning/structure';
import { courseContentHash } from './content-hash';
import type { ReportCourse } from '../reporting/records';

type Data<E> = E extends CollectionEntryLike<infer D> ? D : never;
export type CourseLike = CollectionEntryLike<Data<CollectionContent['courses'][number]>>;
export type LessonLike = CollectionEntryLike<Data<CollectionContent['lessons'][number]>>;
export type FinalLike = CollectionEntryLike<Data<CollectionContent['finalQuizzes'][number]>>;

export interface CourseInfo<C extends CourseLike = CollectionEntry<'courses'>, L extends LessonLike = CollectionEntry<'lessons'>, F extends FinalLike = CollectionEntry<'finalQuizzes'>> {
  entry: C;
  structure: CourseStructure;
  lessons: L[];
  finalQuiz?: F;
}

export interface Catalog<C extends CourseLike = CollectionEntry<'courses'>, L extends LessonLike = CollectionEntry<'lessons'>, F extends FinalLike = CollectionEntry<'finalQuizzes'>> {
  courses: Map<string, CourseInfo<C, L, F>>;
  questions: Map<string, { question: Question; courseId: string; lessonId: string }>;
  cases: Map<string, { case: Case; courseId: string; lessonId: string }>;
  reflections: Map<string, { prompt: string; courseId: string; lessonId: string }>;
}

/** Lesson slug from a lesson entry id (`course/slug`). */
export function lessonSlug(entry: { id: string }): string {
  return entry.id.split('/')[1]!;
}

/** Builds the catalog from the published courses, their lessons and final quizzes (pure). */
export function buildCatalog<C extends CourseLike, L extends LessonLike, F extends FinalLike>(content: CollectionContent<C, L, F>): Catalog<C, L, F> {
  const catalog: Catalog<C, L, F> = { courses: new Map(), questions: new Map(), cases: new Map(), reflections: new Map() };
  for (const course of content.courses) {
    const own = content.lessons.filter((l) => l.id.startsWith(`${course.id}/`)).sort((a, b) => a.data.order - b.data.order);
    const finalQuiz = content.finalQuizzes.find((f) => f.id === course.id);
    const structure = buildCourseStructure({
      id: course.id,
      contentHash: courseContentHash({ course: course.data, lessons: own, finalQuiz: finalQuiz?.data }),
      course: course.data,
      lessons: own.map((l) => ({ slug: lessonSlug(l), data: l.data })),
      finalQuestionIds: finalQuiz?.data.questions.map((q) => q.id) ?? [],
    });
    catalog.courses.set(course.id, { entry: course, structure, lessons: own, finalQuiz });
    for (const l of own) {
      const lessonId = lessonSlug(l);
      for (const q of l.data.quiz) catalog.questions.set(q.id, { question: q, courseId: course.id, lessonId });
      for (const c of l.data.cases) catalog.cases.set(c.id, { case: c, courseId: course.id, lessonId });
      for (const r of l.data.reflections) catalog.reflections.set(r.id, { prompt: r.prompt, courseId: course.id, lessonId });
    }
  }
  return catalog;
}

/** Courses of a catalog in a stable order for listings. */
export function coursesInOrder<C extends CourseLike, L extends LessonLike, F extends FinalLike>(catalog: Catalog<C, L, F>): CourseInfo<C, L, F>[] {
  const rank = (c: CourseInfo<C, L, F>) => c.entry.data.order ?? Number.MAX_SAFE_INTEGER;
  return [...catalog.courses.values()].sort((a, b) => rank(a) - rank(b) || a.entry.data.title.localeCompare(b.entry.data.title, 'fi'));
}

/** The courses as reports and the build manifest name them, in listing order. */
export function reportCoursesOfCatalog(catalog: Catalog<CourseLike, LessonLike, FinalLike>): ReportCourse[] {
  return coursesInOrder(catalog).map((c) => ({ id: c.entry.id, title: c.entry.data.title, version: c.entry.data.version, followUpWeeks: c.entry.data.followUpWeeks }));
}
