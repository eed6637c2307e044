/**
 * A storage fault in a background task (the `-shm` or `-wal` file cannot be
 * written, the disk is full) is logged and the process keeps serving (its
 * requests answer 503); any other uncaught error still ends the process, with
 * its message.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (fault: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.resolve('tests/fixtures/processes/background-fault.ts'), fault], { encoding: 'utf8', timeout: 30_000 });

describe('a fault outside any request', () => {
  it('from storage is logged and the process keeps running', () => {
    const result = run('storage');
    expect(result.status).toBe(0);
    const events = result.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string; code: string });
    expect(events.map((e) => [e.event, e.code])).toEqual([
      ['storage_fault', 'SQLITE_FULL'],
      ['storage_fault', 'SQLITE_IOERR_SHMMAP'],
    ]);
    expect(result.stdout).toContain('still running');
  });

  it('from a bug still ends the process, with its message', () => {
    const result = run('bug');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Cannot read properties of undefined (reading 'id')");
    expect(result.stdout).not.toContain('still running');
  });
});
