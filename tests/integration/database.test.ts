import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, defaultMigrationsFolder, openDatabase } from '../../src/lib/server/db/client';
import { readJournal, SchemaTooNewError } from '../../src/lib/server/db/migrate';
import { appendAuditEvent, listAuditEvents } from '../../src/lib/server/db/audit';
import { makeTempDir } from '../helpers/test-db';

const dirs: string[] = [];
function tempDb(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return path.join(dir, 'app.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('database connection', () => {
  it('runs with WAL, synchronous=FULL, foreign keys, busy timeout and secure_delete', () => {
    const handle = openDatabase(tempDb());
    const s = handle.sqlite;
    expect(s.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.pragma('synchronous', { simple: true })).toBe(2);
    expect(s.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(s.pragma('secure_delete', { simple: true })).toBe(1);
    closeDatabase(handle);
  });

  it('applies every migration to an empty database', () => {
    const file = tempDb();
    const handle = openDatabase(file);
    const journal = readJournal(defaultMigrationsFolder());
    const applied = handle.sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBe(journal.entries.length);
    const tables = (handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'app_setting']));
    closeDatabase(handle);
    // Opening again applies nothing twice.
    const again = openDatabase(file);
    expect((again.sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(journal.entries.length);
    closeDatabase(again);
  });

  it('refuses a database migrated by newer code, and says so', () => {
    const file = tempDb();
    closeDatabase(openDatabase(file));
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 10 * 365 * 86_400_000);
    raw.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer than this release/);
  });

  it('checkpoints the WAL on close', () => {
    const file = tempDb();
    const handle = openDatabase(file);
    appendAuditEvent(handle.db, { actorId: null, action: 'test.write' });
    closeDatabase(handle);
    const wal = `${file}-wal`;
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
  });
});

describe('audit log', () => {
  it('appends and lists entries newest first with filters', () => {
    const handle = openDatabase(tempDb());
    appendAuditEvent(handle.db, { actorId: 1, action: 'user.login', ip: '127.0.0.1' }, new Date('2026-11-01T10:00:00Z'));
    appendAuditEvent(handle.db, { actorId: 2, action: 'role.grant', targetType: 'user', targetId: 5, details: { role: 'manager' } }, new Date('2026-11-02T10:00:00Z'));
    const all = listAuditEvents(handle.db);
    expect(all.map((e) => e.action)).toEqual(['role.grant', 'user.login']);
    expect(all[0]!.details).toEqual({ role: 'manager' });
    expect(all[0]!.targetId).toBe('5');
    expect(listAuditEvents(handle.db, { actorId: 1 }).map((e) => e.action)).toEqual(['user.login']);
    expect(listAuditEvents(handle.db, { from: new Date('2026-11-02T00:00:00Z') })).toHaveLength(1);
    closeDatabase(handle);
  });
});
