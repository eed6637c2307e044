/**
 * Kills a writer with SIGKILL at random moments and checks that every write
 * it acknowledged survived and the file is intact (synchronous=FULL + WAL).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/test-db';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);

// A small seeded generator: the kill moments vary, but a failing run can be replayed.
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function runAndKill(dbFile: string, afterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/crash-writer.ts'), dbFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), afterMs);
        else if (/^\d+$/.test(line)) acked.push(Number(line));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended with ${code}: ${stderr}`));
      else resolve(acked);
    });
  });
}

describe('crash safety', () => {
  const dir = makeTempDir('tka-crash-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`loses no acknowledged write over ${ROUNDS} SIGKILLs`, async () => {
    const dbFile = path.join(dir, 'app.db');
    const random = seededRandom(Number(process.env.CRASH_SEED ?? 20261123));
    const allAcked: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const acked = await runAndKill(dbFile, 20 + Math.floor(random() * 300));
      allAcked.push(...acked);
      const db = new Database(dbFile);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const present = new Set((db.prepare("SELECT id FROM audit_log WHERE action = 'crash.write'").all() as { id: number }[]).map((r) => r.id));
      db.close();
      const missing = allAcked.filter((id) => !present.has(id));
      expect(missing).toEqual([]);
    }
    expect(allAcked.length).toBeGreaterThan(ROUNDS);
  });
});
