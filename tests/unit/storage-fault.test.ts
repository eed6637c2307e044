import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readFormState } from '../../src/lib/web/form-state';
import { isStorageFault, STORAGE_FAULT_MESSAGE } from '../../src/lib/server/storage-fault';

/** A real SQLITE_FULL from an in-memory database capped at its current size. */
function realDiskFull(): unknown {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x BLOB)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  try {
    db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(100_000));
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('no SQLITE_FULL');
}

describe('storage faults', () => {
  it('are recognised from the SQLite error and from its text alone', () => {
    const error = realDiskFull();
    expect((error as { code: string }).code).toBe('SQLITE_FULL');
    expect(isStorageFault(error)).toBe(true);
    expect(isStorageFault('disk I/O error')).toBe(true);
    expect(isStorageFault(Object.assign(new Error('x'), { code: 'SQLITE_READONLY' }))).toBe(true);
    expect(isStorageFault(new Error('Cannot read properties of undefined'))).toBe(false);
  });

  it('reach a form as the Finnish message and 503, never the raw SQLite text', () => {
    const raw = (realDiskFull() as Error).message;
    const state = readFormState({ error: { code: 'INTERNAL_SERVER_ERROR', status: 500, message: raw } });
    expect(state).toMatchObject({ ok: false, status: 503, message: STORAGE_FAULT_MESSAGE });
    expect(JSON.stringify(state)).not.toContain(raw);
  });

  it('never show the text of an unexpected error', () => {
    const state = readFormState({ error: { code: 'INTERNAL_SERVER_ERROR', status: 500, message: "Cannot read properties of undefined (reading 'id')" } });
    expect(state.message).toBe('Toiminto epäonnistui. Yritä uudelleen.');
    expect(readFormState({ error: { code: 'NOT_FOUND', status: 404, message: 'Käyttäjää ei löytynyt.' } }).message).toBe('Käyttäjää ei löytynyt.');
  });
});
