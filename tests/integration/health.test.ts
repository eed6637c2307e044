/**
 * `/healthz` tells the truth about writes: a committed rewrite of one probe
 * row (at most every 10 s), and 503 when the database is full or read-only.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { checkDatabaseHealth, PROBE_INTERVAL_MS } from '../../src/lib/server/health';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let t: TestDatabase | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const probeAt = (db: TestDatabase) => (db.sqlite.prepare('SELECT checked_at AS at FROM health_probe WHERE id = 1').get() as { at: number } | undefined)?.at;

describe('the health check', () => {
  it('commits one probe row, at most once every 10 s however often it is asked', () => {
    t = createTestDatabase();
    const start = new Date('2026-12-08T10:00:00Z');
    expect(checkDatabaseHealth(start, t)).toMatchObject({ status: 'ok', database: 'ok', mail: 'ok' });
    expect(probeAt(t)).toBe(start.getTime());
    for (let s = 1; s < 10; s += 1) checkDatabaseHealth(new Date(start.getTime() + s * 1000), t);
    expect(probeAt(t)).toBe(start.getTime());
    const later = new Date(start.getTime() + PROBE_INTERVAL_MS);
    checkDatabaseHealth(later, t);
    expect(probeAt(t)).toBe(later.getTime());
    expect((t.sqlite.prepare('SELECT COUNT(*) AS n FROM health_probe').get() as { n: number }).n).toBe(1);
  });

  it('is an error when the database is full (a real SQLITE_FULL), and ok again once there is room', () => {
    t = createTestDatabase();
    const now = new Date('2026-12-08T10:00:00Z');
    expect(checkDatabaseHealth(now, t).status).toBe('ok');
    t.sqlite.exec('CREATE TABLE filler (x BLOB)');
    t.sqlite.pragma(`max_page_count = ${t.sqlite.pragma('page_count', { simple: true }) as number}`);
    let code: string | undefined;
    try {
      for (let i = 0; i < 1000; i += 1) t.sqlite.prepare('INSERT INTO filler VALUES (?)').run(Buffer.alloc(8000));
    } catch (error) {
      code = (error as { code?: string }).code;
    }
    expect(code).toBe('SQLITE_FULL');
    expect(checkDatabaseHealth(new Date(now.getTime() + 1000), t)).toEqual({ status: 'error', database: 'error' });
    t.sqlite.pragma('max_page_count = 1000000');
    expect(checkDatabaseHealth(new Date(now.getTime() + 2000), t).status).toBe('ok');
  });

  it('is an error on a read-only database, though reads still work', () => {
    t = createTestDatabase({ install: false });
    const readonly = openDatabase(path.join(t.dir, 'app.db'), { readonly: true });
    try {
      expect(readonly.sqlite.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
      expect(checkDatabaseHealth(new Date(), readonly)).toEqual({ status: 'error', database: 'error' });
    } finally {
      closeDatabase(readonly);
    }
  });
});
