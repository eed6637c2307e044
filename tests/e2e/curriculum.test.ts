/**
 * Each real course can be completed end to end against the production
 * build: every lesson read, every quiz answered, every case walked to its
 * best ending, the final quiz passed, and a certificate issued; the course
 * page then says so in Chromium, axe clean.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentFiles } from '../../src/lib/content/load-files';
import type { Case } from '../../src/lib/content/schema';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, openPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { startSuite, stopSuite } from './helpers/suite';
import type { Cast } from './helpers/people';
import { createSession } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { createUser } from '../helpers/accounts';

const { courses } = loadContentFiles(path.resolve('src/content'));
let server: RunningServer;
let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite());
});
afterAll(() => stopSuite({ server, cast, browser }));

/** The choices from the start of a case to an ending the case rates good (breadth first). */
function pathToGoodEnding(c: Case): { point: string; option: string }[] {
  const good = new Set(c.endings.filter((e) => e.outcome === 'good').map((e) => e.id));
  const queue: { point: string; steps: { point: string; option: string }[] }[] = [{ point: c.start, steps: [] }];
  const seen = new Set<string>();
  while (queue.length) {
    const { point, steps } = queue.shift()!;
    if (seen.has(point)) continue;
    seen.add(point);
    for (const o of c.points.find((p) => p.id === point)!.options) {
      const next = [...steps, { point, option: o.id }];
      if (o.ending && good.has(o.ending)) return next;
      if (o.next) queue.push({ point: o.next, steps: next });
    }
  }
  throw new Error(`case ${c.id} has no good ending`);
}

describe.skipIf(!chromiumPath())('the curriculum', () => {
  it('holds the three courses', () => {
    expect(courses.map((c) => c.id).sort()).toEqual(['puheeksi-otto', 'tyokyvyn-arviointi', 'verkostoyhteistyo']);
  });

  for (const course of courses) {
    it(`${course.data.title} can be completed end to end`, async () => {
      const user = await createUser(cast.handle.db, { email: `${course.id}@example.fi`, name: 'Kaisa Kokeilija', nodeId: cast.org.a });
      const token = createSession(cast.handle.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, new Date()).token;
      const cookie = `session=${token}`;
      const post = async (pathname: string, fields: [string, string][]) => {
        const res = await fetch(`${server.url}${pathname}`, { method: 'POST', headers: { origin: server.url, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
        const html = await res.text();
        expect(res.status, `${pathname} ${JSON.stringify(fields)}`).toBe(200);
        return html;
      };
      for (const lesson of course.lessons) {
        const slug = lesson.id.split('/')[1]!;
        for (const q of lesson.data.quiz) {
          const html = await post('/tehtava/vastaus?_action=learning.answer', [['question', q.id], ...q.options.filter((o) => o.correct).map((o) => ['option', o.id] as [string, string])]);
          expect(html, q.id).toContain('Oikein');
        }
        for (const c of lesson.data.cases) {
          let run = '';
          for (const step of pathToGoodEnding(c)) {
            const html = await post('/tehtava/tapaus?_action=learning.chooseInCase', [['case', c.id], ['point', step.point], ['option', step.option], ...(run ? [['run', run] as [string, string]] : [])]);
            run = /name="run" value="(\d+)"/.exec(html)?.[1] ?? run;
          }
        }
        for (const r of lesson.data.reflections) await post('/tehtava/pohdinta?_action=learning.saveReflection', [['reflection', r.id], ['text', 'Pohdin omaa työtäni.']]);
        await post('/tehtava/luettu?_action=learning.markRead', [['course', course.id], ['lesson', slug]]);
      }
      const quizPage = await (await fetch(`${server.url}/kurssit/${course.id}/loppukoe`, { headers: { cookie } })).text();
      const nonce = /name="nonce" value="([^"]+)"/.exec(quizPage)![1]!;
      const answers: [string, string][] = [['course', course.id], ['nonce', nonce]];
      for (const q of course.finalQuiz!.data.questions) {
        for (const o of q.options.filter((x) => x.correct)) answers.push(q.type === 'multiple' ? [`vastaus:${q.id}:${o.id}`, '1'] : [`vastaus:${q.id}`, o.id]);
      }
      const result = await post(`/kurssit/${course.id}/loppukoe?_action=learning.submitFinal`, answers);
      expect(result).toContain('Tuloksesi: 100 %');
      expect(result).toContain('Olet suorittanut kurssin');
      const cert = cast.handle.sqlite.prepare('SELECT code, course_title AS title FROM certificate WHERE user_id = ?').get(user.id) as { code: string; title: string };
      expect(cert.title).toBe(course.data.title);

      const { page, problems } = await openPage(browser);
      await page.context().addCookies([{ name: 'session', value: token, url: server.url }]);
      await page.goto(`${server.url}/kurssit/${course.id}`);
      expect(await page.textContent('main')).toContain('Olet suorittanut kurssin');
      expect(await page.textContent('main')).toContain(cert.code);
      await expectCleanPage(page, `${course.id} course page, completed`);
      expect(problems()).toEqual([]);
      await page.context().close();
    });
  }
});
