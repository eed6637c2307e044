import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { insertNode } from '../../src/lib/server/db/org';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import { managedPaths } from '../../src/lib/server/accounts/scope';
import { moveUserToNode } from '../../src/lib/server/accounts/memberships';
import { eraseUserRecords } from '../../src/lib/server/privacy/erase';
import { computeFunderReport, listFunderYears, parseFunderYear } from '../../src/lib/server/reporting/funders';
import { FUNDER_COLUMNS, funderXlsxResponse } from '../../src/lib/server/reporting/funders-xlsx';
import type { FunderCourseFigures, FunderOrgType } from '../../src/lib/reporting/funder-indicators';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse, type FixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';

const v1 = loadFixtureCourse('1.0');
const v2 = loadFixtureCourse('2.0');
const COURSES = [
  { id: 'testikurssi', title: 'Testikurssi', version: '2.0' },
  { id: 'toinen', title: 'Toinen kurssi', version: '1.0' },
];
const JOINED = new Date('2025-06-01T00:00:00Z');

let t: TestContext;
let people = 0;
let admin: SessionUser;
let ouluManager: SessionUser;
let unitManager: SessionUser;

beforeEach(() => {
  t = createTestContext();
});
afterEach(() => t.db.cleanup());

async function person(nodeId?: number): Promise<number> {
  people += 1;
  return (await createUser(t.db.db, { email: `ammattilainen${people}@example.fi`, name: `Ammattilainen ${people}`, nodeId }, JOINED)).id;
}

/** Takes a person through the course with the real flows; the completion is dated `iso`. */
function complete(fixture: FixtureCourse, userId: number, iso: string): void {
  const now = new Date(iso);
  completeLessons(t.db.db, fixture, { userId }, now);
  const result = passFinal(t.db.db, fixture, { userId }, `loppu-${userId}-${fixture.structure.version}`, now);
  if (!result.ok || !result.newlyCompleted) throw new Error(`no completion for ${userId}`);
}

/**
 * Pohde (hyvinvointialue) › Oulu (kunta) › Työllisyyspalvelut (yksikkö) ›
 * Tiimi A (tiimi); Pohde › Kempele (kunta); five companies; a järjestö.
 * In 2026: six in Oulu and its units in Q1 (one of them twice, under two
 * versions; one erased later), one at 01:30 on 1 April in Helsinki (Q2),
 * two in Kempele in Q1, five in five companies in Q2, one who completed in
 * a company in Q2 and, after moving to Oulu's unit, again in Q3, one in the
 * järjestö in Q3, and one with no organisation in Q4. One in Oulu in 2025.
 */
async function seed(): Promise<void> {
  const db = t.db.db;
  const at = new Date('2025-01-01T00:00:00Z');
  const pohde = insertNode(db, { name: 'Pohde', type: 'hyvinvointialue', parentId: null }, at).id;
  const oulu = insertNode(db, { name: 'Oulu', type: 'kunta', parentId: pohde }, at).id;
  const unit = insertNode(db, { name: 'Työllisyyspalvelut', type: 'yksikko', parentId: oulu }, at).id;
  const team = insertNode(db, { name: 'Tiimi A', type: 'tiimi', parentId: unit }, at).id;
  const kempele = insertNode(db, { name: 'Kempele', type: 'kunta', parentId: pohde }, at).id;
  const companies = [1, 2, 3, 4, 5].map((i) => insertNode(db, { name: `Yritys ${i} Oy`, type: 'yritys', parentId: null }, at).id);
  const jarjesto = insertNode(db, { name: 'Järjestö ry', type: 'jarjesto', parentId: null }, at).id;

  admin = await createUser(db, { email: 'paakayttaja@example.fi', roles: ['admin'] }, JOINED);
  ouluManager = await createUser(db, { email: 'oulu@example.fi', roles: ['manager'], scopes: [oulu] }, JOINED);
  unitManager = await createUser(db, { email: 'yksikko@example.fi', roles: ['manager'], scopes: [unit] }, JOINED);

  const ouluPeople = [await person(oulu), await person(oulu), await person(unit), await person(unit), await person(team), await person(team)];
  for (const [i, userId] of ouluPeople.entries()) complete(v1, userId, `2026-02-${10 + i}T10:00:00Z`);
  complete(v2, ouluPeople[0]!, '2026-03-05T10:00:00Z');
  complete(v1, await person(team), '2026-03-31T22:30:00Z');
  for (const userId of [await person(kempele), await person(kempele)]) complete(v1, userId, '2026-02-20T10:00:00Z');
  for (const [i, nodeId] of companies.entries()) complete(v1, await person(nodeId), `2026-05-${10 + i}T10:00:00Z`);
  const mover = await person(companies[0]);
  complete(v1, mover, '2026-05-20T10:00:00Z');
  t.setTime('2026-07-01T08:00:00Z');
  expect(moveUserToNode(t.ctx(), admin, mover, unit).ok).toBe(true);
  complete(v2, mover, '2026-08-10T10:00:00Z');
  complete(v1, await person(jarjesto), '2026-09-01T10:00:00Z');
  complete(v1, await person(), '2026-11-10T10:00:00Z');
  complete(v1, await person(oulu), '2025-10-10T10:00:00Z');
  expect(eraseUserRecords(db, ouluPeople[5]!, null, new Date('2026-04-01T00:00:00Z')).ok).toBe(true);
  t.setTime('2026-11-23T10:00:00Z');
}

const report = (actor: SessionUser, year = 2026) => computeFunderReport(t.db.db, managedPaths(t.db.db, actor), COURSES, year);
const row = (course: FunderCourseFigures, type: FunderOrgType) => course.rows.find((r) => r.orgType === type)!;
const HIDDEN_ROW = { quarters: ['< 5', '< 5', '< 5', '< 5'], year: '< 5' };

