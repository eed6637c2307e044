/**
 * Starts the production server (the real `src/server/main.ts` on the test
 * build) on a free port with a temporary database.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  logs: string[];
  child: ChildProcess;
  /** Sends SIGTERM and waits for the process to exit; removes the data directory. */
  stop: () => Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-e2e-'));
  const logs: string[] = [];
  const child = fork(path.resolve('src/server/main.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      APP_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      SITE_URL: 'http://localhost:4321',
      BUILD_DIR: inject('buildDir'),
      ASTRO_KEY: inject('astroKey'),
      DATABASE_PATH: path.join(dataDir, 'app.db'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m.type === 'listening' && m.port) resolve(m.port);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://localhost:${port}`,
    port,
    dataDir,
    logs,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
