/**
 * Trainer analytics against the production server: six learners work
 * through the fixture course with different answers; the trainer assigned to
 * it opens the course list and the course's analytics by keyboard and sees
 * the figures, no learner's name, and "under five" where a group is small.
 * axe, CSP and reflow on each page, on a desktop and at 390 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, openPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { startSuite, stopSuite } from './helpers/suite';
import { activate } from './helpers/keyboard';
import type { Cast } from './helpers/people';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { answerQuestion, chooseInCase, recordView } from '../../src/lib/server/learning/progress';

const fixture = loadFixtureCourse();
const HOUR = 3_600_000;
let server: RunningServer;
let browser: Browser;
let cast: Cast;
const names: string[] = [];

/**
 * Five learners complete the course: the first answers the first lesson
 * question wrong before right, the second ends the case badly before walking
 * it well. The sixth only opens the first lesson.
 */
async function seedLearners(): Promise<void> {
  const db = cast.handle.db;
  const c = fixture.structure;
  const start = Date.now() - 48 * HOUR;
  const ids: number[] = [];
  for (let i = 1; i <= 6; i += 1) {
    const name = `Salainen Oppija${i}`;
    names.push(name);
    ids.push((await createUser(db, { email: `salainen${i}@example.fi`, name, nodeId: cast.org.a1 })).id);
  }
  answerQuestion(db, c, 'perusteet', fixture.question('tk-l1-k1'), ['b'], { userId: ids[0]! }, new Date(start));
  const bad = chooseInCase(db, c, 'tapaus', fixture.caseOf('tk-tapaus'), { pointId: 'p1', optionId: 'b' }, { userId: ids[1]! }, new Date(start));
  if (!bad.ok) throw new Error(bad.problem);
  for (const [i, userId] of ids.slice(0, 5).entries()) {
    completeLessons(db, fixture, { userId }, new Date(start + (i + 1) * HOUR));
    passFinal(db, fixture, { userId }, `e2e-analytiikka-${i}`, new Date(start + (i + 1) * HOUR + 60_000));
  }
  recordView(db, c, 'perusteet', { userId: ids[5]! }, new Date(start + 10 * HOUR));
}

async function trainerPage(width = 1280): Promise<Page> {
  const { page } = await openPage(browser, { width, height: 900 });
  await page.context().addCookies([{ name: 'session', value: cast.cookie('trainer')!, url: server.url }]);
  return page;
}

/** Every table on the page by caption, as rows of cell texts. */
function tables(page: Page): Promise<Record<string, string[][]>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('main table')].map((t) => [
        t.querySelector('caption')!.textContent!.trim(),
        [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim())),
      ]),
    ),
  );
}

async function expectNoNames(page: Page): Promise<void> {
  const html = await page.content();
  for (const name of names) expect(html).not.toContain(name);
  expect(html).not.toContain('salainen');
}

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite());
  cast.handle.sqlite.prepare('INSERT INTO course_trainer (user_id, course_id) VALUES (?, ?)').run(cast.users.trainer.id, 'testikurssi');
  await seedLearners();
});
afterAll(() => stopSuite({ server, cast, browser }));

