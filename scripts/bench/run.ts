/**
 * `npm run bench [-- --learners 10000 --export-rows 100000 --pairs 3 --seconds 6 --quick]`:
 * the production server against a bare `node:http` + better-sqlite3 baseline
 * doing the same database work and sending the same bytes, both pinned to
 * core 0, driven by wrk on core 1, A/B alternated; then the stalls (exports
 * and a sign-in storm), cold start and idle memory. Prints one table and
 * writes `bench/results.json`. Not run in CI; nothing here is asserted.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureWrk, runLoad, type LoadSpec } from './wrk';
import { cpuMicros, rssMb, serveArguments, startPinned, type Running } from './processes';
import { findBuildPaths, seedFixture, type Fixture } from './fixture';
import { captureResponses, type Capture } from './capture';
import { measureStalls, type StallResult } from './stalls';
import { formatTable, type BenchResults, type PathResult } from './report';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const num = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const quick = flag('quick');
const learners = num('learners', 10_000);
const exportRows = num('export-rows', quick ? 30_000 : 100_000);
const pairs = num('pairs', quick ? 1 : 3);
const seconds = num('seconds', quick ? 2 : 5);
const connections = num('connections', 50);
const root = process.cwd();
const buildRoot = path.join(root, '.bench-build');
const buildDir = path.join(buildRoot, 'dist');
const SITE_URL = 'http://localhost:4321';
const ASTRO_KEY = 'YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZy4uLi4=';

// The load generator and this script on core 1; the servers get core 0 to themselves.
execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
ensureWrk();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-bench-run-'));

function buildSite(): number {
  const started = performance.now();
  if (!flag('skip-build') || !fs.existsSync(path.join(buildDir, 'server'))) {
    execFileSync('npm', ['run', 'build', '--silent'], {
      stdio: 'inherit',
      env: { ...process.env, APP_ENV: 'production', BUILD_DIR: buildDir, DATABASE_PATH: path.join(buildRoot, 'build-data', 'app.db'), SITE_URL, ASTRO_KEY },
    });
  }
  return performance.now() - started;
}

function serverEnv(dbFile: string): Record<string, string> {
  return { APP_ENV: 'production', HOST: '127.0.0.1', PORT: '0', SITE_URL, BUILD_DIR: buildDir, ASTRO_KEY, DATABASE_PATH: dbFile, BACKUP_DIR: path.join(path.dirname(dbFile), 'backups'), BENCH_PROBE_FILE: path.join(work, 'probe.json') };
}

const probe = path.resolve('scripts/bench/loop-probe.mjs');
const probeFile = path.join(work, 'probe.json');

/**
 * Waits (at most a minute) until the server's event loop is calm: its
 * maintenance jobs run right after start, and steady state is what is measured.
 */
async function settle(server: Running): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 60_000) {
    fs.rmSync(probeFile, { force: true });
    process.kill(server.pid, 'SIGUSR2');
    await new Promise((r) => setTimeout(r, 500));
    if (!fs.existsSync(probeFile)) continue;
    const { max } = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as { max: number };
    if (max < 30) break;
  }
  return performance.now() - started;
}

async function startProject(dbFile: string, calm = true): Promise<Running> {
  const server = await startPinned(['--import', probe, ...serveArguments(root)], serverEnv(dbFile), '/healthz', root);
  if (calm) console.log(`project settled ${Math.round(await settle(server))} ms after start`);
  return server;
}
const startBaseline = (dbFile: string, responses: string) => startPinned(['scripts/bench/baseline-server.ts', dbFile, responses], {}, '/healthz', root);

interface Side {
  perSecond: number[];
  p99Ms: number[];
  cpuUs: number[];
  rssMb: number[];
  non2xx: number;
}
const newSide = (): Side => ({ perSecond: [], p99Ms: [], cpuUs: [], rssMb: [], non2xx: 0 });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function measure(server: Running, spec: LoadSpec, side: Side): Promise<void> {
  await runLoad(work, { ...spec, seconds: 1 });
  const cpu = cpuMicros(server.pid);
  const r = await runLoad(work, spec);
  side.perSecond.push(r.perSecond);
  side.p99Ms.push(r.p99Ms);
  side.cpuUs.push((cpuMicros(server.pid) - cpu) / Math.max(1, r.requests));
  side.rssMb.push(rssMb(server.pid));
  side.non2xx += r.non2xx + r.errors;
}

function rawInsertRate(): number {
  const out = execFileSync('taskset', ['-c', '0', process.execPath, 'scripts/bench/raw-insert.ts', path.join(work, 'raw.db'), String(Math.max(2, seconds))], { encoding: 'utf8' });
  return (JSON.parse(out) as { perSecond: number }).perSecond;
}

