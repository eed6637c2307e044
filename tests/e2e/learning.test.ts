/**
 * Taking a course in Chromium by keyboard alone: an anonymous reader opens a
 * lesson, signs in and comes back to it, marks lessons read, answers a quiz
 * wrongly and then rightly, walks a case to an ending, passes the final quiz
 * and sees "Omat kurssit" at 100 %. axe on every page type and on feedback and
 * error states.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, openPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { startSuite, stopSuite } from './helpers/suite';
import { activate, choose, tabTo, typeInto } from './helpers/keyboard';
import type { Cast } from './helpers/people';
import path from 'node:path';
import { loadDemoCourses } from '../../src/lib/server/demo/courses';

let server: RunningServer;
let browser: Browser;
let cast: Cast;

const check = expectCleanPage;

/** Submits an enhanced activity form by keyboard and waits for its result to appear in place. */
async function submitInPlace(page: Page, formSelector: string, resultSelector: string): Promise<void> {
  await tabTo(page, `${formSelector} button[type=submit]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(resultSelector);
}

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite());
});
afterAll(() => stopSuite({ server, cast, browser }));

describe.skipIf(!chromiumPath())('taking a course by keyboard', () => {
  it('from an anonymous reader to 100 % in "Omat kurssit"', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${server.url}/kurssit`);
    await check(page, 'catalog');
    await activate(page, 'a[href="/kurssit/testikurssi"]');
    await check(page, 'course page, anonymous');
    await activate(page, 'a[href="/kurssit/testikurssi/perusteet"]');
    // The island says who is reading; visitors get a sign-in link back to this lesson.
    await page.waitForSelector('.lesson-status a[href^="/kirjaudu?palaa="]');
    await check(page, 'lesson, anonymous');

    await activate(page, '.lesson-status a[href^="/kirjaudu?palaa="]');
    await typeInto(page, '#f-email', 'oppija.a@example.fi');
    await typeInto(page, '#f-password', 'sininen kettu hyppää 42');
    await activate(page, 'form button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/kurssit/testikurssi/perusteet');
    await page.waitForSelector('.lesson-status form[action*="markRead"]');
    await check(page, 'lesson, signed in');

    // A wrong answer first: feedback for every option, in place.
    await choose(page, '#tehtava-tk-l1-k1 input[value="b"]');
    await submitInPlace(page, '#tehtava-tk-l1-k1 form', '#tehtava-tk-l1-k1 .feedback');
    expect(await page.textContent('#tehtava-tk-l1-k1 .feedback__verdict')).toContain('Ei aivan oikein');
    expect(await page.locator('#tehtava-tk-l1-k1 .feedback__option').count()).toBe(2);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('feedback__verdict'))).toBe(true);
    await check(page, 'quiz feedback, wrong');
    await choose(page, '#tehtava-tk-l1-k1 input[value="a"]');
    await submitInPlace(page, '#tehtava-tk-l1-k1 form', '#tehtava-tk-l1-k1 .feedback--right');
    expect(await page.textContent('#tehtava-tk-l1-k1 .feedback__verdict')).toContain('Oikein');

    // An empty answer is an error the learner is told about.
    await submitInPlace(page, '#tehtava-tk-l1-k2 form', '#tehtava-tk-l1-k2 .error-summary');
    expect(await page.textContent('#tehtava-tk-l1-k2 .error-summary')).toContain('Valitse vastaus');
    await check(page, 'quiz error');
    await choose(page, '#tehtava-tk-l1-k2 input[value="a"]');
    await choose(page, '#tehtava-tk-l1-k2 input[value="b"]');
    await submitInPlace(page, '#tehtava-tk-l1-k2 form', '#tehtava-tk-l1-k2 .feedback--right');

    await submitInPlace(page, '.lesson-status form', '.lesson-status [role=status]');
    expect(await page.textContent('.lesson-status')).toContain('Oppitunti on merkitty luetuksi');

    // The next lesson: a case walked to an ending and a private reflection.
    await activate(page, 'a[rel=next]');
    await page.waitForSelector('.lesson-status form[action*="markRead"]');
    await choose(page, '#tapaus-tk-tapaus input[value="a"]');
    await submitInPlace(page, '#tapaus-tk-tapaus form', '#tapaus-tk-tapaus .case-step');
    await check(page, 'case step');
    await choose(page, '#tapaus-tk-tapaus input[name=option][value="a"]');
    await submitInPlace(page, '#tapaus-tk-tapaus form', '#tapaus-tk-tapaus legend:has-text("Miten päätät")');
    await choose(page, '#tapaus-tk-tapaus input[name=option][value="a"]');
    await submitInPlace(page, '#tapaus-tk-tapaus form', '#tapaus-tk-tapaus .case-ending');
    expect(await page.textContent('#tapaus-tk-tapaus .case-ending')).toContain('Asiakas pääsee jatkoon');
    // The ending shows the whole path taken, each situation with the choice made.
    expect(await page.locator('#tapaus-tk-tapaus .case-path .case-path__choice').allTextContents()).toEqual(['Valitsit: Kysyn avoimesti', 'Valitsit: Sovin jatkosta', 'Valitsit: Saattaen vaihtaen']);
    await check(page, 'case ending');

    await page.waitForSelector('#pohdinta-tk-pohdinta textarea');
    await typeInto(page, '#pohdinta-tk-pohdinta textarea', 'Opin, että saattaen vaihtaminen auttaa.');
    await submitInPlace(page, '#pohdinta-tk-pohdinta form', '#pohdinta-tk-pohdinta [data-result] .notice--success');
    await submitInPlace(page, '.lesson-status form', '.lesson-status [role=status]');

    // The final quiz: a failing attempt shows which questions were wrong, never the right options.
    await activate(page, 'a[href="/kurssit/testikurssi/loppukoe"]');
    await check(page, 'final quiz');
    await choose(page, 'input[name="vastaus:tk-loppu-1"][value="b"]');
    await activate(page, 'form.final-quiz button[type=submit]');
    expect(await page.textContent('#tulos')).toContain('Tuloksesi: 0 %');
    const resultText = await page.textContent('[aria-labelledby=tulos]');
    expect(resultText).toContain('Mikä kerros työkykytalossa kuvaa työtä ja johtamista?');
    expect(resultText).not.toContain('Neljäs kerros');
    await check(page, 'final quiz result');
    await choose(page, 'input[name="vastaus:tk-loppu-1"][value="a"]');
    await choose(page, 'input[name="vastaus:tk-loppu-2:a"]');
    await choose(page, 'input[name="vastaus:tk-loppu-2:b"]');
    await choose(page, 'input[name="vastaus:tk-loppu-3"][value="a"]');
    await activate(page, 'form.final-quiz button[type=submit]');
    expect(await page.textContent('#tulos')).toContain('Tuloksesi: 100 %');
    expect(await page.textContent('main')).toContain('Olet suorittanut kurssin');

    await activate(page, 'a[href="/omat-kurssit"]');
    expect(await page.textContent('main')).toContain('Testikurssi');
    expect(await page.textContent('.my-courses .progress__text')).toBe('100 %');
    expect(await page.textContent('.my-courses')).toContain('Suoritettu');
    await check(page, 'my courses');
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('works without JavaScript: every activity is a plain form post', async () => {
    const cookie = `session=${cast.cookie('learnerB')}`;
    const post = (path: string, fields: Record<string, string>, withCookie = true) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', ...(withCookie ? { cookie } : {}) },
        body: new URLSearchParams(fields).toString(),
      });
    // A visitor who answers is sent to sign in and back to the question.
    const anonymous = await post('/tehtava/vastaus?_action=learning.answer', { question: 'tk-l1-k1', option: 'a', palaa: '/kurssit/testikurssi/perusteet#tehtava-tk-l1-k1' }, false);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/kirjaudu?palaa=%2Fkurssit%2Ftestikurssi%2Fperusteet%23tehtava-tk-l1-k1');

    const answered = await post('/tehtava/vastaus?_action=learning.answer', { question: 'tk-l1-k1', option: 'b', palaa: '/kurssit/testikurssi/perusteet#tehtava-tk-l1-k1' });
    const answeredHtml = await answered.text();
    expect(answered.status).toBe(200);
    expect(answeredHtml).toContain('Ei aivan oikein');
    expect(answeredHtml).toContain('Tämä on oikein, koska se on testin oikea vaihtoehto.');
    expect(answeredHtml).toContain('href="/kurssit/testikurssi/perusteet#tehtava-tk-l1-k1"');

    // Tampered input: a 400 with a message, and nothing written.
    const before = (cast.handle.sqlite.prepare('SELECT COUNT(*) AS n FROM quiz_attempt').get() as { n: number }).n;
    for (const fields of [{ question: 'tk-l1-k1', option: 'zz' }, { question: 'ei-ole', option: 'a' }, { question: 'tk-l1-k1', option: 'a&option=b' }]) {
      const res = await post('/tehtava/vastaus?_action=learning.answer', fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
    }
    const twoForSingle = await fetch(`${server.url}/tehtava/vastaus?_action=learning.answer`, { method: 'POST', headers: { origin: server.url, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'question=tk-l1-k1&option=a&option=b' });
    expect(twoForSingle.status).toBe(400);
    expect((cast.handle.sqlite.prepare('SELECT COUNT(*) AS n FROM quiz_attempt').get() as { n: number }).n).toBe(before);

    const step = await (await post('/tehtava/tapaus?_action=learning.chooseInCase', { case: 'tk-tapaus', point: 'p1', option: 'a', palaa: '/kurssit/testikurssi/tapaus#tapaus-tk-tapaus' })).text();
    expect(step).toContain('Avoin kysymys avaa keskustelun.');
    expect(step).toContain('Mitä teet seuraavaksi?');
    const run = /name="run" value="(\d+)"/.exec(step)![1]!;
    const outOfOrder = await post('/tehtava/tapaus?_action=learning.chooseInCase', { case: 'tk-tapaus', run, point: 'p3', option: 'a' });
    expect(outOfOrder.status).toBe(409);
    // Without JavaScript too, the next step shows the path so far.
    const second = await (await post('/tehtava/tapaus?_action=learning.chooseInCase', { case: 'tk-tapaus', run, point: 'p2', option: 'b', palaa: '/kurssit/testikurssi/tapaus#tapaus-tk-tapaus' })).text();
    expect(second).toMatch(/Polkusi tähän asti[\s\S]*Mitä teet ensin\?[\s\S]*Kysyn avoimesti/);

    const saved = await post('/tehtava/pohdinta?_action=learning.saveReflection', { reflection: 'tk-pohdinta', text: 'Ilman skriptejä kirjoitettu vastaus.' });
    expect(await saved.text()).toContain('Vastauksesi on tallennettu');
    const form = await (await fetch(`${server.url}/tehtava/pohdinta?id=tk-pohdinta`, { headers: { cookie } })).text();
    expect(form).toContain('Ilman skriptejä kirjoitettu vastaus.</textarea>');

    const read = await (await post('/tehtava/luettu?_action=learning.markRead', { course: 'testikurssi', lesson: 'perusteet' })).text();
    expect(read).toContain('Oppitunti on merkitty luetuksi');
    // The server (content collections) and the demo seed (the files) stamp the same content hash.
    const stamped = cast.handle.sqlite.prepare("SELECT content_hash AS hash FROM lesson_progress WHERE user_id = ? AND course_id = 'testikurssi' AND lesson_id = 'perusteet'").get(cast.users.learnerB.id) as { hash: string };
    const demo = loadDemoCourses(path.resolve('.test-build/content')).find((c) => c.structure.id === 'testikurssi');
    expect(stamped.hash).toBe(demo?.structure.contentHash);

    const quizPage = await (await fetch(`${server.url}/kurssit/testikurssi/loppukoe`, { headers: { cookie } })).text();
    const nonce = /name="nonce" value="([^"]+)"/.exec(quizPage)![1]!;
    const submit = { course: 'testikurssi', nonce, 'vastaus:tk-loppu-1': 'a', 'vastaus:tk-loppu-2:a': '1', 'vastaus:tk-loppu-2:b': '1', 'vastaus:tk-loppu-3': 'b' };
    const result = await (await post('/kurssit/testikurssi/loppukoe?_action=learning.submitFinal', submit)).text();
    expect(result).toContain('Tuloksesi: 67 %');
    // Feedback for the two questions answered right; nothing that would give away the third one's key.
    expect(result).toContain('Selitykset kysymyksiin, joihin vastasit oikein');
    expect(result).toContain('Neljäs kerros kuvaa työtä, työyhteisöä ja johtamista.');
    expect(result).toContain('Sosiaalinen toimintakyky on yksi osa-alue.');
    expect(result).not.toContain('Hyvinvointialue järjestää tarkastuksen.');
    expect(result).not.toContain('Työttömällä ei ole työnantajaa');
    // The course page tells how current the content is: the month of its least recently reviewed lesson.
    const coursePage = (await (await fetch(`${server.url}/kurssit/testikurssi`, { headers: { cookie } })).text()).replace(/\s+/g, ' ');
    expect(coursePage).toContain('<dt>Sisältö tarkistettu</dt><dd>tammikuu 2020</dd>');
    // A lesson lists the acts it rests on, linked to Finlex, under its sources.
    const caseLesson = await (await fetch(`${server.url}/kurssit/testikurssi/tapaus`, { headers: { cookie } })).text();
    expect(caseLesson).toContain('<h3>Lainsäädäntö</h3>');
    expect(caseLesson).toContain('<a href="https://www.finlex.fi/fi/lainsaadanto/2010/1326">Terveydenhuoltolaki 1326/2010, 13 §</a>');
    // The same form sent twice is one attempt.
    await post('/kurssit/testikurssi/loppukoe?_action=learning.submitFinal', submit);
    expect((cast.handle.sqlite.prepare('SELECT COUNT(*) AS n FROM final_attempt WHERE user_id = ?').get(cast.users.learnerB.id) as { n: number }).n).toBe(1);
  });

  it('pages are accessible at phone width too', async () => {
    for (const path of ['/kurssit', '/kurssit/testikurssi', '/kurssit/testikurssi/perusteet', '/sanasto', '/haku?q=ty%C3%B6kyky']) {
      const { page } = await openPage(browser, { width: 320, height: 640 });
      await page.goto(`${server.url}${path}`);
      await check(page, `${path} at 320 px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  it('the glossary term opens a popover by keyboard', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}/kurssit/testikurssi/perusteet`);
    await tabTo(page, '.term__button');
    await page.keyboard.press('Enter');
    const popover = page.locator('.term__popover').first();
    await popover.waitFor({ state: 'visible' });
    expect(await popover.textContent()).toContain('työkyky');
    await check(page, 'term popover');
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden' });
    await page.context().close();
  });
});

describe.skipIf(!chromiumPath())('search', () => {
  async function search(q: string): Promise<string[]> {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}/haku?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /tulosta|Ei tuloksia/.test(document.querySelector('#haku-tila')?.textContent ?? ''));
    const links = await page.$$eval('.search-results a', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    await check(page, `search ${q}`);
    await page.context().close();
    return links;
  }

  it('finds a lesson by Finnish case endings and by the gradation forms of glossary terms', async () => {
    expect(await search('kelpohanke')).toEqual(['/kurssit/testikurssi/perusteet']);
    expect(await search('kelpohankkeessa')).toContain('/kurssit/testikurssi/perusteet');
    // The fixture lesson only says "työkyky"; the term's forms carry "työkyvyn" for the index.
    expect(await search('työkyvyn')).toContain('/kurssit/testikurssi/perusteet');
    expect(await search('arvioinnissa')).toContain('/kurssit/testikurssi/tapaus');
  });
});
