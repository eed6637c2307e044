/** The table `npm run bench` prints (and `docs/performance.md` carries). */
import type { StallResult } from './stalls';

export interface SideSummary {
  perSecond: number;
  p99Ms: number;
  cpuUs: number;
  rssMb: number;
  non2xx: number;
}

export interface PathResult {
  path: string;
  project: SideSummary;
  baseline: SideSummary;
  ratio: number;
  runs: { project: number[]; baseline: number[] };
}

export interface BenchResults {
  date: string;
  commit: string;
  machine: string;
  settings: Record<string, unknown>;
  paths: PathResult[];
  rawInsertsPerSecond: number;
  start: { projectMs: number; baselineMs: number; projectIdleRssMb: number; baselineIdleRssMb: number };
  stalls?: StallResult;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number | undefined) => (x === undefined ? '–' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);

/** A Markdown table of every figure. */
export function formatTable(r: BenchResults): string {
  const rows: string[][] = [['Path', 'Project', 'Baseline', 'Ratio', 'p99 (project / baseline)', 'CPU/request (project / baseline)', 'Memory (project / baseline)']];
  for (const p of r.paths) {
    const errors = p.project.non2xx ? ` (${p.project.non2xx} errors)` : '';
    rows.push([p.path, `${n(p.project.perSecond)} req/s${errors}`, `${n(p.baseline.perSecond)} req/s`, p.ratio.toFixed(2), `${ms(p.project.p99Ms)} / ${ms(p.baseline.p99Ms)}`, `${n(p.project.cpuUs)} µs / ${n(p.baseline.cpuUs)} µs`, `${p.project.rssMb} / ${p.baseline.rssMb} MB`]);
  }
  const write = r.paths.find((p) => p.path.startsWith('Quiz answer'));
  if (write) rows.push(['Quiz answer vs raw single-row FULL insert', `${n(write.project.perSecond)} writes/s`, `${n(r.rawInsertsPerSecond)} inserts/s`, (write.project.perSecond / r.rawInsertsPerSecond).toFixed(2), '', '', '']);
  rows.push(['Cold start to first /healthz 200', ms(r.start.projectMs), ms(r.start.baselineMs), (r.start.projectMs / r.start.baselineMs).toFixed(1) + '×', '', '', '']);
  rows.push(['Idle RSS', `${r.start.projectIdleRssMb} MB`, `${r.start.baselineIdleRssMb} MB`, (r.start.projectIdleRssMb / r.start.baselineIdleRssMb).toFixed(1) + '×', '', '', '']);
  const s = r.stalls;
  if (s) {
    const stall = (label: string, f: { staticP99Ms: number; loopP99Ms: number; loopMaxMs: number; firstByteMs?: number; totalMs?: number; peakExtraMb?: number; bytes?: number }) =>
      rows.push([label, `static p99 ${ms(f.staticP99Ms)}`, `event-loop p99 ${ms(f.loopP99Ms)} (max ${ms(f.loopMaxMs)})`, '', f.firstByteMs !== undefined ? `first byte ${ms(f.firstByteMs)}, done ${ms(f.totalMs)}` : f.totalMs !== undefined ? `all done ${ms(f.totalMs)}` : '', f.bytes ? `${(f.bytes / 1048576).toFixed(1)} MB` : '', f.peakExtraMb !== undefined ? `+${f.peakExtraMb} MB` : '']);
    stall('Static page, no other load (5 conns)', s.idle);
    stall('During the CSV export', s.csv);
    stall('During the XLSX export', s.xlsx);
    stall(`During ${s.signIns.count} concurrent sign-ins ${JSON.stringify(s.signIns.statuses)}`, s.signIns);
    rows.push(['Export to a client that stops reading', `${s.slowReader.heldMs} ms held`, '', '', '', `${s.slowReader.bytesRead} B read`, `+${s.slowReader.peakExtraMb} MB`]);
  }
  const lines = rows.map((row) => `| ${row.join(' | ')} |`);
  lines.splice(1, 0, `|${rows[0]!.map(() => '---').join('|')}|`);
  return [`${r.date} · commit ${r.commit} · ${r.machine} · ${JSON.stringify(r.settings)}`, '', ...lines].join('\n');
}