async function comparePaths(fixture: Fixture, captures: Capture[], responsesFile: string): Promise<PathResult[]> {
  const sides = captures.map(() => ({ project: newSide(), baseline: newSide() }));
  for (let pair = 0; pair < pairs; pair += 1) {
    for (const which of ['project', 'baseline'] as const) {
      const server = which === 'project' ? await startProject(fixture.file) : await startBaseline(fixture.file, responsesFile);
      try {
        for (const [i, capture] of captures.entries()) {
          const origin = `http://127.0.0.1:${server.port}`;
          await measure(server, { ...capture.load, url: `${origin}${capture.load.url}`, headers: { ...capture.load.headers, Origin: origin }, connections, seconds }, sides[i]![which]);
        }
      } finally {
        await server.stop();
      }
      console.log(`pair ${pair + 1}/${pairs}: ${which} measured`);
    }
  }
  const summary = (side: Side) => ({ perSecond: median(side.perSecond), p99Ms: median(side.p99Ms), cpuUs: median(side.cpuUs), rssMb: median(side.rssMb), non2xx: side.non2xx });
  return captures.map((capture, i) => {
    const { project, baseline } = sides[i]!;
    const result: PathResult = {
      path: capture.label,
      project: summary(project),
      baseline: summary(baseline),
      ratio: median(project.perSecond) / Math.max(1, median(baseline.perSecond)),
      runs: { project: project.perSecond, baseline: baseline.perSecond },
    };
    console.log(`${result.path}: ${Math.round(result.project.perSecond)} vs ${Math.round(result.baseline.perSecond)} req/s (${result.ratio.toFixed(2)}), p99 ${result.project.p99Ms.toFixed(1)} ms`);
    return result;
  });
}

async function coldStarts(fixture: Fixture, responsesFile: string): Promise<{ projectMs: number; baselineMs: number; projectIdleRssMb: number; baselineIdleRssMb: number }> {
  const project: number[] = [];
  const baseline: number[] = [];
  let projectIdleRssMb = 0;
  let baselineIdleRssMb = 0;
  for (let i = 0; i < 3; i += 1) {
    const p = await startProject(fixture.file, false);
    project.push(p.startMs);
    // Idle means after the start-up maintenance jobs.
    await settle(p);
    await new Promise((r) => setTimeout(r, 1000));
    projectIdleRssMb = rssMb(p.pid);
    await p.stop();
    const b = await startBaseline(fixture.file, responsesFile);
    baseline.push(b.startMs);
    await new Promise((r) => setTimeout(r, 1000));
    baselineIdleRssMb = rssMb(b.pid);
    await b.stop();
  }
  return { projectMs: median(project), baselineMs: median(baseline), projectIdleRssMb, baselineIdleRssMb };
}

const buildMs = buildSite();
console.log(`Built in ${(buildMs / 1000).toFixed(1)} s. Seeding ${learners.toLocaleString('fi-FI')} learners…`);
const fixture = await seedFixture(learners, 2000, 50);
const paths = findBuildPaths(path.join(buildDir, 'client'));
console.log('Seeded; capturing responses');
const captureServer = await startProject(fixture.file);
const captures = await captureResponses(captureServer.port, fixture, paths);
await captureServer.stop();
const responsesFile = path.join(work, 'responses.json');
fs.writeFileSync(responsesFile, JSON.stringify(captures.map((c) => c.response)));

console.log('Captured; measuring the raw insert rate');
const rawInserts = rawInsertRate();
const compared = await comparePaths(fixture, captures, responsesFile);
const start = await coldStarts(fixture, responsesFile);
let stalls: StallResult | undefined;
if (!flag('skip-stalls')) {
  const exportFixture = Math.ceil(exportRows / 3) > fixture.learners ? await seedFixture(Math.ceil(exportRows / 3), 0, 50) : fixture;
  const server = await startProject(exportFixture.file);
  try {
    stalls = await measureStalls({ server, fixture: exportFixture, lesson: paths.lesson, work, seconds: Math.max(3, seconds), probeFile });
  } finally {
    await server.stop();
  }
  if (exportFixture !== fixture) fs.rmSync(exportFixture.dir, { recursive: true, force: true });
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const results: BenchResults = {
  date: new Date().toISOString(),
  commit,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  settings: { learners: fixture.learners, exportRows, pairs, seconds, connections, loadGenerator: 'wrk (core 1), servers on core 0' },
  paths: compared,
  rawInsertsPerSecond: rawInserts,
  start,
  stalls,
};
fs.mkdirSync('bench', { recursive: true });
fs.writeFileSync(path.join('bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${formatTable(results)}`);
fs.rmSync(fixture.dir, { recursive: true, force: true });
fs.rmSync(work, { recursive: true, force: true });
