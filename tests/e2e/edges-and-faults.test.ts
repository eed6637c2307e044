/**
 * The production server at its edges and on a failing disk: bodies over the
 * limit and malformed bodies get Finnish answers, the invitation CSV works at
 * its promised 2 MB end to end, a database that cannot be written stops
 * start-up with one sentence, and a full database answers 503 in Finnish,
 * writes nothing half-way, shows in /healthz and recovers once there is room.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { STORAGE_FAULT_MESSAGE } from '../../src/lib/server/storage-fault';
import { startServer, type RunningServer } from './helpers/server';
import { createCast, type Cast } from './helpers/people';

const MB = 1024 * 1024;

function csvFile(n: number): Blob {
  const lines = ['nimi;sähköposti;organisaatio;roolit'];
  for (let i = 0; i < n; i += 1) lines.push(`Henkilö Numero${i} Esimerkkinen;henkilo.numero${i}@tyonantaja.example.fi;Testialue / Kunta A / Tiimi A1;oppija`);
  return new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' });
}

function client(server: RunningServer, cookie?: string) {
  const headers = (extra: Record<string, string> = {}) => ({ origin: server.url, accept: 'text/html', ...(cookie ? { cookie: `session=${cookie}` } : {}), ...extra });
  return {
    post: (p: string, body: BodyInit, extra: Record<string, string> = {}) => fetch(`${server.url}${p}`, { method: 'POST', headers: headers(extra), body, redirect: 'manual' }),
    get: (p: string) => fetch(`${server.url}${p}`, { headers: headers(), redirect: 'manual' }),
    previewCsv: (file: Blob) => {
      const form = new FormData();
      form.set('file', file, 'kutsut.csv');
      return fetch(`${server.url}/yllapito/kutsu?_action=members.importCsv`, { method: 'POST', headers: headers(), body: form, redirect: 'manual' });
    },
    confirmCsv: (uploadId: string) =>
      fetch(`${server.url}/yllapito/kutsu?_action=members.importCsv`, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        body: new URLSearchParams({ confirm: '1', uploadId }).toString(),
        redirect: 'manual',
      }),
  };
}

const uploadIdIn = (html: string) => /name="uploadId" value="([a-z2-7]{32})"/.exec(html)?.[1];

describe('bodies at the edge', () => {
  let server: RunningServer;
  let cast: Cast;
  beforeAll(async () => {
    server = await startServer();
    cast = await createCast(`${server.dataDir}/app.db`);
  });
  afterAll(async () => {
    cast?.close();
    await server?.stop();
  });

  it('over the limit get a Finnish 413: a page for a form post, JSON for an action call and an endpoint', async () => {
    const c = client(server);
    const big = `email=a%40example.fi&password=${'x'.repeat(1.5 * MB)}`;
    const page = await c.post('/kirjaudu?_action=auth.login', big, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(page.status).toBe(413);
    const html = await page.text();
    expect(html).toContain('Lähettämäsi tiedot ovat liian suuret');
    expect(html).not.toContain('Request body exceeds');
    const rpc = await c.post('/_actions/auth.login', JSON.stringify({ email: 'x'.repeat(1.5 * MB) }), { 'content-type': 'application/json', accept: 'application/json' });
    expect(rpc.status).toBe(413);
    expect(await rpc.json()).toMatchObject({ code: 'CONTENT_TOO_LARGE', message: expect.stringContaining('liian suuret') });
    const endpoint = await c.post('/tehtava/katsottu', JSON.stringify({ lesson: 'x'.repeat(1.5 * MB) }), { 'content-type': 'application/json', accept: '*/*' });
    expect(endpoint.status).toBe(413);
  });

  it('malformed multipart or JSON gets a Finnish 400, an unreadable type a Finnish 415', async () => {
    const c = client(server);
    const multipart = await c.post('/kirjaudu?_action=auth.login', '--raja\r\nContent-Disposition: form-data; name="email"\r\n\r\nrikki', { 'content-type': 'multipart/form-data; boundary=raja' });
    expect(multipart.status).toBe(400);
    expect(await multipart.text()).toContain('Lomakkeen tiedot eivät tulleet perille ehjinä');
    const json = await c.post('/_actions/auth.login', '{"email":', { 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: 'BAD_REQUEST' });
    const plain = await c.post('/_actions/auth.login', 'email=a', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(await plain.text()).toContain('Palvelu ei osaa lukea');
  });

  it('the invitation CSV at 2 MB (17,000 rows): preview, then confirm by id, all invitations queued', async () => {
    const c = client(server, cast.cookie('admin'));
    const file = csvFile(17_000);
    expect(file.size).toBeGreaterThan(1.8 * MB);
    const preview = await c.previewCsv(file);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Kaikki 17\u00a0000 riviä ovat kunnossa');
    const uploadId = uploadIdIn(html);
    expect(uploadId).toBeTruthy();
    // The browser posts back only the id, a few dozen bytes.
    const done = await c.confirmCsv(uploadId!);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Kutsut lähetetään hetken kuluttua 17000 henkilölle');
    const count = (sql: string) => (cast.handle.sqlite.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'invitation'")).toBe(17_000);
    expect(count('SELECT COUNT(*) AS n FROM invitation_upload')).toBe(0);
    // Another session of the same admin cannot use the id.
    expect(await (await client(server, cast.cookie('admin')).confirmCsv(uploadId!)).text()).toContain('Esikatselu on vanhentunut');
  });
});

