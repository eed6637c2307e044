/**
 * A small content folder for seeding the demo in tests: the fixture course
 * and a second copy of it under other ids (the demo needs two courses for a
 * learner with one certificate and one course in progress). The same flows
 * as the curriculum, a fraction of the activities.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './test-db';

/** Writes the folder into a new temporary directory and returns its path. */
export function createDemoContent(): string {
  const dir = path.join(makeTempDir('tka-demo-content-'), 'content');
  fs.cpSync(path.resolve('tests/fixtures/content'), dir, { recursive: true });
  const second = path.join(dir, 'courses/toinen-testikurssi');
  fs.cpSync(path.join(dir, 'courses/testikurssi'), second, { recursive: true });
  for (const name of fs.readdirSync(second, { recursive: true }) as string[]) {
    const file = path.join(second, name);
    if (!fs.statSync(file).isFile()) continue;
    // Activity ids are unique site-wide, so the copy gets its own prefix.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\btk-/g, 'tb-').replace(/^title: Testikurssi$/m, 'title: Toinen testikurssi'));
  }
  // Progress is kept per lesson id, so the copy's lessons get their own names too.
  const lessons = path.join(second, 'lessons');
  for (const name of fs.readdirSync(lessons)) fs.renameSync(path.join(lessons, name), path.join(lessons, `toinen-${name}`));
  return dir;
}
