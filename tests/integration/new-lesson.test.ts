import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContentFiles } from '../../src/lib/content/load-files';
import { contentCheck } from '../../src/integrations/content-check';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function fixtureCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-new-lesson-'));
  dirs.push(dir);
  fs.cpSync(path.resolve('tests/fixtures/content'), dir, { recursive: true });
  return dir;
}

describe('npm run new:lesson', () => {
  it('scaffolds a lesson that passes the checker, with the next order number', () => {
    const dir = fixtureCopy();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/new-lesson.ts', 'testikurssi', 'Työkyvyn tuki käytännössä'], { env: { ...process.env, CONTENT_DIR: dir }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const file = path.join(dir, 'courses/testikurssi/lessons/tyokyvyn-tuki-kaytannossa.mdx');
    expect(fs.readFileSync(file, 'utf8')).toContain('order: 3');
    const { problems, courses } = loadContentFiles(dir);
    expect(problems).toEqual([]);
    expect(courses[0]!.lessons.map((l) => l.data.title)).toContain('Työkyvyn tuki käytännössä');
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/new-lesson.ts', 'testikurssi', 'Työkyvyn tuki käytännössä'], { env: { ...process.env, CONTENT_DIR: dir }, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('on jo olemassa');
  });
});

describe('the build with invalid content', () => {
  it('fails naming the file, the line and what is wrong', () => {
    const dir = fixtureCopy();
    const file = path.join(dir, 'courses/testikurssi/lessons/perusteet.mdx');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('## Ainutlaatuinen kelpohanke', '#### Ainutlaatuinen kelpohanke'));
    const hook = contentCheck(dir).hooks['astro:config:setup'] as unknown as (o: { command: string; logger: { error: (m: string) => void; warn: (m: string) => void } }) => void;
    let error: Error | undefined;
    try {
      hook({ command: 'build', logger: { error: () => {}, warn: () => {} } });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain('Kurssisisällössä on 1 virhettä');
    expect(`${error?.message} ${(error as { hint?: string }).hint ?? ''}`).toMatch(/perusteet\.mdx:\d+: otsikkotaso hyppää tasolta 1 tasolle 4; käytä tasoa 2/);
    const logged: string[] = [];
    hook({ command: 'dev', logger: { error: (m) => logged.push(m), warn: () => {} } });
    expect(logged.join('')).toContain('perusteet.mdx');
  });

  it('only warns about lessons whose review is overdue, so an unchanged site can always rebuild', () => {
    // The fixture's case lesson was last reviewed in January 2020, long over 24 months ago.
    const hook = contentCheck(fixtureCopy()).hooks['astro:config:setup'] as unknown as (o: { command: string; logger: { error: (m: string) => void; warn: (m: string) => void } }) => void;
    const warned: string[] = [];
    expect(() => hook({ command: 'build', logger: { error: () => {}, warn: (m) => warned.push(m) } })).not.toThrow();
    expect(warned.join('')).toMatch(/tapaus\.mdx: oppitunti "Testitapaus" on tarkistettu 15\.1\.2020/);
  });
});
