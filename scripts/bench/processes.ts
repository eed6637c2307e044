/**
 * Starting and watching the benchmarked processes: the production server and
 * the bare baseline, each pinned to core 0; their CPU time and memory read
 * from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Running {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Milliseconds from spawn to the first 200 on the health path. */
  startMs: number;
  stop: () => Promise<void>;
}

const TICKS_PER_SECOND = 100;

/** CPU time (user + system) of a process in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
}

/** Resident memory of a process in MB. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The command `npm run serve` runs, as node arguments (tsx becomes `--import tsx`). */
export function serveArguments(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const parts = pkg.scripts.serve!.trim().split(/\s+/);
  if (parts[0] === 'tsx') return ['--import', 'tsx', ...parts.slice(1)];
  if (parts[0] === 'node') return parts.slice(1);
  throw new Error(`bench: cannot run "npm run serve" (${pkg.scripts.serve}) directly`);
}

async function waitForHealth(port: () => number | undefined, child: ChildProcess, healthPath: string, started: number): Promise<number> {
  for (;;) {
    if (performance.now() - started > 90_000) throw new Error('no 200 within 90 s');
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    const p = port();
    if (p) {
      try {
        const res = await fetch(`http://127.0.0.1:${p}${healthPath}`);
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - started;
      } catch {
        // Not answering yet.
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Spawns `node <args>` on core 0 and resolves once it answers 200 on
 * `healthPath`. The port is read from the process's first JSON line that
 * names one (the server's `listening` event, the baseline's `{"port"}`).
 */
export async function startPinned(args: string[], env: Record<string, string>, healthPath: string, cwd: string): Promise<Running> {
  const started = performance.now();
  const child = spawn('taskset', ['-c', '0', process.execPath, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let port: number | undefined;
  let buffered = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    if (port) return;
    buffered += chunk.toString();
    const m = /"port":(\d+)|"url":"http:\/\/[^"]*:(\d+)"/.exec(buffered);
    if (m) port = Number(m[1] ?? m[2]);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(chunk);
  });
  let startMs: number;
  try {
    startMs = await waitForHealth(() => port, child, healthPath, started);
  } catch (error) {
    throw new Error(`${args.join(' ')}: ${(error as Error).message}\n${errors}`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pid: child.pid!,
    port: port!,
    startMs,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
