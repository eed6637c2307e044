/**
 * Live sessions as a trainer and learners use them, in Chromium against the
 * production build: a trainer creates a workshop for one unit (bad input first,
 * on a phone), a learner in that unit registers and sees it in their list, a
 * learner elsewhere does not find it, the trainer sees the roster, and the
 * learner cancels. Every page and state is axe clean and reflows at 320 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { openPageAs, startSuite, stopSuite } from './helpers/suite';
import type { Cast, RoleName } from './helpers/people';
import { liveRegistration, mailOutbox } from '../../src/lib/server/db/schema';
import { insertLiveSession } from '../../src/lib/server/db/live-sessions';
import { registerForSession } from '../../src/lib/server/live/registration';
import { loadConfig } from '../../src/lib/server/config';

let server: RunningServer;
let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite());
});
afterAll(() => stopSuite({ server, cast, browser }));

function pageAs(role: RoleName, width = 1280): Promise<Page> {
  return openPageAs({ server, cast, browser }, role, { width });
}

function futureLocal(daysAhead: number, hour: number): string {
  const d = new Date(Date.now() + daysAhead * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

describe.skipIf(!chromiumPath())('live training sessions', () => {
  let sessionPath = '';

  it('lets a trainer create a workshop for one unit, with field messages for bad input first', async () => {
    const page = await pageAs('trainer', 390);
    await page.goto(`${server.url}/kouluttajat/tilaisuudet`);
    await expectCleanPage(page, 'trainer list, empty');
    await page.getByRole('link', { name: 'Uusi tilaisuus' }).click();
    await page.getByLabel('Nimi', { exact: true }).fill('Työpaja: puheeksi oton harjoitukset');
    await page.getByLabel('Lähitilaisuus (työpaja)').check();
    await page.getByLabel('Alkaa', { exact: true }).fill(futureLocal(10, 12));
    await page.getByLabel('Päättyy', { exact: true }).fill(futureLocal(10, 9));
    await page.getByLabel('Paikkoja', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Luo tilaisuus' }).click();
    await expect.poll(() => page.title()).toMatch(/^Virhe:/);
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('Kerro paikka');
    expect(await summary.textContent()).toContain('Päättymisajan pitää olla alkamisajan jälkeen');
    expect(await summary.textContent()).toContain('vähintään 1');
    expect(await page.getByLabel('Paikkoja', { exact: true }).getAttribute('aria-describedby')).toContain('f-capacity-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('virheet');
    await expectCleanPage(page, 'create form with errors, 390 px');

    await page.getByLabel('Nimi', { exact: true }).fill('Työpaja: puheeksi oton harjoitukset');
    await page.getByLabel('Lähitilaisuus (työpaja)').check();
    await page.getByLabel('Paikka (vain lähitilaisuus)').fill('Sote-keskus, neuvotteluhuone Pihlaja');
    await page.getByLabel('Käyntiosoite (vain lähitilaisuus)').fill('Keskuskatu 1, 90100 Oulu');
    await page.getByLabel('Alkaa', { exact: true }).fill(futureLocal(10, 9));
    await page.getByLabel('Päättyy', { exact: true }).fill(futureLocal(10, 12));
    await page.getByLabel('Paikkoja', { exact: true }).fill('1');
    await page.getByLabel(/Kenelle/).selectOption({ label: 'Testialue › Kunta A' });
    await page.getByRole('button', { name: 'Luo tilaisuus' }).click();
    await page.waitForURL(/\/kouluttajat\/tilaisuudet\/\d+\?ilmoitus=tilaisuus-luotu/);
    expect(await page.getByRole('status').textContent()).toContain('Tilaisuus on luotu');
    await expectCleanPage(page, 'trainer session page, 390 px');
    sessionPath = (await page.getByRole('link', { name: /^\/tilaisuudet\/\d+$/ }).getAttribute('href'))!;
    expect(sessionPath).toMatch(/^\/tilaisuudet\/\d+$/);
  });

  it('lets a learner in the unit register, and hides the session from a learner elsewhere', async () => {
    const page = await pageAs('learnerA', 320);
    await page.goto(`${server.url}/tilaisuudet`);
    await expectCleanPage(page, 'learner list, 320 px');
    await page.getByRole('link', { name: 'Työpaja: puheeksi oton harjoitukset' }).click();
    expect(await page.textContent('main')).toContain('Keskuskatu 1, 90100 Oulu');
    await expectCleanPage(page, 'session page before registering, 320 px');
    await page.getByRole('button', { name: 'Ilmoittaudu', exact: true }).click();
    await page.waitForURL(/ilmoitus=ilmoittauduttu/);
    expect(await page.textContent('main')).toContain('Olet ilmoittautunut tähän tilaisuuteen');
    await expectCleanPage(page, 'session page registered, 320 px');
    const mail = cast.handle.db.select().from(mailOutbox).all().find((m) => m.recipient === cast.users.learnerA.email && m.kind === 'live_invitation');
    // Queued with its calendar entry; the server's sender may already have delivered it and cleared the body.
    expect(mail && (mail.status === 'sent' || mail.body?.calendar?.method === 'REQUEST')).toBe(true);

    const other = await pageAs('learnerB');
    const response = await other.goto(`${server.url}${sessionPath}`);
    expect(response?.status()).toBe(404);
    await other.goto(`${server.url}/tilaisuudet`);
    expect(await other.textContent('main')).not.toContain('puheeksi oton harjoitukset');
  });

  it('shows the trainer the roster, and lets the learner cancel', async () => {
    const trainer = await pageAs('trainer');
    await trainer.goto(`${server.url}/kouluttajat${sessionPath}`);
    expect(await trainer.getByRole('table', { name: 'Ilmoittautuneet' }).textContent()).toContain('Olli Oppija');
    await expectCleanPage(trainer, 'trainer roster');

    // The manager of unit A sees the session and their own person in it, on a phone.
    const manager = await pageAs('managerA', 320);
    await manager.goto(`${server.url}/hallinta/tilaisuudet`);
    await expectCleanPage(manager, 'manager sessions, 320 px');
    await manager.getByRole('link', { name: 'Työpaja: puheeksi oton harjoitukset' }).click();
    expect(await manager.getByRole('table').textContent()).toContain('Olli Oppija');
    await expectCleanPage(manager, 'manager session page, 320 px');
    const other = await pageAs('managerB');
    expect((await other.goto(`${server.url}/hallinta${sessionPath}`))?.status()).toBe(404);

    const page = await pageAs('learnerA');
    await page.goto(`${server.url}${sessionPath}`);
    await page.getByRole('button', { name: 'Peru ilmoittautuminen' }).click();
    await page.waitForURL(/ilmoitus=ilmoittautuminen-peruttu/);
    await expectCleanPage(page, 'session page after cancelling');
    const row = cast.handle.db.select().from(liveRegistration).all().find((r) => r.userId === cast.users.learnerA.id);
    expect(row?.status).toBe('cancelled');
  });

  it('takes the roll call on a phone and lets an attendee check in with the code shown', async () => {
    const db = cast.handle.db;
    const now = Date.now();
    const id = insertLiveSession(db, { title: 'Käynnissä oleva työpaja', description: '', kind: 'workshop', meetingUrl: null, place: 'Neuvotteluhuone', address: 'Keskuskatu 1', startsAt: new Date(now - 10 * 60_000), endsAt: new Date(now + 2 * 3_600_000), registrationDeadline: new Date(now - 20 * 60_000), capacity: 10, language: 'fi', courseId: null }, [], cast.users.trainer.id, new Date(now - 86_400_000));
    const config = loadConfig({ SITE_URL: server.url, DATABASE_PATH: `${server.dataDir}/app.db` });
    // Registered while registration was still open.
    for (const who of [cast.users.learnerA, cast.users.learnerB]) expect(registerForSession({ db, config, now: new Date(now - 30 * 60_000) }, who, id).ok).toBe(true);

    const trainer = await pageAs('trainer', 390);
    await trainer.goto(`${server.url}/kouluttajat/tilaisuudet/${id}/lasnaolo`);
    await expectCleanPage(trainer, 'roll call, 390 px');
    const code = (await trainer.locator('.check-in__code').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    await Promise.all([trainer.waitForURL(/lasnaolo#henkilo-/), trainer.getByRole('button', { name: /Merkitse paikalle.*Olli Oppija/ }).click()]);
    expect(await trainer.getByRole('button', { name: /Paikalla.*Olli Oppija/ }).getAttribute('aria-pressed')).toBe('true');
    await expectCleanPage(trainer, 'roll call with one present, 390 px');

    const learner = await pageAs('learnerB', 320);
    await learner.goto(`${server.url}/tilaisuudet/${id}`);
    await learner.getByLabel('Ilmoittautumiskoodi').fill('XXXXXX');
    await learner.getByRole('button', { name: 'Kirjaa läsnäolo' }).click();
    await expect.poll(() => learner.getByRole('alert').textContent()).toContain('Koodi ei täsmää');
    await expectCleanPage(learner, 'check-in with a wrong code, 320 px');
    await learner.getByLabel('Ilmoittautumiskoodi').fill(code.toLowerCase());
    await learner.getByRole('button', { name: 'Kirjaa läsnäolo' }).click();
    await learner.waitForURL(/ilmoitus=lasnaolo-kirjattu/);
    expect(await learner.textContent('main')).toContain('Läsnäolosi on kirjattu');
    const rows = db.select().from(liveRegistration).all().filter((r) => r.sessionId === id);
    expect(rows.find((r) => r.userId === cast.users.learnerA.id)).toMatchObject({ attendanceMarkedBy: cast.users.trainer.id });
    expect(rows.find((r) => r.userId === cast.users.learnerB.id)).toMatchObject({ attendanceMarkedBy: cast.users.learnerB.id });
  });
});