/**
 * Lets the unprivileged user traverse every folder above the checkout (a
 * fresh clone in a 0700 temporary folder would otherwise be out of its
 * reach); returns what undoes it.
 */
function letNobodyReachCheckout(): () => void {
  const changed: { dir: string; mode: number }[] = [];
  for (let dir = path.resolve('.'); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      changed.push({ dir, mode });
    }
    if (path.dirname(dir) === dir) break;
  }
  return () => {
    for (const { dir, mode } of changed) fs.chmodSync(dir, mode);
  };
}

/** Runs the real server as an unprivileged user when the tests run as root, so file permissions count. */
async function startExpectingFailure(databasePath: string): Promise<{ code: number | null; output: string }> {
  const asRoot = process.getuid?.() === 0;
  const restore = asRoot ? letNobodyReachCheckout() : () => {};
  try {
    return await runExpectingFailure(databasePath, asRoot ? { uid: 65534, gid: 65534 } : {});
  } finally {
    restore();
  }
}

function runExpectingFailure(databasePath: string, asNobody: { uid?: number; gid?: number }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = fork(path.resolve('src/server/main.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, APP_ENV: 'test', HOST: '127.0.0.1', PORT: '0', BUILD_DIR: inject('buildDir'), ASTRO_KEY: inject('astroKey'), DATABASE_PATH: databasePath, HOME: os.tmpdir() },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      ...asNobody,
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('message', () => child.kill('SIGTERM'));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function migratedDatabase(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-readonly-'));
  const file = path.join(dir, 'app.db');
  closeDatabase(openDatabase(file));
  return { dir, file };
}

describe('start-up on a database it cannot write', () => {
  it('a read-only file: one plain sentence with the path, no stack trace, exit 1', async () => {
    const { dir, file } = migratedDatabase();
    fs.chmodSync(dir, 0o777);
    fs.chmodSync(file, 0o444);
    const result = await startExpectingFailure(file);
    expect(result.code).toBe(1);
    // Besides the structured event log (one JSON object a line), exactly one sentence.
    const plain = result.output.split('\n').filter((line) => line.trim() && !line.startsWith('{'));
    expect(plain).toEqual([`Tietokantaan ${file} ei voi kirjoittaa (tiedosto tai sen kansio on vain luku -tilassa tai levy on täynnä), joten palvelu ei käynnisty.`]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a read-only directory (no room for the -wal and -shm files): the same sentence', async () => {
    const { dir, file } = migratedDatabase();
    fs.chmodSync(file, 0o666);
    fs.chmodSync(dir, 0o555);
    const result = await startExpectingFailure(file);
    expect(result.code).toBe(1);
    const plain = result.output.split('\n').filter((line) => line.trim() && !line.startsWith('{'));
    expect(plain).toEqual([expect.stringContaining(`Tietokantaan ${file} ei voi kirjoittaa`)]);
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a full database, served', () => {
  let server: RunningServer;
  let cast: Cast;
  beforeAll(async () => {
    // A 16 MB cap: the server's writes fail with a real SQLITE_FULL once the file has reached it.
    server = await startServer({ DATABASE_MAX_MB: '16' });
    cast = await createCast(`${server.dataDir}/app.db`);
  });
  afterAll(async () => {
    cast?.close();
    await server?.stop();
  });

  it('answers 503 in Finnish, writes nothing half-way, shows in /healthz, and works again once there is room', async () => {
    const c = client(server, cast.cookie('admin'));
    const count = (sql: string) => (cast.handle.sqlite.prepare(sql).get() as { n: number }).n;
    const preview = await c.previewCsv(csvFile(600));
    expect(preview.status).toBe(200);
    const uploadId = uploadIdIn(await preview.text());
    expect(uploadId).toBeTruthy();
    expect((await c.get('/healthz')).status).toBe(200);

    // Fill the file to its cap from another connection.
    const sqlite = cast.handle.sqlite;
    sqlite.exec('CREATE TABLE fault_filler (x BLOB)');
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
    while ((sqlite.pragma('page_count', { simple: true }) as number) * pageSize < 17 * MB) sqlite.prepare('INSERT INTO fault_filler VALUES (?)').run(Buffer.alloc(MB));

    const failed = await c.confirmCsv(uploadId!);
    expect(failed.status).toBe(503);
    const html = await failed.text();
    expect(html).toContain(STORAGE_FAULT_MESSAGE);
    expect(html).not.toMatch(/database or disk is full|SQLITE_FULL/);
    expect(count("SELECT COUNT(*) AS n FROM one_time_token WHERE kind = 'invitation'")).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'invitation'")).toBe(0);
    expect(count('SELECT done_rows AS n FROM invitation_upload')).toBe(0);
    const health = await c.get('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'error', database: 'error' });

    // Space returns: the filler's pages are free for reuse.
    sqlite.exec('DELETE FROM fault_filler');
    expect((await c.get('/healthz')).status).toBe(200);
    const done = await c.confirmCsv(uploadId!);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Kutsut lähetetään hetken kuluttua 600 henkilölle');
    expect(count("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'invitation'")).toBe(600);
    expect(server.child.exitCode).toBeNull();
  });
});
