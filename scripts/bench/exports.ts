/**
 * `npm run bench:exports [-- --rows 100000]`: the completion export of about
 * 100,000 rows (learners × 3 courses, all assigned) as CSV and as XLSX,
 * each in a fresh process through the same streaming response the endpoint
 * returns. Reports time to the last byte and peak memory above the process's
 * idle size. Figures go in the notes; nothing here is asserted.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase, closeDatabase } from '../../src/lib/server/db/client';
import { csvExportResponse, xlsxExportResponse } from '../../src/lib/server/reporting/export-response';
import { loadDemoCourses } from '../../src/lib/server/demo/courses';
import { argNumber, seedBenchDatabase } from './setup';

interface Measurement {
  format: string;
  rows: number;
  bytes: number;
  ms: number;
  extraMb: number;
}

async function measure(file: string, format: 'csv' | 'xlsx'): Promise<Measurement> {
  const handle = openDatabase(file);
  const courses = loadDemoCourses().map((c) => ({ id: c.structure.id, title: c.structure.title, version: c.structure.version }));
  global.gc?.();
  const idle = process.memoryUsage().rss;
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const request = { db: handle.db, actorId: 1, ip: 'bench', courses, filter: {}, described: {}, now: new Date() };
  const response = format === 'csv' ? csvExportResponse(request, ';') : xlsxExportResponse(request);
  const reader = response.body!.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  const audit = handle.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'report.exported' ORDER BY id DESC LIMIT 1").pluck().get() as string;
  closeDatabase(handle);
  return { format, rows: JSON.parse(audit).rows, bytes, ms, extraMb: (peak - idle) / 1024 / 1024 };
}

const child = process.argv.indexOf('--measure');
if (child >= 0) {
  const result = await measure(process.argv[child + 1]!, process.argv[child + 2] as 'csv' | 'xlsx');
  process.send!(result);
} else {
  const rows = argNumber('rows', 100_000);
  const data = seedBenchDatabase(Math.ceil(rows / 3));
  console.log(`Seeded ${data.seeded.counts.learners} learners × 3 courses in ${(data.seedMs / 1000).toFixed(1)} s`);
  data.handle.sqlite.close();
  for (const format of ['csv', 'xlsx'] as const) {
    const worker = fork(fileURLToPath(import.meta.url), ['--measure', data.file, format], { execArgv: ['--import', 'tsx', '--expose-gc'] });
    const m = await new Promise<Measurement>((resolve) => worker.on('message', (msg) => resolve(msg as Measurement)));
    worker.kill();
    console.log(`${m.format.toUpperCase()}: ${m.rows.toLocaleString('fi-FI')} rows, ${(m.bytes / 1024 / 1024).toFixed(1)} MB in ${(m.ms / 1000).toFixed(2)} s, peak memory +${m.extraMb.toFixed(1)} MB above idle`);
  }
  fs.rmSync(data.dir, { recursive: true, force: true });
}
