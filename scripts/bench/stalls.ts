/**
 * Does any request wait behind another? A light static load (5 connections
 * on the prerendered lesson) runs while the server streams a large CSV and
 * XLSX export, while a client reads an export slowly, and while 50 people
 * sign in at once; the server's event-loop delay comes from the preloaded
 * probe (`loop-probe.mjs`).
 */
import fs from 'node:fs';
import http from 'node:http';
import { runLoad, type LoadResult } from './wrk';
import { rssMb, type Running } from './processes';
import { SIGN_IN_PASSWORD, type Fixture } from './fixture';

export interface Probe {
  p50: number;
  p99: number;
  max: number;
  rssMb: number;
}

export interface StallFigures {
  staticP99Ms: number;
  staticPerSecond: number;
  loopP99Ms: number;
  loopMaxMs: number;
  firstByteMs?: number;
  totalMs?: number;
  bytes?: number;
  status?: number;
  peakExtraMb?: number;
}

export interface StallResult {
  idle: StallFigures;
  csv: StallFigures;
  xlsx: StallFigures;
  slowReader: { peakExtraMb: number; heldMs: number; bytesRead: number };
  signIns: StallFigures & { count: number; statuses: Record<string, number> };
}

export interface StallOptions {
  server: Running;
  fixture: Fixture;
  lesson: string;
  work: string;
  seconds: number;
  probeFile: string;
}

async function readProbe(server: Running, file: string): Promise<Probe> {
  fs.rmSync(file, { force: true });
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 200 && !fs.existsSync(file); i += 1) await new Promise((r) => setTimeout(r, 10));
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Probe;
}

function sampleRss(pid: number): { stop: () => number } {
  const idle = rssMb(pid);
  let peak = idle;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  return { stop: () => (clearInterval(timer), peak - idle) };
}

function download(port: number, url: string, cookie: string): Promise<{ firstByteMs: number; totalMs: number; bytes: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url, headers: { cookie } }, (res) => {
        let first = 0;
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          if (!first) first = performance.now() - started;
          bytes += c.length;
        });
        res.on('end', () => resolve({ firstByteMs: first, totalMs: performance.now() - started, bytes, status: res.statusCode ?? 0 }));
      })
      .on('error', reject);
  });
}

/** Reads the first chunk of an export, then nothing for `holdMs`, then hangs up. */
function readSlowly(port: number, url: string, cookie: string, holdMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: url, headers: { cookie } }, (res) => {
      res.once('data', (c: Buffer) => {
        res.pause();
        setTimeout(() => {
          req.destroy();
          resolve(c.length);
        }, holdMs);
      });
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
  });
}

function signIn(port: number, email: string): Promise<number> {
  const body = new URLSearchParams({ email, password: SIGN_IN_PASSWORD }).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/kirjaudu?_action=auth.login', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}`, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function underStaticLoad<T>(options: StallOptions, seconds: number, during: () => Promise<T>): Promise<{ load: LoadResult; probe: Probe; value: T }> {
  const { server, work, lesson } = options;
  await readProbe(server, options.probeFile);
  const load = runLoad(work, { url: `http://127.0.0.1:${server.port}${lesson}`, connections: 5, seconds });
  await new Promise((r) => setTimeout(r, 300));
  const value = await during();
  const result = await load;
  return { load: result, probe: await readProbe(server, options.probeFile), value };
}

const figures = (load: LoadResult, probe: Probe): StallFigures => ({ staticP99Ms: load.p99Ms, staticPerSecond: Math.round(load.perSecond), loopP99Ms: probe.p99, loopMaxMs: probe.max });

/** Runs the stall scenarios against a started server. */
export async function measureStalls(options: StallOptions): Promise<StallResult> {
  const { server, fixture } = options;
  const port = server.port;
  const cookie = fixture.managerCookie;
  // Warm the export path and the static path first.
  await download(port, '/hallinta/raportit/suoritukset.csv?kurssi=x', cookie).catch(() => undefined);
  const idle = await underStaticLoad(options, options.seconds, async () => undefined);
  const exports: Record<'csv' | 'xlsx', StallFigures> = {} as never;
  for (const format of ['csv', 'xlsx'] as const) {
    const rss = sampleRss(server.pid);
    const r = await underStaticLoad(options, options.seconds * 2, () => download(port, `/hallinta/raportit/suoritukset.${format}`, cookie));
    exports[format] = { ...figures(r.load, r.probe), ...r.value, peakExtraMb: rss.stop() };
    console.log(`${format}: ${JSON.stringify(exports[format])}`);
  }
  const rss = sampleRss(server.pid);
  const holdMs = 4000;
  const bytesRead = await readSlowly(port, '/hallinta/raportit/suoritukset.csv', cookie, holdMs);
  const slowReader = { peakExtraMb: rss.stop(), heldMs: holdMs, bytesRead };
  await new Promise((r) => setTimeout(r, 500));
  const sign = await underStaticLoad(options, options.seconds, async () => {
    const started = performance.now();
    const statuses = await Promise.all(fixture.signInEmails.map((email) => signIn(port, email)));
    return { totalMs: performance.now() - started, statuses };
  });
  const statuses: Record<string, number> = {};
  for (const s of sign.value.statuses) statuses[s] = (statuses[s] ?? 0) + 1;
  return {
    idle: figures(idle.load, idle.probe),
    csv: exports.csv,
    xlsx: exports.xlsx,
    slowReader,
    signIns: { ...figures(sign.load, sign.probe), totalMs: sign.value.totalMs, count: sign.value.statuses.length, statuses },
  };
}
