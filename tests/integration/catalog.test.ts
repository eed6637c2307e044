/**
 * One catalog: the server's (through the content collections' shape), the
 * demo seed's and the build manifest's come from the same `buildCatalog`, so
 * they name the same courses in the same order with the same content hash.
 * (The browser suite checks that the built server stamps this hash too.)
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog, listReportCourses } from '../../src/lib/server/learning/catalog';
import { buildCatalog, coursesInOrder } from '../../src/lib/server/learning/build-catalog';
import { readContentFiles } from '../../src/lib/content/file-collections';
import { loadContentFiles } from '../../src/lib/content/load-files';
import { loadDemoCourses } from '../../src/lib/server/demo/courses';
import { reportCoursesOf } from '../../src/lib/server/reporting/course-manifest';

describe('the catalog', () => {
  it('gives the server, the demo seed and the build manifest the same courses and content hashes', async () => {
    const server = coursesInOrder(await loadCatalog()).map((c) => [c.entry.id, c.structure.contentHash]);
    const demo = loadDemoCourses().map((c) => [c.structure.id, c.structure.contentHash]);
    expect(server.length).toBeGreaterThan(0);
    expect(demo).toEqual(server);
    expect(reportCoursesOf(loadContentFiles('src/content'))).toEqual(await listReportCourses());
  });

  it('is pure: the same content gives the same catalog, and a changed lesson body changes only that course’s hash', () => {
    const content = readContentFiles();
    const first = buildCatalog(content);
    expect([...buildCatalog(content).courses.values()].map((c) => c.structure)).toEqual([...first.courses.values()].map((c) => c.structure));
    const lesson = content.lessons.find((l) => l.id.startsWith(`${content.courses[0]!.id}/`))!;
    const edited = buildCatalog({ ...content, lessons: content.lessons.map((l) => (l === lesson ? { ...l, body: `${l.body} Korjattu.` } : l)) });
    for (const [id, info] of first.courses) {
      const changed = edited.courses.get(id)!.structure.contentHash !== info.structure.contentHash;
      expect(changed, id).toBe(id === content.courses[0]!.id);
    }
  });
});
