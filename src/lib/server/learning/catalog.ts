/**
 * The courses as the server sees them at run time: built once from the
 * content collections into structures for the rule engine and lookups of
 * every activity by its (site-wide unique) id. The content hash of a course
 * covers all of its files, so a typo fix changes the hash but not the version.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Case, Question } from '../../content/schema';
import { buildCourseStructure, type CourseStructure } from '../../learning/structure';
import { courseContentHash } from './content-hash';
import type { CourseCatalog } from '../context';

export interface CourseInfo {
  entry: CollectionEntry<'courses'>;
  structure: CourseStructure;
  lessons: CollectionEntry<'lessons'>[];
  finalQuiz?: CollectionEntry<'finalQuizzes'>;
}

export interface Catalog {
  courses: Map<string, CourseInfo>;
  questions: Map<string, { question: Question; courseId: string; lessonId: string }>;
  cases: Map<string, { case: Case; courseId: string; lessonId: string }>;
  reflections: Map<string, { prompt: string; courseId: string; lessonId: string }>;
}

/** Lesson slug from a lesson entry id (`course/slug`). */
export function lessonSlug(entry: CollectionEntry<'lessons'>): string {
  return entry.id.split('/')[1]!;
}

function contentHash(course: CollectionEntry<'courses'>, lessons: CollectionEntry<'lessons'>[], finalQuiz?: CollectionEntry<'finalQuizzes'>): string {
  return courseContentHash({ course: course.data, lessons, finalQuiz: finalQuiz?.data });
}

async function buildCatalog(): Promise<Catalog> {
  const [courses, lessons, finals] = await Promise.all([getCollection('courses', (c) => !c.data.draft), getCollection('lessons'), getCollection('finalQuizzes')]);
  const catalog: Catalog = { courses: new Map(), questions: new Map(), cases: new Map(), reflections: new Map() };
  for (const course of courses) {
    const own = lessons.filter((l) => l.id.startsWith(`${course.id}/`)).sort((a, b) => a.data.order - b.data.order);
    const finalQuiz = finals.find((f) => f.id === course.id);
    const structure = buildCourseStructure({
      id: course.id,
      contentHash: contentHash(course, own, finalQuiz),
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

const CACHE = Symbol.for('tyokykyakatemia.catalog');
type Holder = { [CACHE]?: Promise<Catalog> };

/** The catalog, built on first use (content does not change while the server runs). */
export function loadCatalog(): Promise<Catalog> {
  // In `astro dev` content changes while the server runs: rebuild every time.
  if (import.meta.env.DEV) return buildCatalog();
  const holder = globalThis as Holder;
  holder[CACHE] ??= buildCatalog();
  return holder[CACHE];
}

/** Courses in a stable order for listings. */
export async function listCourses(): Promise<CourseInfo[]> {
  const catalog = await loadCatalog();
  const rank = (c: CourseInfo) => c.entry.data.order ?? Number.MAX_SAFE_INTEGER;
  return [...catalog.courses.values()].sort((a, b) => rank(a) - rank(b) || a.entry.data.title.localeCompare(b.entry.data.title, 'fi'));
}

/** The published courses as reports name them, in listing order. */
export async function listReportCourses(): Promise<{ id: string; title: string; version: string }[]> {
  return (await listCourses()).map((c) => ({ id: c.entry.id, title: c.entry.data.title, version: c.entry.data.version }));
}

/** The content collections as the request context's catalog. */
export const collectionCatalog: CourseCatalog = { reportCourses: listReportCourses };
