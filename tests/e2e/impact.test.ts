/**
 * Feedback and follow-up as people meet them, in Chromium against the
 * production build: a learner who completed the course gives feedback on a
 * phone, answers the follow-up from the mail's link without signing in (and
 * the link then refuses a second answer), a trainer and a manager read the
 * figures. Every page and state is axe clean and reflows at 320 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { openPageAs, startSuite, stopSuite } from './helpers/suite';
import type { Cast, RoleName } from './helpers/people';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { insertFollowUp } from '../../src/lib/server/db/impact';
import { issueOneTimeToken } from '../../src/lib/server/accounts/one-time-token';
import { listCompletions } from '../../src/lib/server/db/learning';
import { courseFeedback, followUp } from '../../src/lib/server/db/schema';

const fixture = loadFixtureCourse();
let server: RunningServer;
let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite());
  const db = cast.handle.db;
  completeLessons(db, fixture, { userId: cast.users.learnerA.id }, new Date());
  passFinal(db, fixture, { userId: cast.users.learnerA.id }, 'palaute', new Date());
});
afterAll(() => stopSuite({ server, cast, browser }));

function pageAs(role: RoleName, width = 1280): Promise<Page> {
  return openPageAs({ server, cast, browser }, role, { width });
}

describe.skipIf(!chromiumPath())('feedback and follow-up', () => {
  it('lets a learner who completed the course give feedback once, on a phone', async () => {
    const page = await pageAs('learnerA', 320);
    await page.goto(`${server.url}/kurssit/testikurssi/palaute`);
    await expectCleanPage(page, 'feedback form, 320 px');
    await page.getByRole('group', { name: /hyödyllinen/ }).getByLabel('4').check();
    await page.getByRole('group', { name: /suosittelisit/ }).getByLabel('9', { exact: true }).check();
    await page.getByLabel('Mitä aiot ottaa kurssilta käyttöön työssäsi?').fill('Kysyn työstä jokaisella käynnillä.');
    await page.getByRole('button', { name: 'Lähetä palaute' }).click();
    await page.waitForURL(/ilmoitus=palaute-kiitos/);
    expect(cast.handle.db.select().from(courseFeedback).all()).toMatchObject([{ usefulness: 4, recommend: 9, apply: 'Kysyn työstä jokaisella käynnillä.' }]);
    await page.goto(`${server.url}/kurssit/testikurssi/palaute`);
    expect(await page.textContent('main')).toContain('Olet jo antanut palautteen');
    await expectCleanPage(page, 'feedback already given, 320 px');
  });

  it('takes the follow-up answer from the link without signing in, once', async () => {
    const db = cast.handle.db;
    const completion = listCompletions(db, cast.users.learnerA.id, 'testikurssi')[0]!;
    const id = insertFollowUp(db, { userId: cast.users.learnerA.id, courseId: 'testikurssi', completionId: completion.id, completedAt: completion.completedAt, nodePath: null, sentAt: new Date() })!;
    const token = issueOneTimeToken(db, 'follow_up', { email: cast.users.learnerA.email, userId: cast.users.learnerA.id, payload: { followUpId: id } }, new Date());
    const page = await pageAs('anonymous', 320);
    await page.goto(`${server.url}/seuranta/${token}`);
    await expectCleanPage(page, 'follow-up form, 320 px');
    await page.getByRole('button', { name: 'Lähetä vastaus' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Valitse yksi vaihtoehdoista');
    await expectCleanPage(page, 'follow-up form with an error, 320 px');
    await page.getByLabel('Osittain').check();
    await page.getByLabel(/Mikä työssäsi on muuttunut/).fill('Verkostopalaveri sovitaan heti ensimmäisellä käynnillä.');
    await page.getByRole('button', { name: 'Lähetä vastaus' }).click();
    await page.waitForURL(/\/seuranta\/kiitos$/);
    await expectCleanPage(page, 'thank-you page');
    expect(db.select().from(followUp).all().find((f) => f.id === id)).toMatchObject({ adoption: 'partly' });
    const again = await page.goto(`${server.url}/seuranta/${token}`);
    expect(again?.status()).toBe(410);
    expect(await page.textContent('main')).toContain('Tähän kyselyyn on jo vastattu');
  });

  it('shows the figures to a trainer and a manager, with groups under five suppressed', async () => {
    const admin = await pageAs('admin');
    await admin.goto(`${server.url}/kouluttajat/testikurssi/palaute`);
    expect(await admin.textContent('main')).toContain('Alle 5 vastaajaa');
    await expectCleanPage(admin, 'trainer figures');
    const manager = await pageAs('managerA', 390);
    await manager.goto(`${server.url}/hallinta/vaikuttavuus`);
    expect(await manager.textContent('main')).toContain('Alle 5 vastaajaa');
    await expectCleanPage(manager, 'manager figures, 390 px');
  });
});
