/**
 * The completion export as the endpoint streams it: entered in the audit log
 * when it starts, marked complete or incomplete when it ends, and never
 * running ahead of a client that has not taken what was sent.
 */
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBulk, type BulkSeedResult } from '../../src/lib/server/demo/bulk';
import { loadDemoCourses } from '../../src/lib/server/demo/courses';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import { csvExportResponse, xlsxExportResponse, type ExportOutlet, type ExportRequest } from '../../src/lib/server/reporting/export-response';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const NOW = new Date('2026-11-23T10:00:00Z');
const courses = loadDemoCourses().map((c) => c.structure);
const reportCourses = courses.map((c) => ({ id: c.id, title: c.title, version: c.version }));
let t: TestDatabase;
let seeded: BulkSeedResult;

beforeAll(() => {
  t = createTestDatabase();
  // More than one page of 500 members, so the export has pages to wait between.
  seeded = seedBulk(t, { learners: 1200, courses, seed: 5, now: NOW });
});
afterAll(() => t.cleanup());

/** A client connection that says when it is behind. */
class FakeOutlet extends EventEmitter implements ExportOutlet {
  writableNeedDrain = false;
  destroyed = false;
}

function request(outlet?: ExportOutlet): ExportRequest {
  return { db: t.db, actorId: seeded.managerId, ip: '203.0.113.9', courses: reportCourses, filter: { paths: [seeded.countyPath] }, described: { test: true }, now: NOW, outlet };
}

const lastExport = () => listAuditEvents(t.db, { action: 'report.exported', limit: 1 })[0]!;
const turns = async (n: number) => {
  for (let i = 0; i < n; i += 1) await new Promise((r) => setImmediate(r));
};

describe('streamed exports', () => {
  it('enters the export when it starts and marks it complete with its rows when it ends', async () => {
    const response = csvExportResponse(request(), ';');
    const started = lastExport();
    expect(started.details).toEqual({ format: 'csv', filters: { test: true }, rows: 0, complete: false });
    const text = await response.text();
    const ended = lastExport();
    expect(ended.id).toBe(started.id);
    const lines = text.trim().split('\n').length - 1;
    expect(lines).toBeGreaterThan(1500);
    expect(ended.details).toEqual({ format: 'csv', filters: { test: true }, rows: lines, complete: true });
  });

  it('keeps a cancelled CSV export on record as incomplete', async () => {
    const reader = csvExportResponse(request(), ';').body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    const entry = lastExport();
    expect(entry.details).toMatchObject({ format: 'csv', complete: false });
    expect((entry.details as { rows: number }).rows).toBeGreaterThan(0);
  });

  it('keeps an XLSX export whose client went away on record as incomplete', async () => {
    const reader = xlsxExportResponse(request()).body!.getReader();
    expect(lastExport().details).toMatchObject({ format: 'xlsx', complete: false });
    await reader.read();
    await reader.cancel();
    await turns(20);
    expect(lastExport().details).toMatchObject({ format: 'xlsx', complete: false });
  });

  it('waits for a client that is behind before it reads the next page', async () => {
    const outlet = new FakeOutlet();
    const reader = csvExportResponse(request(outlet), ';').body!.getReader();
    expect((await reader.read()).value!.length).toBeGreaterThan(0);
    outlet.writableNeedDrain = true;
    let produced = false;
    const next = reader.read().then((r) => {
      produced = true;
      return r;
    });
    await turns(20);
    expect(produced).toBe(false);
    outlet.writableNeedDrain = false;
    outlet.emit('drain');
    const page = await next;
    expect(page.done).toBe(false);
    expect(new TextDecoder().decode(page.value).split('\n').length).toBeGreaterThan(100);
    await reader.cancel();
  });
});
