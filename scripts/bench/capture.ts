/**
 * The paths `npm run bench` compares, and each one's response from the
 * project captured byte for byte (compressed as the client asked), so the
 * baseline sends exactly the same bytes.
 */
import http from 'node:http';
import type { Fixture } from './fixture';
import type { BuildPaths } from './fixture';
import type { LoadSpec } from './wrk';

export interface CapturedResponse {
  path: string;
  work: 'none' | 'session' | 'session+audit' | 'session+insert';
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

export interface Capture {
  label: string;
  load: Omit<LoadSpec, 'connections' | 'seconds'>;
  response: CapturedResponse;
}

const FORM = 'application/x-www-form-urlencoded';
const SKIP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function fetchRaw(port: number, spec: Omit<LoadSpec, 'connections' | 'seconds'>): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: spec.url, method: spec.method ?? 'GET', headers: { 'accept-encoding': 'br, gzip', origin: `http://127.0.0.1:${port}`, ...(spec.cookies?.[0] ? { cookie: spec.cookies[0] } : {}), ...spec.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (!SKIP.has(k) && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      },
    );
    req.on('error', reject);
    req.end(spec.bodies?.[0]);
  });
}

/** Requests every benchmarked path once from the running project and returns what to replay. */
export async function captureResponses(port: number, fixture: Fixture, paths: BuildPaths): Promise<Capture[]> {
  const learner = { cookies: fixture.learnerCookies };
  const list: { label: string; work: CapturedResponse['work']; load: Capture['load'] }[] = [
    { label: 'Prerendered lesson', work: 'none', load: { url: paths.lesson } },
    { label: '/_astro asset (CSS)', work: 'none', load: { url: paths.asset } },
    { label: '/kurssit, signed in', work: 'session', load: { url: '/kurssit', ...learner } },
    { label: '/omat-kurssit', work: 'session', load: { url: '/omat-kurssit', ...learner } },
    { label: 'Course page', work: 'session', load: { url: paths.course, ...learner } },
    { label: 'Lesson status island', work: 'session', load: { url: paths.island, ...learner } },
    { label: "Manager's person page", work: 'session+audit', load: { url: `/hallinta/oppijat/${fixture.learnerIds[0]}`, cookies: [fixture.managerCookie] } },
    { label: 'Quiz answer (write)', work: 'session+insert', load: { url: '/tehtava/vastaus?_action=learning.answer', method: 'POST', ...learner, bodies: paths.quizBodies, headers: { 'Content-Type': FORM } } },
  ];
  const captures: Capture[] = [];
  for (const item of list) {
    const r = await fetchRaw(port, item.load).catch((error: unknown) => {
      throw new Error(`bench: ${item.label} (${item.load.url}): ${String(error)}`);
    });
    if (r.status >= 400) throw new Error(`bench: ${item.label} (${item.load.url}) answered ${r.status}: ${r.body.toString().slice(0, 300)}`);
    captures.push({ label: item.label, load: item.load, response: { path: item.load.url, work: item.work, status: r.status, headers: r.headers, bodyBase64: r.body.toString('base64') } });
  }
  return captures;
}
