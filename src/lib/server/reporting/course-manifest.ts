/**
 * The list of courses a build contains (id, title, version label), written
 * next to the build so the server's own jobs (reminders) know the same
 * courses the pages do without the content collections, which exist only
 * inside Astro.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedContent } from '../../content/load-files';
import type { ReportCourse } from './records';

export const COURSE_MANIFEST = 'course-catalog.json';

/** The published courses of loaded content, in listing order. */
export function reportCoursesOf(content: LoadedContent): ReportCourse[] {
  return content.courses
    .filter((c) => !c.data.draft)
    .sort((a, b) => (a.data.order ?? Number.MAX_SAFE_INTEGER) - (b.data.order ?? Number.MAX_SAFE_INTEGER) || a.data.title.localeCompare(b.data.title, 'fi'))
    .map((c) => ({ id: c.id, title: c.data.title, version: c.data.version }));
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