describe('funder indicators', () => {
  beforeEach(seed);

  it('counts different professionals by organisation type and Helsinki quarter for the whole platform', () => {
    const result = report(admin);
    const course = result.courses[0]!;
    // Oulu's six and units (the erased one included, the one with two versions once), Kempele's two in Q1;
    // 1 April in Helsinki is Q2; the mover counts in Q3 in Oulu's unit.
    expect(row(course, 'kunta')).toMatchObject({ quarters: [8, '< 5', '< 5', '< 5'], year: 10 });
    // Five companies and the mover while still in a company.
    expect(row(course, 'yritys')).toMatchObject({ quarters: ['< 5', 6, '< 5', '< 5'], year: 6 });
    for (const type of ['hyvinvointialue', 'jarjesto', 'muu'] as const) expect(row(course, type)).toMatchObject(HIDDEN_ROW);
    // The mover is in two rows and once in the year total.
    expect(course.total).toEqual({ quarters: [8, 7, '< 5', '< 5'], year: 17 });
    // Oulu (with its units), Kempele, five companies and the järjestö; the hyvinvointialue above reached no one itself.
    expect(course.organisations).toBe(8);
    expect(result.professionals).toBe(17);
    expect(result.organisations).toBe(8);
    const other = result.courses[1]!;
    expect(other.rows.every((r) => r.year === '< 5' && r.quarters.every((q) => q === '< 5'))).toBe(true);
    expect(other.total.year).toBe('< 5');
    expect(other.organisations).toBe('< 5');
  });

  it('counts only completions made inside a manager’s subtrees', () => {
    const oulu = report(ouluManager).courses[0]!;
    expect(row(oulu, 'kunta')).toMatchObject({ quarters: [6, '< 5', '< 5', '< 5'], year: 8 });
    // The mover's company completion and the completion with no organisation are outside.
    expect(row(oulu, 'yritys')).toMatchObject(HIDDEN_ROW);
    expect(row(oulu, 'muu')).toMatchObject(HIDDEN_ROW);
    expect(oulu.total).toEqual({ quarters: [6, '< 5', '< 5', '< 5'], year: 8 });
    expect(oulu.organisations).toBe('< 5');

    // A unit under the kunta: its people count as the kunta's.
    const unit = report(unitManager);
    expect(row(unit.courses[0]!, 'kunta')).toMatchObject({ quarters: ['< 5', '< 5', '< 5', '< 5'], year: 6 });
    expect(unit.professionals).toBe(6);
  });

  it('reports another year on its own and offers only years with completions and the current one', () => {
    expect(report(admin, 2025).professionals).toBe('< 5');
    const now = t.now();
    const years = listFunderYears(t.db.db, now);
    expect(years).toEqual([2026, 2025]);
    expect(parseFunderYear(null, years, now)).toBe(2026);
    expect(parseFunderYear('', years, now)).toBe(2026);
    expect(parseFunderYear('2025', years, now)).toBe(2025);
    expect(parseFunderYear('2024', years, now)).toBeUndefined();
    expect(parseFunderYear('20255', years, now)).toBeUndefined();
    expect(parseFunderYear('vuosi', years, now)).toBeUndefined();
  });

  it('exports the same figures as an Excel sheet with "< 5" as text and numbers as numbers, and logs the export', async () => {
    const response = funderXlsxResponse({ db: t.db.db, actorId: admin.id, ip: '198.51.100.7', report: report(admin) });
    expect(response.headers.get('content-disposition')).toContain('rahoittajaraportti-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Rahoittajaraportti 2026')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Kurssi', 'Organisaatiotyyppi', 'Q1', 'Q2', 'Q3', 'Q4', 'Yhteensä']);
    expect(FUNDER_COLUMNS).toHaveLength(7);
    const cells = (n: number) => Array.from({ length: 7 }, (_, i) => sheet.getRow(n).getCell(i + 1).value);
    // Eight organisation types, the total and organisations reached per course, then two rows for all courses.
    expect(sheet.rowCount).toBe(1 + 2 * 10 + 2);
    expect(cells(3)).toEqual(['Testikurssi', 'Kunta', 8, '< 5', '< 5', '< 5', 10]);
    expect(typeof cells(3)[2]).toBe('number');
    expect(cells(8)).toEqual(['Testikurssi', 'Yritys (myös työterveyshuolto ja yhteiskunnallinen yritys)', '< 5', 6, '< 5', '< 5', 6]);
    expect(cells(10)).toEqual(['Testikurssi', 'Yhteensä (eri ammattilaisia)', 8, 7, '< 5', '< 5', 17]);
    expect(cells(11)).toEqual(['Testikurssi', 'Tavoitetut organisaatiot', null, null, null, null, 8]);
    expect(cells(12)).toEqual(['Toinen kurssi', 'Hyvinvointialue', '< 5', '< 5', '< 5', '< 5', '< 5']);
    expect(cells(22)).toEqual(['Kaikki kurssit', 'Yhteensä (eri ammattilaisia)', null, null, null, null, 17]);
    expect(cells(23)).toEqual(['Kaikki kurssit', 'Tavoitetut organisaatiot', null, null, null, null, 8]);

    // The audit entry is written once the workbook is finished.
    await new Promise((resolve) => setImmediate(resolve));
    const [entry] = listAuditEvents(t.db.db, { action: 'report.exported' });
    expect(entry).toMatchObject({ actorId: admin.id, targetId: 'rahoittajat', details: { report: 'rahoittajat', year: 2026, rows: 22, complete: true } });
  });
});
