/**
 * The courses as the server sees them at run time: the content collections
 * through the pure `buildCatalog` (`build-catalog.ts`), built once.
 */
import { readCollections } from '~/content-collections';
import type { CourseCatalog } from '../context';
import { buildCatalog, coursesInOrder, reportCoursesOfCatalog, type Catalog, type CourseInfo } from './build-catalog';

export { buildCatalog, coursesInOrder, lessonSlug, reportCoursesOfCatalog, type Catalog, type CourseInfo } from './build-catalog';

async function buildFromCollections(): Promise<Catalog> {
  return buildCatalog(await readCollections()) as unknown as Catalog;
}

const CACHE = Symbol.for('tyokykyakatemia.catalog');
type Holder = { [CACHE]?: Promise<Catalog> };

/** The catalog, built on first use (content does not change while the server runs). */
export function loadCatalog(): Promise<Catalog> {
  // In `astro dev` content changes while the server runs: rebuild every time.
  if (import.meta.env.DEV) return buildFromCollections();
  const holder = globalThis as Holder;
  holder[CACHE] ??= buildFromCollections();
  return holder[CACHE];
}

/** Courses in a stable order for listings. */
export async function listCourses(): Promise<CourseInfo[]> {
  return coursesInOrder(await loadCatalog());
}

/** The published courses as reports name them, in listing order. */
export async function listReportCourses(): Promise<{ id: string; title: string; version: string }[]> {
  return reportCoursesOfCatalog(await loadCatalog());
}

/** The content collections as the request context's catalog. */
export const collectionCatalog: CourseCatalog = { reportCourses: listReportCourses };
