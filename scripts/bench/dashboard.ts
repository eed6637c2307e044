/**
 * `npm run bench:dashboard [-- --learners 10000]`: the manager dashboard for
 * a county of 10,000 learners × 3 courses. Measures the dashboard's data on
 * its own and, when a build exists (`npm run build`), the whole server-side
 * render over HTTP. Figures go in the notes; nothing here is asserted.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/lib/server/config';
import { resolveDashboardFocus } from '../../src/lib/server/reporting/dashboard-focus';
import { buildDashboard } from '../../src/lib/server/reporting/dashboard';
import { argNumber, seedBenchDatabase, summarise } from './setup';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
const learners = argNumber('learners', 10_000);
const rounds = argNumber('rounds', 30);
const data = seedBenchDatabase(learners);
const { handle, seeded, courses } = data;
console.log(`Seeded ${seeded.counts.learners} learners × ${courses.length} courses in ${(data.seedMs / 1000).toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);

const manager = seeded.manager;
const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
for (const [label, nodeId] of [['whole county', undefined], ['one municipality', handle.sqlite.prepare("SELECT id FROM org_node WHERE type = 'kunta' ORDER BY id LIMIT 1").pluck().get() as number]] as const) {
  const focus = resolveDashboardFocus(handle.db, manager, nodeId);
  if (!focus.ok) throw new Error('focus');
  const run = () => buildDashboard(handle.db, { courses, paths: focus.value.paths, focus: focus.value.focus, units: focus.value.units, now: new Date() });
  for (let i = 0; i < 3; i += 1) run();
  const times = Array.from({ length: rounds }, () => time(run));
  console.log(`Dashboard data, ${label}: ${summarise(times)}`);
}

const buildDir = loadConfig().buildDir;
if (!fs.existsSync(path.join(buildDir, 'server'))) {
  console.log(`No build in ${buildDir}: run \`npm run build\` to measure the full render over HTTP.`);
} else {
  handle.sqlite.close();
  const child = fork(path.resolve('src/server/main.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, APP_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: data.file, BUILD_DIR: buildDir },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) => child.on('message', (m: { type?: string; port?: number }) => m.type === 'listening' && resolve(m.port!)));
  const get = async (url: string) => {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { cookie: `session=${data.managerToken}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
    return performance.now() - t;
  };
  for (const url of ['/profiili', '/hallinta', `/hallinta?yksikko=${seeded.countyId}`]) {
    for (let i = 0; i < 3; i += 1) await get(url);
    const times: number[] = [];
    for (let i = 0; i < rounds; i += 1) times.push(await get(url));
    console.log(`GET ${url} (full server-side render): ${summarise(times)}`);
  }
  child.kill('SIGTERM');
}
fs.rmSync(data.dir, { recursive: true, force: true });
