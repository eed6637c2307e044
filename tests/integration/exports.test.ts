/**
 * The completion exports, written by the real writers from a real database
 * and read back the way a spreadsheet or a script would: CSV with csv-parse,
 * XLSX with exceljs' reader.
 */
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { csvChunks } from '../../src/lib/server/reporting/export-csv';
import { writeRecordsXlsx } from '../../src/lib/server/reporting/export-xlsx';
import { iterateCompletionRecords, type ReportCourse } from '../../src/lib/server/reporting/records';
import { EXPORT_COLUMNS } from '../../src/lib/reporting/export-columns';
import { assignCourse } from '../../src/lib/server/assignments/assign';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { markRead } from '../../src/lib/server/learning/progress';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import type { SessionUser } from '../../src/lib/server/auth/types';

const fixture = loadFixtureCourse();
const COURSES: ReportCourse[] = [{ id: 'testikurssi', title: 'Testikurssi – työkyvyn tuki', version: '1.0' }];
let t: TestContext;
let org: Org;
let manager: SessionUser;

beforeEach(async () => {
  t = createTestContext();
  org = createOrg(t.db.db);
  manager = await createUser(t.db.db, { email: 'esihenkilo@example.fi', name: 'Eeva Esihenkilö', roles: ['manager'], nodeId: org.root, scopes: [org.a] });
  const done = await createUser(t.db.db, { email: 'åsa.öberg@example.fi', name: 'Åsa Öberg-Äijälä', nodeId: org.a1 });
  await createUser(t.db.db, { email: 'kaava@example.fi', name: '=HYPERLINK("http://paha.example","klik")', nodeId: org.a1 });
  const started = await createUser(t.db.db, { email: 'plus@example.fi', name: '+358 Aloittanut; "lainaus"', nodeId: org.a });
  await createUser(t.db.db, { email: 'ulkona@example.fi', name: 'Ulkopuolinen', nodeId: org.b });
  assignCourse(t.ctx(), manager, ['testikurssi'], { courseId: 'testikurssi', nodeId: org.a, dueDate: '2026-12-31' });
  const learner = { userId: done.id, issuer: issuerFromConfig(t.config) };
  completeLessons(t.db.db, fixture, learner, t.now());
  passFinal(t.db.db, fixture, learner, 'n1', t.now());
  markRead(t.db.db, fixture.structure, 'perusteet', { userId: started.id }, t.now());
});
afterEach(() => t.db.cleanup());

const pages = () => iterateCompletionRecords(t.db.db, COURSES, { paths: [`/${org.root}/${org.a}/`] }, t.now());

describe('CSV export', () => {
  it('opens in Finnish Excel: BOM, semicolons, every column, Finnish letters, dates as 23.11.2026', () => {
    const text = [...csvChunks(pages(), ';')].join('');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    const rows = parse(text.slice(1), { delimiter: ';', relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(rows[0]).toEqual(['Nimi', 'Sähköposti', 'Organisaatio', 'Kurssi', 'Versio', 'Tila', 'Edistyminen %', 'Aloitettu', 'Suoritettu', 'Loppukoe %', 'Todistuksen tunnus', 'Voimassa asti', 'Eräpäivä', 'Määrääjä', 'Koulutustilaisuus', 'Läsnä tilaisuudessa']);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect([...byName.keys()].sort()).toEqual(["'+358 Aloittanut; \"lainaus\"", "'=HYPERLINK(\"http://paha.example\",\"klik\")", 'Åsa Öberg-Äijälä']);
    const done = byName.get('Åsa Öberg-Äijälä')!;
    expect(done[1]).toBe('åsa.öberg@example.fi');
    expect(done[2]).toBe('Testialue / Kunta A / Tiimi A1');
    expect(done[3]).toBe('Testikurssi – työkyvyn tuki');
    expect(done.slice(4, 10)).toEqual(['1.0', 'valmis', '100', '23.11.2026', '23.11.2026', '100']);
    expect(done[10]).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    expect(done[11]).toBe('23.11.2029');
    expect(done[12]).toBe('23.11.2029');
    expect(done[13]).toBe('Eeva Esihenkilö');
    const formula = byName.get("'=HYPERLINK(\"http://paha.example\",\"klik\")")!;
    expect(formula.slice(5, 8)).toEqual(['ei aloitettu', '0', '']);
    expect(formula[12]).toBe('31.12.2026');
    // Nobody outside the scope.
    expect(text).not.toContain('Ulkopuolinen');
  });

  it('with commas uses a decimal point and ISO dates, quoting where RFC 4180 asks', () => {
    const text = [...csvChunks(pages(), ',')].join('');
    const rows = parse(text.slice(1), { delimiter: ',' }) as string[][];
    const started = rows.find((r) => r[0]!.includes('Aloittanut'))!;
    expect(started[0]).toBe("'+358 Aloittanut; \"lainaus\"");
    expect(text).toContain('"\'+358 Aloittanut; ""lainaus"""');
    expect(started[5]).toBe('kesken');
    expect(started[7]).toBe('2026-11-23');
    expect(rows.find((r) => r[0] === 'Åsa Öberg-Äijälä')![11]).toBe('2029-11-23');
  });
});

describe('XLSX export', () => {
  it('reads back with a frozen, filterable header, real dates and numbers, and neutralised text', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const finished = new Promise((resolve) => out.on('end', resolve));
    const rowCount = await writeRecordsXlsx(out, pages(), async () => {});
    await finished;
    expect(rowCount).toBe(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Suoritukset')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(3).width).toBeGreaterThan(30);
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => n > 1 && rows.set(String(row.getCell(1).value), row));
    const done = rows.get('Åsa Öberg-Äijälä')!;
    expect(done.getCell(2).value).toBe('åsa.öberg@example.fi');
    expect(done.getCell(7).value).toBe(100);
    expect(done.getCell(8).value).toEqual(new Date(Date.UTC(2026, 10, 23)));
    expect(done.getCell(8).numFmt).toBe('d.m.yyyy');
    expect(done.getCell(12).value).toEqual(new Date(Date.UTC(2029, 10, 23)));
    const formula = rows.get("'=HYPERLINK(\"http://paha.example\",\"klik\")")!;
    expect(formula.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(formula.getCell(9).value).toBeNull();
    expect(rows.has("'+358 Aloittanut; \"lainaus\"")).toBe(true);
  });
});
