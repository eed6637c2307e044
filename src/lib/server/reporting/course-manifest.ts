/**
 * The list of courses a build contains (id, title, version label), written
 * next to the build so the server's own jobs (reminders) know the same
 * courses the pages do without the content collections, which exist only
 * inside Astro.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedContent } from '../../content/load-files';
import { collectionsOf } from '../../content/file-collections';
import { buildCatalog, reportCoursesOfCatalog } from '../learning/build-catalog';
import type { ReportCourse } from './records';

export const COURSE_MANIFEST = 'course-catalog.json';

/** The published courses of loaded content, in listing order (the same catalog the server builds). */
export function reportCoursesOf(content: Pick<LoadedContent, 'courses'>): ReportCourse[] {
  return reportCoursesOfCatalog(buildCatalog(collectionsOf(content)));
}

export function writeCourseManifest(buildDir: string, courses: readonly ReportCourse[]): void {
  fs.writeFileSync(path.join(buildDir, COURSE_MANIFEST), `${JSON.stringify(courses, null, 2)}\n`);
}

/** The courses of the build in `buildDir`; empty when the build has none. */
export function readCourseManifest(buildDir: string): ReportCourse[] {
  const file = path.join(buildDir, COURSE_MANIFEST);
  if (!fs.existsSync(file)) return [];
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ReportCourse[];
}
