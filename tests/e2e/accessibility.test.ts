/**
 * The accessibility gaps a person meets that axe alone does not catch:
 * reflow at 320 px with long Finnish compounds and a long e-mail address,
 * where the focus lands after an error or a result, completing a lesson
 * without JavaScript, and the pages in the dark theme.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, openPage } from './helpers/browser';
import { activate, choose, tabTo, typeInto } from './helpers/keyboard';
import type { RunningServer } from './helpers/server';
import { startSuite, stopSuite } from './helpers/suite';
import type { Cast } from './helpers/people';
import { createUser } from '../helpers/accounts';
import { createSession } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';

let server: RunningServer;
let browser: Browser;
let cast: Cast;
/** A learner whose address is 60 characters long. */
let longEmailCookie: string;
const LONG_EMAIL = 'tyokykykoordinaattori.virtanen@pohjois-jarvenkyla.example.fi';

async function pageWith(cookie: string | undefined, options: { width?: number; javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const { page } = await openPage(browser, options);
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
  if (cookie) await page.context().addCookies([{ name: 'session', value: cookie, url: server.url }]);
  return page;
}

/** Follows a link or submits a form by clicking (keyboard reachability is proven elsewhere; here it is what happens next). */
async function follow(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 30_000 }), page.click(selector, { timeout: 30_000 })]);
}

