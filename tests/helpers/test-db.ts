/**
 * A real temporary SQLite database with the real migrations, one per test
 * file (or per test). Never a mock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, setDatabase, type DatabaseHandle } from '../../src/lib/server/db/client';

export interface TestDatabase extends DatabaseHandle {
  dir: string;
  /** Closes the connection and removes the directory. */
  cleanup: () => void;
}

/** Creates a temporary directory. */
export function makeTempDir(prefix = 'tka-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Opens a fresh database in a temporary directory and installs it as the
 * process-wide connection.
 */
export function createTestDatabase(options: { install?: boolean } = {}): TestDatabase {
  const dir = makeTempDir();
  const handle = openDatabase(path.join(dir, 'app.db'));
  if (options.install !== false) setDatabase(handle);
  return {
    ...handle,
    dir,
    cleanup: () => {
      closeDatabase(handle);
      setDatabase(undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
