/**
 * The account journey in Chromium by keyboard alone: first-run setup, the
 * administrator's second factor, an invitation, its acceptance, logging in
 * and out; axe on every page and error state on the way.
 */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, launchBrowser, openPage } from './helpers/browser';
import { startServer, type RunningServer } from './helpers/server';
import { activate, tabTo, typeInto } from './helpers/keyboard';
import { totpCodeAt, totpStep } from '../../src/lib/server/auth/totp';

let server: RunningServer;
let browser: Browser;

const expectClean = expectCleanPage;

/** The link in the newest delivered message that matches; the outbox's sender delivers in the background, so wait for it. */
async function mailLink(pattern: RegExp): Promise<string> {
  for (let tries = 0; tries < 100; tries += 1) {
    for (const line of [...server.logs].reverse()) {
      if (!line.includes('"mail_outbox"')) continue;
      const links = (JSON.parse(line) as { links: string[] }).links;
      const hit = links.find((l) => pattern.test(l));
      if (hit) return new URL(hit).pathname;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail link matching ${pattern}`);
}

describe.skipIf(!chromiumPath())('account journey by keyboard', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up, invites, accepts, logs in and out', async () => {
    const { page, problems } = await openPage(browser);
    const setupCode = server.logs.map((l) => /"setupCode":"([^"]+)"/.exec(l)?.[1]).find(Boolean)!;
    expect(setupCode).toBeTruthy();

    // Every on-demand page leads to setup until an administrator exists.
    await page.goto(`${server.url}/omat-kurssit`);
    expect(new URL(page.url()).pathname).toBe('/aloitus');
    await expectClean(page, 'setup');

    await typeInto(page, '#f-code', 'WRNG-CODE-XXXX-YYYY');
    await typeInto(page, '#f-orgName', 'Pohjois-Pohjanmaan hyvinvointialue');
    await typeInto(page, '#f-name', 'Aino Ylläpitäjä');
    await typeInto(page, '#f-email', 'aino@example.fi');
    await typeInto(page, '#f-password', 'lyhyt');
    await activate(page, 'form button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('Käyttöönottokoodi on väärin');
    await expectClean(page, 'setup errors');

    await page.fill('#f-code', '');
    await typeInto(page, '#f-code', setupCode);
    await typeInto(page, '#f-password', 'lyhyt');
    await activate(page, 'form button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('Salasanan on oltava vähintään 10 merkkiä');
    await typeInto(page, '#f-password', 'aamukahvi ja pulla 2026');
    await activate(page, 'form button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/kirjaudu');
    expect(await page.textContent('main')).toContain('Käyttöönotto on valmis');
    await expectClean(page, 'login');

    // A wrong password first: one message for everything.
    await typeInto(page, '#f-email', 'aino@example.fi');
    await typeInto(page, '#f-password', 'väärä salasana tässä');
    await activate(page, 'form button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('Sähköpostiosoite tai salasana on väärin');
    await expectClean(page, 'login error');
    await typeInto(page, '#f-password', 'aamukahvi ja pulla 2026');
    await activate(page, 'form button[type=submit]');

    // An administrator must enrol a second factor first.
    expect(new URL(page.url()).pathname).toBe('/profiili/kaksivaiheinen');
    await expectClean(page, 'second factor enrolment');
    const key = (await page.textContent('figcaption code'))!.replace(/\s+/g, '');
    await typeInto(page, '#f-code', totpCodeAt(decodeBase32IgnorePadding(key), totpStep(new Date())));
    await activate(page, 'form[action*="enableTotp"] button[type=submit]');
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await expectClean(page, 'recovery codes');

    // Invite a learner.
    await page.goto(`${server.url}/yllapito/kutsu`);
    await expectClean(page, 'invite');
    await typeInto(page, '#f-invite-name', 'Olli Oppija');
    await typeInto(page, '#f-invite-email', 'ei-osoite');
    await tabTo(page, '#f-invite-node');
    await page.keyboard.press('ArrowDown');
    await activate(page, 'form[action*="members.invite"] button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('sähköpostiosoite');
    await expectClean(page, 'invite errors');
    await page.fill('#f-invite-email', '');
    await typeInto(page, '#f-invite-email', 'olli@example.fi');
    await tabTo(page, '#f-invite-node');
    await page.keyboard.press('ArrowDown');
    await activate(page, 'form[action*="members.invite"] button[type=submit]');
    expect(await page.textContent('main')).toContain('Kutsu lähetetään hetken kuluttua osoitteeseen olli@example.fi');
    await expectClean(page, 'invite sent');

    await activate(page, 'header form button[type=submit]');
    expect(await page.textContent('main')).toContain('Olet kirjautunut ulos');

    // Accept the invitation from the emailed link.
    await page.goto(`${server.url}${await mailLink(/\/kutsu\//)}`);
    await expectClean(page, 'invitation');
    await typeInto(page, '#f-password', 'salasana123');
    await activate(page, 'form button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('yleisesti käytetty');
    await expectClean(page, 'invitation error');
    await typeInto(page, '#f-password', 'kesäkuun viimeinen päivä');
    await activate(page, 'form button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/omat-kurssit');
    expect(await page.textContent('main')).toContain('Hei Olli Oppija');
    await expectClean(page, 'my courses');

    await activate(page, 'header form button[type=submit]');
    await page.goto(`${server.url}/profiili`);
    expect(new URL(page.url()).pathname).toBe('/kirjaudu');
    await typeInto(page, '#f-email', 'olli@example.fi');
    await typeInto(page, '#f-password', 'kesäkuun viimeinen päivä');
    await activate(page, 'form button[type=submit]');
    // Signing in returns to the page that asked for it.
    expect(new URL(page.url()).pathname).toBe('/profiili');
    await expectClean(page, 'profile');
    await activate(page, 'header form button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/kirjaudu');
    expect(problems()).toEqual([]);
    await page.context().close();
  });
});
