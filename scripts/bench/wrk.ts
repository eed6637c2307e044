/**
 * The load generator of `npm run bench`: Debian's `wrk`, pinned to the
 * second core, with a Lua script that rotates session cookies and reports
 * its figures as one JSON line.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
}

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  /** Cookie values (`session=…`), used in turn. */
  cookies?: string[];
  /** Form bodies, used in turn with the cookies (POST). */
  bodies?: string[];
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

/** Installs wrk from Debian when it is missing (needs root). */
export function ensureWrk(): void {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk --version exits 1 after printing; only a missing binary throws ENOENT.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    console.log('wrk is missing: installing it with apt-get');
    execFileSync('apt-get', ['install', '-y', 'wrk'], { stdio: 'inherit' });
  }
}

const luaString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function writeScript(dir: string, spec: LoadSpec): string {
  const cookies = spec.cookies ?? [];
  const bodies = spec.bodies ?? [];
  const headers = { 'Accept-Encoding': 'br, gzip', ...spec.headers };
  const lua = `
local cookies = {${cookies.map(luaString).join(',')}}
local bodies = {${bodies.map(luaString).join(',')}}
local n = math.random(0, 1000000)
wrk.method = "${spec.method ?? 'GET'}"
${Object.entries(headers).map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`).join('\n')}
request = function()
  n = n + 1
  if #cookies > 0 then wrk.headers["Cookie"] = cookies[(n % #cookies) + 1] end
  local body = nil
  if #bodies > 0 then body = bodies[(math.floor(n / math.max(1, #cookies)) % #bodies) + 1] end
  return wrk.format(nil, nil, nil, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"us":%d,"p50":%d,"p99":%d,"max":%d,"errors":%d,"non2xx":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
`;
  const file = path.join(dir, `load-${process.pid}-${Math.random().toString(36).slice(2)}.lua`);
  fs.writeFileSync(file, lua);
  return file;
}

/** Runs wrk on core 1 and resolves with its figures. */
export function runLoad(dir: string, spec: LoadSpec): Promise<LoadResult> {
  const script = writeScript(dir, spec);
  const args = ['-c', '1', 'wrk', '-t1', `-c${spec.connections}`, `-d${spec.seconds}s`, '--timeout', '10s', '-s', script, spec.url];
  return new Promise((resolve, reject) => {
    execFile('taskset', args, { maxBuffer: 1 << 20 }, (error, stdout) => {
      fs.rmSync(script, { force: true });
      if (error) return reject(error);
      const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
      if (!line) return reject(new Error(`wrk printed no summary:\n${stdout}`));
      const r = JSON.parse(line) as { requests: number; us: number; p50: number; p99: number; max: number; errors: number; non2xx: number };
      resolve({ requests: r.requests, perSecond: r.requests / (r.us / 1e6), p50Ms: r.p50 / 1000, p99Ms: r.p99 / 1000, maxMs: r.max / 1000, errors: r.errors, non2xx: r.non2xx });
    });
  });
}
