/**
 * The funder report against the production server: five people in Kunta A's
 * team complete the fixture course; the manager of Kunta A opens the report
 * from the section navigation by keyboard, sees five in the kunta row of this
 * quarter and "< 5" elsewhere, no names, and downloads the XLSX. The manager
 * of Kunta B sees only "< 5"; an unknown year answers 404. axe, CSP and
 * reflow on a desktop and at 390 px.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, openPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { startSuite, stopSuite } from './helpers/suite';
import { activate, tabTo } from './helpers/keyboard';
import type { Cast } from './helpers/people';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { quarterOf } from '../../src/lib/reporting/funder-indicators';

const fixture = loadFixtureCourse();
let server: RunningServer;
let browser: Browser;
let cast: Cast;
const names: string[] = [];
// A minute ago, so the completions fall in the current quarter of the current year.
const completedAt = new Date(Date.now() - 60_000);
const { year, quarter } = quarterOf(completedAt.getTime());

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite());
  const db = cast.handle.db;
  const joined = new Date(Date.now() - 48 * 3_600_000);
  for (let i = 1; i <= 5; i += 1) {
    const name = `Rahoitettu Ammattilainen${i}`;
    names.push(name);
    const userId = (await createUser(db, { email: `rahoitettu${i}@example.fi`, name, nodeId: cast.org.a1 }, joined)).id;
    completeLessons(db, fixture, { userId }, completedAt);
    passFinal(db, fixture, { userId }, `e2e-rahoittajat-${i}`, completedAt);
  }
});
afterAll(() => stopSuite({ server, cast, browser }));

async function managerPage(role: 'managerA' | 'managerB', width = 1280): Promise<Page> {
  const { page } = await openPage(browser, { width, height: 900 });
  await page.context().addCookies([{ name: 'session', value: cast.cookie(role)!, url: server.url }]);
  return page;
}

/** The body rows of the course's table, as cell texts. */
function courseRows(page: Page): Promise<string[][]> {
  return page.evaluate(() => {
    const table = [...document.querySelectorAll('main table')].find((t) => t.querySelector('caption')!.textContent!.startsWith('Testikurssi'))!;
    return [...table.querySelectorAll('tbody tr, tfoot tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
  });
}

describe.skipIf(!chromiumPath())('funder report', () => {
  it('a manager reads the figures and downloads them by keyboard, with no names', async () => {
    const page = await managerPage('managerA');
    await page.goto(`${server.url}/hallinta`);
    await activate(page, 'nav.section-nav a[href="/hallinta/rahoittajat"]');
    expect(await page.textContent('h1')).toBe(`Rahoittajaraportti ${year}`);
    const quarters = ['< 5', '< 5', '< 5', '< 5'];
    quarters[quarter] = '5';
    const rows = await courseRows(page);
    expect(rows.find((r) => r[0] === 'Kunta')).toEqual(['Kunta', ...quarters, '5']);
    expect(rows.find((r) => r[0] === 'Hyvinvointialue')).toEqual(['Hyvinvointialue', '< 5', '< 5', '< 5', '< 5', '< 5']);
    expect(rows.at(-1)).toEqual(['Yhteensä (eri ammattilaisia)', ...quarters, '5']);
    const html = await page.content();
    for (const name of names) expect(html).not.toContain(name);
    await expectCleanPage(page, 'funder report');

    await tabTo(page, 'button[formaction$=".xlsx"]');
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(file.suggestedFilename()).toBe(`rahoittajaraportti-${year}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet(`Rahoittajaraportti ${year}`)!;
    let kunta: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'Testikurssi' && row.getCell(2).value === 'Kunta') kunta = row;
    });
    expect(kunta!.getCell(3 + quarter).value).toBe(5);
    expect(kunta!.getCell(7).value).toBe(5);
    const logged = cast.handle.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'report.exported' AND target_id = 'rahoittajat'").all() as { details: string }[];
    expect(logged.map((e) => JSON.parse(e.details))).toEqual([expect.objectContaining({ report: 'rahoittajat', year, complete: true })]);
    await page.context().close();
  });

  it('works on a phone', async () => {
    const page = await managerPage('managerA', 390);
    await page.goto(`${server.url}/hallinta/rahoittajat`);
    await expectCleanPage(page, 'funder report, phone');
    await page.context().close();
  });

  it('another manager sees only their own subtree, and an unknown year is not found', async () => {
    const page = await managerPage('managerB');
    await page.goto(`${server.url}/hallinta/rahoittajat?vuosi=${year}`);
    expect((await courseRows(page)).find((r) => r[0] === 'Kunta')).toEqual(['Kunta', '< 5', '< 5', '< 5', '< 5', '< 5']);
    await page.context().close();
    for (const path of ['/hallinta/rahoittajat?vuosi=1999', '/hallinta/rahoittajat?vuosi=abc', '/hallinta/rahoittajat.xlsx?vuosi=1999']) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: `session=${cast.cookie('managerA')}` }, redirect: 'manual' });
      expect(res.status, path).toBe(404);
    }
  });
});