/** What has the focus: its id, or its tag and text. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim().slice(0, 40)}`);

describe.skipIf(!chromiumPath())('accessibility a person meets', () => {
  beforeAll(async () => {
    ({ server, cast, browser } = await startSuite());
    expect(LONG_EMAIL.length).toBe(60);
    const user = await createUser(cast.handle.db, { email: LONG_EMAIL, name: 'Pitkäosoitteinen Oppija', nodeId: cast.org.a1 });
    longEmailCookie = createSession(cast.handle.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, new Date()).token;
  });
  afterAll(() => stopSuite({ server, cast, browser }));

  it('reflows at 320 px: the final quizzes of the real courses, the profile with a 60-character address, a lesson', async () => {
    const paths: [string | undefined, string][] = [
      [longEmailCookie, '/kurssit/puheeksi-otto/loppukoe'],
      [longEmailCookie, '/kurssit/tyokyvyn-arviointi/loppukoe'],
      [longEmailCookie, '/kurssit/verkostoyhteistyo/loppukoe'],
      [longEmailCookie, '/profiili'],
      [undefined, '/kurssit/tyokyvyn-arviointi'],
      [undefined, '/kurssit/tyokyvyn-arviointi/menetelmat-ja-mittarit'],
    ];
    for (const [cookie, path] of paths) {
      const page = await pageWith(cookie, { width: 320 });
      await page.goto(`${server.url}${path}`);
      if (path === '/profiili') expect(await page.textContent('main')).toContain(LONG_EMAIL);
      await expectCleanPage(page, `${path} at 320 px`);
      await page.context().close();
    }
  });

  it('after a failed form post the error summary has the focus and the title starts with "Virhe:"', async () => {
    const forms: [string, string][] = [
      ['/kirjaudu', 'form[action*="auth.login"] button[type=submit]'],
      ['/rekisteroidy', 'form[action*="auth.register"] button[type=submit]'],
      ['/salasana/unohtunut', 'form[action*="auth.requestReset"] button[type=submit]'],
    ];
    for (const [path, submit] of forms) {
      const page = await pageWith(undefined);
      await page.goto(`${server.url}${path}`);
      expect(await page.title(), path).not.toMatch(/^Virhe:/);
      if (path === '/kirjaudu') {
        await typeInto(page, '#f-email', 'oppija.a@example.fi');
        await typeInto(page, '#f-password', 'väärä salasana tähän');
      }
      await activate(page, submit);
      expect(await page.title(), path).toMatch(/^Virhe: /);
      expect(await focused(page), path).toBe('virheet');
      await expectCleanPage(page, `${path} after an error`);
      await page.context().close();
    }
  });

  it('after the final quiz the result heading has the focus, with and without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await pageWith(cast.cookie('learnerB'), { javaScriptEnabled });
      await page.goto(`${server.url}/kurssit/testikurssi/loppukoe`);
      await choose(page, 'input[name="vastaus:tk-loppu-1"][value="b"]');
      await activate(page, 'form.final-quiz button[type=submit]');
      await page.waitForSelector('#tulos');
      expect(await focused(page), `JavaScript ${javaScriptEnabled}`).toBe('tulos');
      await page.context().close();
    }
  });

  it('the header is the same on prerendered and on-demand pages for a signed-in manager, and offers sign-in to a visitor', async () => {
    const headerLinks = (page: Page) => page.$$eval('.site-header a, .site-header button', (els) => els.map((e) => e.textContent?.trim()).filter(Boolean));
    const manager = await pageWith(cast.cookie('managerA'));
    await manager.goto(`${server.url}/omat-kurssit`);
    const onDemand = await headerLinks(manager);
    expect(onDemand).toEqual(expect.arrayContaining(['Hallinta', 'Oma profiili', 'Kirjaudu ulos']));
    for (const path of ['/kurssit/testikurssi/perusteet', '/sanasto', '/saavutettavuusseloste']) {
      await manager.goto(`${server.url}${path}`);
      await manager.waitForSelector('.site-header button:has-text("Kirjaudu ulos")');
      expect(await headerLinks(manager), path).toEqual(onDemand);
    }
    await manager.context().close();
    const visitor = await pageWith(undefined, { javaScriptEnabled: false });
    await visitor.goto(`${server.url}/sanasto`);
    expect(await headerLinks(visitor)).toContain('Kirjaudu');
    await visitor.context().close();
  });

  it('on a phone the header is one row of at most 64 px, and its menu opens by keyboard without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await pageWith(cast.cookie('managerA'), { width: 390, javaScriptEnabled });
      await page.goto(`${server.url}/kurssit`);
      const header = await page.evaluate(() => document.querySelector('.site-header')!.getBoundingClientRect().height);
      expect(header, `JavaScript ${javaScriptEnabled}`).toBeLessThanOrEqual(64);
      expect(await page.isVisible('.site-nav a[href="/hallinta"]')).toBe(false);
      await tabTo(page, '.site-menu__toggle');
      await page.keyboard.press('Enter');
      expect(await page.isVisible('.site-nav a[href="/hallinta"]')).toBe(true);
      await tabTo(page, '.site-nav a[href="/sanasto"]');
      await tabTo(page, '#site-search-q');
      // axe needs JavaScript to run.
      if (javaScriptEnabled) await expectCleanPage(page, '/kurssit with the phone menu open');
      await page.context().close();
    }
    // On a wide screen the links are in the row and there is no menu button.
    const wide = await pageWith(undefined, { width: 1366 });
    await wide.goto(`${server.url}/kurssit`);
    expect(await wide.isVisible('.site-menu__toggle')).toBe(false);
    expect(await wide.isVisible('.site-nav a[href="/sanasto"]')).toBe(true);
    await tabTo(wide, '.site-nav a[href="/sanasto"]');
    await wide.context().close();
  });

  it('course cards show a picture, duration, level and one call to action, across the page width', async () => {
    const page = await pageWith(undefined, { width: 1366 });
    await page.goto(`${server.url}/kurssit`);
    const cards = await page.$$eval('.course-card', (els) => els.map((el) => ({
      image: el.querySelector('img')?.getAttribute('src'),
      loaded: (el.querySelector('img') as HTMLImageElement | null)?.naturalWidth ?? 0,
      facts: el.querySelector('.course-card__facts')?.textContent ?? '',
      actions: el.querySelectorAll('a').length,
      right: el.getBoundingClientRect().right,
    })));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.image).toMatch(/^\/_astro\/[\w.-]+\.svg$/);
      expect(card.loaded).toBeGreaterThan(0);
      expect(card.facts).toMatch(/noin .+ (h|min).*oppituntia.*(Perustaso|Syventävä)/);
      expect(card.actions).toBe(1);
    }
    await expectCleanPage(page, '/kurssit, wide');
    await page.context().close();
  });

  it('the home page offers a visitor an account, and takes a learner back to where they left off', async () => {
    const visitor = await pageWith(undefined);
    await visitor.goto(`${server.url}/`);
    expect(await visitor.$('main a.button[href="/rekisteroidy"]')).not.toBeNull();
    await expectCleanPage(visitor, 'home, visitor');
    await visitor.context().close();

    const learner = await createUser(cast.handle.db, { email: 'jatkaja@example.fi', name: 'Jatko Oppija', nodeId: cast.org.a1 });
    const cookie = createSession(cast.handle.db, learner, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, new Date()).token;
    const page = await pageWith(cookie, { width: 390 });
    await page.goto(`${server.url}/`);
    expect(await page.textContent('.home-continue')).toContain('Et ole vielä aloittanut kurssia');
    await page.goto(`${server.url}/tehtava/luettu?kurssi=testikurssi&oppitunti=perusteet`);
    await follow(page, 'form[action*="learning.markRead"] button[type=submit]');
    await page.goto(`${server.url}/`);
    expect(await page.textContent('.home-continue h2')).toBe('Jatka siitä, mihin jäit');
    expect(await page.textContent('.home-continue')).toContain('Testikurssi');
    // The first lesson is read but its questions are not answered yet: that is where to go on.
    expect(await page.getAttribute('.home-continue a.button', 'href')).toBe('/kurssit/testikurssi/perusteet');
    expect(await page.textContent('.home-continue a.button')).toContain('Jatka');
    expect(await page.$('main a.button[href="/rekisteroidy"]')).toBeNull();
    await expectCleanPage(page, 'home, learner, phone');
    await page.context().close();
  });

  it('a search hit on a glossary term links to the term and shows its definition', async () => {
    const page = await pageWith(undefined);
    await page.goto(`${server.url}/haku?q=${encodeURIComponent('ICF-viitekehyksessä')}`);
    await page.waitForFunction(() => /tulosta|Ei tuloksia/.test(document.querySelector('#haku-tila')?.textContent ?? ''));
    const hits = await page.$$eval('.search-results li', (lis) => lis.map((li) => ({ href: li.querySelector('a')?.getAttribute('href'), text: li.querySelector('p:last-child')?.textContent ?? '' })));
    const term = hits.find((h) => h.href === '/sanasto#icf');
    expect(term, JSON.stringify(hits)).toBeTruthy();
    expect(term!.text).toMatch(/^ICF on Maailman terveysjärjestön/);
    expect(term!.text).not.toContain('ICF:ltä');
    await expectCleanPage(page, 'search with a glossary hit');
    await page.context().close();
  });

  it('a case step on its own page (as without JavaScript) shows the path so far and has no axe violations in either theme', async () => {
    // form.submit() posts without the in-page enhancement, as a browser without JavaScript does; axe itself needs JavaScript.
    const post = (page: Page, form: string) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.evaluate((sel) => (document.querySelector(sel) as HTMLFormElement).submit(), form)]);
    // One learner per theme: a case started again within minutes continues the same run.
    for (const [colorScheme, learner] of [['light', 'learnerB'], ['dark', 'learnerA']] as const) {
      const page = await pageWith(cast.cookie(learner), { colorScheme, width: 390 });
      await page.goto(`${server.url}/kurssit/testikurssi/tapaus`);
      await choose(page, '#tapaus-tk-tapaus input[value="a"]');
      await post(page, '#tapaus-tk-tapaus form');
      expect(new URL(page.url()).pathname).toBe('/tehtava/tapaus');
      await choose(page, '.case-step input[name=option][value="b"]');
      await post(page, '.case-step form');
      expect(await page.textContent('.case-path')).toContain('Kysyn avoimesti');
      await expectCleanPage(page, `case step (${colorScheme})`);
      await page.context().close();
    }
  });

  it('the trainer guide and the main pages have no axe violations in the dark theme either', async () => {
    const visits: [string | undefined, string][] = [
      [cast.cookie('trainer'), '/kouluttajan-opas'],
      [undefined, '/'],
      [undefined, '/kurssit/testikurssi/perusteet'],
      [undefined, '/kirjaudu'],
      [cast.cookie('learnerA'), '/omat-kurssit'],
      [cast.cookie('managerA'), '/hallinta'],
      [cast.cookie('managerA'), `/hallinta?yksikko=${cast.org.a1}`],
      [cast.cookie('managerA'), '/hallinta/raportit'],
      [cast.cookie('learnerA'), '/kurssit'],
      [cast.cookie('learnerA'), '/kurssit/testikurssi'],
      [cast.cookie('learnerA'), '/todistukset'],
      [cast.cookie('admin'), '/yllapito'],
    ];
    for (const [cookie, path] of visits) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await pageWith(cookie, { colorScheme });
        await page.goto(`${server.url}${path}`);
        await expectCleanPage(page, `${path} (${colorScheme})`);
        await page.context().close();
      }
    }
  });
});
