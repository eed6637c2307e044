/**
 * A signed-in learner works through a lesson with JavaScript off, as some
 * locked-down work computers require: the lesson page's status falls back to
 * a link to the on-demand "Merkitse luetuksi" page, the reflection's to its
 * own page, and quiz answers post as plain forms. (axe needs JavaScript, so
 * these pages are checked with it on in the accessibility tests.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPath } from './helpers/chromium';
import type { RunningServer } from './helpers/server';
import { openPageAs, startSuite, stopSuite } from './helpers/suite';
import type { Cast } from './helpers/people';
import { lessonProgress, reflection } from '../../src/lib/server/db/schema';

let server: RunningServer;
let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite());
});
afterAll(() => stopSuite({ server, cast, browser }));

function learnerWithoutScripts(): Promise<Page> {
  return openPageAs({ server, cast, browser }, 'learnerA', { width: 390, height: 844, javaScriptEnabled: false });
}

describe.skipIf(!chromiumPath())('a lesson without JavaScript', () => {
  it('marks the lesson read through the fallback link', async () => {
    const page = await learnerWithoutScripts();
    await page.goto(`${server.url}/kurssit/testikurssi/perusteet`);
    await page.getByRole('link', { name: 'Merkitse oppitunti luetuksi' }).click();
    await page.waitForURL(/\/tehtava\/luettu\?/);
    await page.getByRole('button', { name: 'Merkitse luetuksi' }).click();
    await page.waitForLoadState('load');
    const rows = cast.handle.db.select().from(lessonProgress).all().filter((r) => r.userId === cast.users.learnerA.id && r.lessonId === 'perusteet');
    expect(rows.some((r) => r.completedAt !== null)).toBe(true);
  });

  it('saves a reflection through its own page', async () => {
    const page = await learnerWithoutScripts();
    await page.goto(`${server.url}/kurssit/testikurssi/tapaus`);
    await page.getByRole('link', { name: 'Kirjoita vastauksesi' }).click();
    await page.waitForURL(/\/tehtava\/pohdinta\?id=tk-pohdinta/);
    await page.locator('textarea[name=text]').fill('Kysyisin ensin, mitä työ merkitsee hänelle.');
    await page.getByRole('button', { name: 'Tallenna vastaus' }).click();
    await page.waitForLoadState('load');
    const saved = cast.handle.db.select().from(reflection).all().find((r) => r.userId === cast.users.learnerA.id);
    expect(saved?.text).toBe('Kysyisin ensin, mitä työ merkitsee hänelle.');
  });

  it('answers a lesson quiz as a plain form post', async () => {
    const page = await learnerWithoutScripts();
    await page.goto(`${server.url}/kurssit/testikurssi/perusteet`);
    const form = page.locator('form[action*="learning.answer"]').first();
    await form.locator('input[type=radio], input[type=checkbox]').first().check();
    await form.locator('button[type=submit]').click();
    await page.waitForURL(/\/tehtava\/vastaus/);
    expect(await page.getByRole('main').textContent()).toMatch(/oikein|väärin|Oikein|Väärin/);
  });
});
