/** The command-line scripts, run as an operator would, against a temporary data directory. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { findUserByEmail, getUserRoles } from '../../src/lib/server/db/users';
import { findActiveMembership } from '../../src/lib/server/db/memberships';
import { findRootNode } from '../../src/lib/server/db/org';
import { isSetupComplete, resetSetupCache } from '../../src/lib/server/accounts/setup';
import { listBackups } from '../../src/lib/server/backup';
import { currentSigningKey, ensureSigningKey, listPublicKeys } from '../../src/lib/server/certificates/keys';
import { makeTempDir } from '../helpers/test-db';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, input, encoding: 'utf8' });
}

describe('npm run user:create', () => {
  it('creates the first administrator with the root node, reading the password from standard input', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const env = { DATABASE_PATH: path.join(dir, 'app.db'), ORG_NAME: 'Testialue' };
    const ok = run('scripts/user-create.ts', ['--email', 'Maija@Example.fi', '--name', 'Maija Meikäläinen', '--role', 'admin'], env, 'pitkä salasana komentoriviltä\n');
    expect(ok.status, ok.stderr).toBe(0);
    const handle = openDatabase(env.DATABASE_PATH);
    const user = findUserByEmail(handle.db, 'maija@example.fi')!;
    expect(user.name).toBe('Maija Meikäläinen');
    expect(getUserRoles(handle.db, user.id).sort()).toEqual(['admin', 'learner']);
    expect(findRootNode(handle.db)!.name).toBe('Testialue');
    expect(findActiveMembership(handle.db, user.id)?.nodeId).toBe(findRootNode(handle.db)!.id);
    resetSetupCache();
    expect(isSetupComplete(handle.db)).toBe(true);
    closeDatabase(handle);

    const weak = run('scripts/user-create.ts', ['--email', 'x@example.fi', '--name', 'X'], env, 'salasana123\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('yleisesti käytetty');
    const twice = run('scripts/user-create.ts', ['--email', 'maija@example.fi', '--name', 'M'], env, 'pitkä salasana komentoriviltä\n');
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain('on jo tili');
    const badRole = run('scripts/user-create.ts', ['--email', 'y@example.fi', '--name', 'Y', '--role', 'boss'], env, 'pitkä salasana komentoriviltä\n');
    expect(badRole.status).toBe(1);
    expect(badRole.stderr).toContain('Tuntematon rooli');
  });
});

describe('npm run keys:rotate', () => {
  it('starts signing with a new key and keeps the old one published', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const db = path.join(dir, 'app.db');
    const handle = openDatabase(db);
    const first = await ensureSigningKey(handle.db);
    const result = run('scripts/keys-rotate.ts', [], { DATABASE_PATH: db });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Retired key ${first.kid}`);
    expect(currentSigningKey(handle.db)!.kid).not.toBe(first.kid);
    expect(listPublicKeys(handle.db).map((k) => k.kid)).toContain(first.kid);
    closeDatabase(handle);
  });
});

describe('npm run db:backup', () => {
  it('writes a timestamped copy to data/backups', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const db = path.join(dir, 'app.db');
    closeDatabase(openDatabase(db));
    const result = run('scripts/db-backup.ts', [], { DATABASE_PATH: db, BACKUP_KEEP: '2' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Backup written');
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('stops with a message naming the variable when a setting is invalid', () => {
    const result = run('scripts/db-backup.ts', [], { PORT: 'abc' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
  });
});