describe.skipIf(!chromiumPath())('trainer analytics', () => {
  it('the facilitator guide opens from the authoring guide, axe clean', async () => {
    const page = await trainerPage();
    await page.goto(`${server.url}/kouluttajan-opas`);
    await activate(page, 'nav.section-nav a[href="/ohjaajan-opas"]');
    expect(new URL(page.url()).pathname).toBe('/ohjaajan-opas');
    expect(await page.textContent('h1')).toBe('Ohjaajan opas: kurssit ryhmän kanssa');
    const main = (await page.textContent('main'))!;
    expect(main).toContain('Paikallinen sovitus: tarkistuslista');
    expect(main).toContain('Verkostoyhteistyö työkyvyn tuessa (kolme tapaamista)');
    await expectCleanPage(page, '/ohjaajan-opas');
    await page.context().close();
  });

  it('the assigned trainer reaches the course list and the course by keyboard and sees anonymous figures', async () => {
    const page = await trainerPage();
    await page.goto(`${server.url}/kouluttajan-opas`);
    await activate(page, 'nav.section-nav a[href="/kouluttajat"]');
    expect(new URL(page.url()).pathname).toBe('/kouluttajat');
    expect(await page.textContent('h1')).toBe('Kurssien analytiikka');
    const list = Object.values(await tables(page))[0]!;
    // Only the assigned course is listed: six started, five completed.
    expect(list).toEqual([['Testikurssi', '1.0', '6', '5']]);
    // The fixture's case lesson was last reviewed in January 2020; the real courses are not the trainer's and stay out.
    const due = (await tables(page))['Oppitunnit, joiden tarkistus on erääntynyt (vanhin ensin)']!;
    expect(due[0]).toEqual(['Testitapaus', 'Testikurssi', '15.1.2020', 'Myöhässä, yli 24 kuukautta']);
    expect(due.every((row) => row[1] === 'Testikurssi')).toBe(true);
    await expectCleanPage(page, '/kouluttajat');
    await expectNoNames(page);

    await activate(page, 'main a[href="/kouluttajat/testikurssi"]');
    expect(new URL(page.url()).pathname).toBe('/kouluttajat/testikurssi');
    const main = (await page.textContent('main'))!.replace(/\s+/g, ' ');
    expect(main).toContain('Versio 1.0: aloittaneita 6, suorittaneita 5.');
    expect(main).toContain('Aloittaneita, jotka eivät ole suorittaneet kurssia, on alle 5');
    expect(await page.$eval('#versio', (s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe('1.0 (nykyinen)');

    const t = await tables(page);
    expect(t['Oppituntien kysymykset: oikein ensimmäisellä yrityksellä']).toEqual([
      ['Testin perusteet', 'Mikä on testikysymyksen oikea vastaus?', '5', '80 %'],
      ['Testin perusteet', 'Valitse kaksi oikeaa.', '5', '100 %'],
    ]);
    expect(t['Loppukokeen kysymykset: oikein ensimmäisellä yrityksellä']!.map((r) => r.slice(1))).toEqual([
      ['5', '100 %'],
      ['5', '100 %'],
      ['5', '100 %'],
    ]);
    const caseTable = t['Tapaus ”Testiasiakas” (oppitunti Testitapaus): ensimmäinen valinta päätöskohdittain']!;
    expect(caseTable.slice(0, 2)).toEqual([
      ['Mitä teet ensin? 5 vastaajaa', 'Kysyn avoimesti (paras valinta)', '4', '80 %'],
      ['Lopetan tapaamisen', '1', '20 %'],
    ]);
    expect(caseTable[2]).toEqual(['Mitä teet seuraavaksi? 5 vastaajaa', 'Sovin jatkosta (paras valinta)', '5', '100 %']);
    await expectCleanPage(page, '/kouluttajat/testikurssi');
    await expectNoNames(page);
    await page.context().close();
  });

  it('the pages reflow at 390 px, with the tables scrolling in their own boxes', async () => {
    for (const path of ['/kouluttajat', '/kouluttajat/testikurssi']) {
      const page = await trainerPage(390);
      await page.goto(`${server.url}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectCleanPage(page, `${path} 390px`);
      await page.context().close();
    }
  });

  it('a course the trainer is not assigned to answers like an unknown one', async () => {
    const cookie = `session=${cast.cookie('trainer')}`;
    const other = await fetch(`${server.url}/kouluttajat/puheeksi-otto`, { headers: { cookie } });
    const unknown = await fetch(`${server.url}/kouluttajat/ei-ole-kurssia`, { headers: { cookie } });
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(await other.text()).toBe(await unknown.text());
  });
});
