/**
 * axe on every account page and its error states, as the role that sees it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, openPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { startSuite, stopSuite } from './helpers/suite';
import type { Cast, RoleName } from './helpers/people';
import { requestMembership } from '../../src/lib/server/db/memberships';

let server: RunningServer;
let browser: Browser;
let cast: Cast;

async function pageAs(role: RoleName, width = 1280): Promise<Page> {
  const { page } = await openPage(browser, { width });
  const token = cast.cookie(role);
  if (token) await page.context().addCookies([{ name: 'session', value: token, url: server.url }]);
  return page;
}

const check = expectCleanPage;

describe.skipIf(!chromiumPath())('account pages are accessible', () => {
  beforeAll(async () => {
    ({ server, cast, browser } = await startSuite());
    requestMembership(cast.handle.db, cast.users.learnerB.id, cast.org.a1, new Date());
  });
  afterAll(() => stopSuite({ server, cast, browser }));

  const visits: { role: RoleName; path: string; submit?: string }[] = [
    { role: 'anonymous', path: '/kirjaudu' },
    { role: 'anonymous', path: '/rekisteroidy' },
    { role: 'anonymous', path: '/rekisteroidy', submit: 'form[action*="auth.register"] button' },
    { role: 'anonymous', path: '/salasana/unohtunut' },
    { role: 'anonymous', path: '/salasana/unohtunut', submit: 'form[action*="auth.requestReset"] button' },
    { role: 'anonymous', path: '/salasana/uusi/eiole' },
    { role: 'anonymous', path: '/kutsu/eiole' },
    { role: 'anonymous', path: '/rekisteroidy/vahvista/eiole' },
    { role: 'anonymous', path: '/sahkoposti/vahvista/eiole' },
    { role: 'anonymous', path: '/kirjaudu/ulos' },
    { role: 'learnerA', path: '/profiili' },
    { role: 'learnerA', path: '/profiili', submit: 'form[action*="profile.changePassword"] button' },
    { role: 'learnerA', path: '/profiili/kaksivaiheinen' },
    { role: 'learnerA', path: '/ei-oikeutta' },
    { role: 'learnerA', path: '/yllapito' },
    { role: 'managerA', path: '/hallinta' },
    { role: 'managerA', path: '/hallinta/jasenet' },
    { role: 'managerA', path: '/hallinta/jasenet', submit: 'form[action*="members.invite"] button' },
    { role: 'managerA', path: '/hallinta/vahvistettavat' },
    { role: 'admin', path: '/yllapito' },
    { role: 'admin', path: '/yllapito/kayttajat' },
    { role: 'admin', path: '/yllapito/kutsu' },
    { role: 'admin', path: '/yllapito/organisaatio' },
    { role: 'admin', path: '/yllapito/organisaatio', submit: 'form[action*="admin.createNode"] button' },
    { role: 'admin', path: '/yllapito/loki' },
    { role: 'admin', path: '/yllapito/asetukset' },
    { role: 'admin', path: '/yllapito/viestit' },
    { role: 'admin', path: '/profiili/kaksivaiheinen' },
    { role: 'admin', path: '/profiili/kaksivaiheinen', submit: 'form[action*="profile.regenerateRecoveryCodes"] button' },
  ];
  for (const v of visits) {
    it(`${v.path}${v.submit ? ' (errors)' : ''} as ${v.role}`, async () => {
      for (const width of [1280, 320]) {
        const page = await pageAs(v.role, width);
        await page.goto(`${server.url}${v.path}`);
        if (v.submit) {
          await Promise.all([page.waitForNavigation(), page.click(v.submit)]);
          expect(await page.locator('.error-summary, .notice--error').count(), 'an error is shown').toBeGreaterThan(0);
        }
        await check(page, `${v.path} ${width}px`);
        await page.context().close();
      }
    });
  }

  it('the user page as admin, and the CSV preview with bad rows', async () => {
    const page = await pageAs('admin');
    await page.goto(`${server.url}/yllapito/kayttajat/${cast.users.managerA.id}`);
    await check(page, 'user page');
    await page.goto(`${server.url}/yllapito/kutsu`);
    await page.setInputFiles('#f-csv-file', { name: 'kutsut.csv', mimeType: 'text/csv', buffer: Buffer.from('nimi;sähköposti;organisaatio\nA;huono;Testialue / Ei ole\n') });
    await Promise.all([page.waitForNavigation(), page.click('form[enctype] button')]);
    expect(await page.textContent('main')).toContain('Rivi 2');
    await check(page, 'csv preview');
    await page.context().close();
  });

  it('the session warning dialog is an accessible alert and extends the session', async () => {
    const page = await pageAs('managerA');
    await page.clock.install();
    await page.goto(`${server.url}/hallinta`);
    // A manager's idle limit is 30 minutes; the warning comes two minutes before.
    await page.clock.fastForward('28:30');
    const dialog = page.locator('#istunto-varoitus');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.getAttribute('role')).toBe('alertdialog');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Jatka istuntoa');
    expect(await page.textContent('#istunto-teksti')).toMatch(/päättyy noin [12] minuutin kuluttua/);
    await check(page, 'session warning');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.context().close();
  });
});
