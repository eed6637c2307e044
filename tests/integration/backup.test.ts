import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { appendAuditEvent, listAuditEvents } from '../../src/lib/server/db/audit';
import { backupFileName, createBackup, isDailyBackupDue, listBackups, pruneBackups } from '../../src/lib/server/backup';
import { makeTempDir } from '../helpers/test-db';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('backups', () => {
  it('writes a consistent copy that restores and passes integrity_check', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const handle = openDatabase(path.join(dir, 'app.db'));
    for (let i = 0; i < 500; i += 1) appendAuditEvent(handle.db, { actorId: i, action: 'test.row' });
    const backup = await createBackup(handle.sqlite, path.join(dir, 'backups'), new Date('2026-11-23T19:15:00Z'));
    expect(path.basename(backup)).toBe('app-20261123T191500Z.db');
    // Writes after the backup are not in it.
    appendAuditEvent(handle.db, { actorId: 999, action: 'test.after' });
    closeDatabase(handle);

    // Restore: copy the backup over a fresh path and open it as the server would.
    const restored = path.join(dir, 'restored.db');
    fs.copyFileSync(backup, restored);
    const check = new Database(restored);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const reopened = openDatabase(restored);
    const rows = listAuditEvents(reopened.db, { limit: 200, action: 'test.row' });
    expect(rows).toHaveLength(200);
    expect((reopened.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBe(500);
    closeDatabase(reopened);
  });

  it('keeps the configured number of backups, newest', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    for (let d = 1; d <= 5; d += 1) fs.writeFileSync(path.join(dir, backupFileName(new Date(Date.UTC(2026, 10, d, 3)))), 'x');
    fs.writeFileSync(path.join(dir, 'unrelated.txt'), 'keep me');
    const removed = pruneBackups(dir, 3);
    expect(removed.map((f) => path.basename(f))).toEqual(['app-20261101T030000Z.db', 'app-20261102T030000Z.db']);
    expect(listBackups(dir)).toHaveLength(3);
    expect(fs.existsSync(path.join(dir, 'unrelated.txt'))).toBe(true);
  });

  it('is due once per Helsinki calendar day', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    expect(isDailyBackupDue(dir, new Date('2026-11-23T10:00:00Z'))).toBe(true);
    fs.writeFileSync(path.join(dir, backupFileName(new Date('2026-11-23T10:00:00Z'))), 'x');
    expect(isDailyBackupDue(dir, new Date('2026-11-23T21:00:00Z'))).toBe(false);
    // 22:30 UTC is already the next day in Helsinki.
    expect(isDailyBackupDue(dir, new Date('2026-11-23T22:30:00Z'))).toBe(true);
  });
});
