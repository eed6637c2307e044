/**
 * Managers against the production build: a manager signs in with a second
 * factor, reads the dashboard, drills down to a team, filters the report,
 * downloads both formats and opens a learner, by keyboard alone, axe clean
 * on every page and state. Another manager finds nothing of theirs.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, openPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { startSuite, stopSuite } from './helpers/suite';
import { activate, tabTo, typeInto } from './helpers/keyboard';
import type { Cast } from './helpers/people';
import { createUser, PASSWORD } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { saveTotpCredential } from '../../src/lib/server/db/totp';
import { generateTotpKey, totpCodeAt, totpStep } from '../../src/lib/server/auth/totp';
import { upsertAssignment } from '../../src/lib/server/db/assignments';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { markRead } from '../../src/lib/server/learning/progress';
import { loadConfig } from '../../src/lib/server/config';
import { createSession } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import type { SessionUser } from '../../src/lib/server/auth/types';

const fixture = loadFixtureCourse();
let server: RunningServer;
let browser: Browser;
let cast: Cast;
const totpKey = generateTotpKey();
let lateLearner: SessionUser;

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite());
  const db = cast.handle.db;
  const manager = await createUser(db, { email: 'paivi.esihenkilo@example.fi', name: 'Päivi Esihenkilö', roles: ['manager'], nodeId: cast.org.a, scopes: [cast.org.a] });
  saveTotpCredential(db, manager.id, totpKey, new Date(), 0);
  const issuer = issuerFromConfig(loadConfig({ SITE_URL: 'http://localhost:4321', DATABASE_PATH: `${server.dataDir}/app.db` }));
  const now = new Date();
  upsertAssignment(db, { courseId: 'testikurssi', nodeId: cast.org.a, dueDate: '2099-12-31', assignedBy: manager.id, now });
  // Olli (learnerA, Tiimi A1) has completed; Sanni has started; Taisto missed his personal due date.
  completeLessons(db, fixture, { userId: cast.users.learnerA.id, issuer }, now);
  passFinal(db, fixture, { userId: cast.users.learnerA.id, issuer }, 'valmis', now);
  const started = await createUser(db, { email: 'sanni@example.fi', name: 'Sanni Aloittaja', nodeId: cast.org.a1 });
  markRead(db, fixture.structure, 'perusteet', { userId: started.id }, now);
  const late = await createUser(db, { email: 'taisto@example.fi', name: 'Taisto Myöhäinen', nodeId: cast.org.a1 });
  lateLearner = late;
  upsertAssignment(db, { courseId: 'testikurssi', userId: late.id, dueDate: '2026-01-15', assignedBy: manager.id, now: new Date('2026-01-01T08:00:00Z') });
});
afterAll(() => stopSuite({ server, cast, browser }));

async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  await tabTo(page, selector);
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

describe.skipIf(!chromiumPath())('managers', () => {
  it('a manager follows the unit, filters, downloads both formats and opens a learner by keyboard', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${server.url}/kirjaudu?palaa=%2Fhallinta`);
    await typeInto(page, '#f-email', 'paivi.esihenkilo@example.fi');
    await typeInto(page, '#f-password', PASSWORD);
    await activate(page, 'form button[type=submit]');
    await typeInto(page, '#f-code', totpCodeAt(totpKey, totpStep(new Date())));
    await activate(page, 'form button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/hallinta');
    // Her one subtree is where the dashboard starts.
    expect(await page.textContent('h1')).toContain('Kunta A');
    await expectCleanPage(page, 'dashboard');
    const courses = await page.textContent('table.figures');
    expect(courses).toContain('Testikurssi');
    // Six people in Kunta A and its team, all assigned; Olli done, Sanni started, Taisto late.
    // Every figure counts persons: people, started, completed, rate (completed ÷ people), assigned, overdue, expiring.
    expect(await page.locator('table.figures').first().locator('tbody tr', { hasText: 'Testikurssi' }).locator('td').allTextContents()).toEqual(['6', '2', '1', '16 %', '6', '1', '0']);
    expect(await page.locator('.figure-tile__value').allTextContents()).toEqual(['6', '1', '1', '0']);
    expect(await page.textContent('table.figures caption')).toContain('Kaikki luvut ovat henkilöitä');
    expect(await page.textContent('main')).toContain('Suoritukset kuukausittain');
    expect(await page.locator('svg[role=img] title', { hasText: 'Suoritetut kurssit kuukausittain' }).count()).toBe(1);
    expect(await page.locator('svg[role=img] desc', { hasText: 'Testikurssi: suorittaneita 1 (16 %), aloittaneita 2 (33 %) / 6 henkilöä' }).count()).toBe(1);

    // Down the tree to the team, whatever its depth.
    await activate(page, `table.figures a[href="/hallinta?yksikko=${cast.org.a1}"]`);
    expect(await page.textContent('h1')).toContain('Tiimi A1');
    const people = await page.textContent('main');
    for (const name of ['Olli Oppija', 'Sanni Aloittaja', 'Taisto Myöhäinen']) expect(people).toContain(name);
    expect(people).not.toContain('Bea Oppija');
    await expectCleanPage(page, 'dashboard, team');

    // The report: who has not completed, filtered to the late ones.
    await activate(page, 'nav.section-nav a[href="/hallinta/raportit"]');
    await expectCleanPage(page, 'report');
    // The export comes first, then the filters, then a preview of 20 rows with its count in the caption.
    const order = await page.evaluate(() => {
      const exportForm = document.querySelector('.report-export')!;
      const filters = document.querySelector('form.report-filters')!;
      return exportForm.compareDocumentPosition(filters) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    const rowCount = await page.locator('table.report-table tbody tr').count();
    expect(rowCount).toBeGreaterThan(0);
    expect(rowCount).toBeLessThanOrEqual(20);
    expect(await page.textContent('table.report-table caption')).toMatch(new RegExp(`^Rivit 1–${rowCount} / ${rowCount}$`));
    expect(await page.textContent('.table-scroll__cue')).toContain('vieritä');
    await tabTo(page, '#tila');
    await page.keyboard.type('Myöh');
    await activate(page, 'form.report-filters button[type=submit]:not([formaction])');
    expect(new URL(page.url()).searchParams.get('tila')).toBe('myöhässä');
    expect(await page.textContent('#tulokset')).toContain('1 rivi');
    expect(await page.textContent('table')).toContain('Taisto Myöhäinen');
    await expectCleanPage(page, 'report, filtered');

    const xlsx = await download(page, 'button[formaction$=".xlsx"]');
    expect(xlsx.name).toMatch(/^suoritukset-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Suoritukset')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('Taisto Myöhäinen');
    expect(sheet.getRow(2).getCell(6).value).toBe('myöhässä');

    const csv = await download(page, 'button[formaction$=".csv"]');
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text.slice(1), { delimiter: ';' }) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe('Taisto Myöhäinen');
    expect(rows[1]![12]).toBe('15.1.2026');

    // Open the learner; the visit is written to the audit log.
    await activate(page, 'table a[href^="/hallinta/oppijat/"]');
    expect(await page.textContent('h1')).toBe('Taisto Myöhäinen');
    expect(await page.textContent('main')).toContain('Myöhässä');
    await expectCleanPage(page, 'learner');
    const viewed = cast.handle.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'manager.learner_viewed'").get() as { n: number };
    expect(viewed.n).toBe(1);
    const exports = cast.handle.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'report.exported' ORDER BY id").all() as { details: string }[];
    expect(exports.map((e) => JSON.parse(e.details))).toEqual([
      { format: 'xlsx', filters: expect.objectContaining({ status: 'myöhässä' }), rows: 1, complete: true },
      { format: 'csv', filters: expect.objectContaining({ status: 'myöhässä', separator: ';' }), rows: 1, complete: true },
    ]);

    // Assignments: the page and its error state.
    await activate(page, 'nav.section-nav a[href="/hallinta/maaraykset"]');
    await expectCleanPage(page, 'assignments');
    await activate(page, 'form[action*="assignCourse"] button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('eräpäivä');
    await expectCleanPage(page, 'assignments, error');
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('learners see their required courses with due dates, overdue flagged', async () => {
    const { page } = await openPage(browser);
    const token = createSession(cast.handle.db, lateLearner, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, new Date()).token;
    await page.context().addCookies([{ name: 'session', value: token, url: server.url }]);
    const res = await page.goto(`${server.url}/omat-kurssit`);
    expect(res?.status()).toBe(200);
    const required = await page.textContent('.required-courses');
    expect(required).toContain('Pakolliset kurssit');
    expect(required).toContain('Testikurssi');
    expect(required).toContain('Myöhässä');
    expect(required).toContain('Eräpäivä oli 15.1.2026');
    await expectCleanPage(page, 'my courses, required and overdue');
    await page.context().close();
  });

  it('works on a phone', async () => {
    const { page } = await openPage(browser, { width: 390, height: 844 });
    await page.context().addCookies([{ name: 'session', value: cast.cookie('managerA')!, url: server.url }]);
    for (const path of ['/hallinta', `/hallinta?yksikko=${cast.org.a1}`, '/hallinta/raportit', '/hallinta/maaraykset', `/hallinta/oppijat/${cast.users.learnerA.id}`]) {
      await page.goto(`${server.url}${path}`);
      await expectCleanPage(page, `phone ${path}`);
    }
    await page.context().close();
  });

  it('another manager finds nothing outside their subtrees: the same 404 as an unknown id', async () => {
    const get = async (role: 'managerA' | 'managerB' | 'admin', path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: `session=${cast.cookie(role)}` }, redirect: 'manual' });
      return { status: res.status, body: await res.text() };
    };
    const a = cast.org.a;
    const learner = cast.users.learnerA.id;
    const paths = [`/hallinta?yksikko=${a}`, `/hallinta/raportit?yksikko=${a}`, `/hallinta/raportit/suoritukset.csv?yksikko=${a}`, `/hallinta/raportit/suoritukset.xlsx?yksikko=${a}`, `/hallinta/maaraykset?yksikko=${a}`, `/hallinta/oppijat/${learner}`];
    for (const path of paths) {
      const own = await get('managerA', path);
      expect(own.status, `managerA ${path}`).toBe(200);
      expect((await get('admin', path)).status, `admin ${path}`).toBe(200);
      const other = await get('managerB', path);
      const unknown = await get('managerB', path.replace(String(path.includes('oppijat') ? learner : a), '999999'));
      expect(other.status, `managerB ${path}`).toBe(404);
      expect(unknown.status).toBe(404);
      expect(other.body).toBe(unknown.body);
    }
    // Unfiltered, each sees only their own people.
    const mine = (await get('managerB', '/hallinta/raportit/suoritukset.csv')).body;
    expect(mine).not.toContain('Olli Oppija');
    expect((await get('managerA', '/hallinta/raportit/suoritukset.csv')).body).toContain('Olli Oppija');
    expect((await get('managerB', '/hallinta')).body).not.toContain('Tiimi A1');
    expect((await get('managerB', '/hallinta/raportit?kurssi=ei-ole')).status).toBe(404);
  });
});
