/**
 * The production server refusing bad starts, and brute-force limits as a
 * browser meets them: status 429 with a Finnish message and the wait.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { startServer, type RunningServer } from './helpers/server';
import { createCast, type Cast } from './helpers/people';

function startExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = fork(path.resolve('src/server/main.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, APP_ENV: 'test', HOST: '127.0.0.1', PORT: '0', BUILD_DIR: inject('buildDir'), ASTRO_KEY: inject('astroKey'), ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('message', () => child.kill('SIGTERM'));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('start-up', () => {
  it('stops on an invalid setting and names the variable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-start-'));
    const result = await startExpectingFailure({ DATABASE_PATH: path.join(dir, 'app.db'), SITE_URL: 'ftp://example.fi' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('SITE_URL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a database migrated by a newer release, with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-start-'));
    const file = path.join(dir, 'app.db');
    closeDatabase(openDatabase(file));
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 365 * 86_400_000);
    raw.close();
    const result = await startExpectingFailure({ DATABASE_PATH: file });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Refusing to start: .*newer than this release/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('brute-force limits over HTTP', () => {
  let server: RunningServer;
  let cast: Cast;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMITS: 'login.account=3/15m' });
    cast = await createCast(`${server.dataDir}/app.db`);
  });
  afterAll(async () => {
    cast?.close();
    await server?.stop();
  });

  it('answers 429 with the wait time in Finnish after too many failed logins', async () => {
    const attempt = (password: string) =>
      fetch(`${server.url}/kirjaudu?_action=auth.login`, {
        method: 'POST',
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'oppija.a@example.fi', password }).toString(),
        redirect: 'manual',
      });
    for (let i = 0; i < 3; i += 1) {
      const res = await attempt(`väärä salasana ${i}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Sähköpostiosoite tai salasana on väärin');
    }
    const blocked = await attempt('sininen kettu hyppää 42');
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toMatch(/Liian monta yritystä\. Yritä uudelleen (1[0-5]|[1-9]) minuutin kuluttua\./);
  });
});
