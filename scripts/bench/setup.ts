/**
 * Shared set-up of the benchmarks: a temporary database seeded in bulk with
 * the real courses, an administrator (so the server is past first run) and
 * the bulk seeder's county-wide manager with a signed-in session.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/client';
import { insertUser } from '../../src/lib/server/db/users';
import { saveTotpCredential } from '../../src/lib/server/db/totp';
import { generateTotpKey } from '../../src/lib/server/auth/totp';
import { createSession } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { loadDemoCourses } from '../../src/lib/server/demo/courses';
import { seedBulk, type BulkSeedResult } from '../../src/lib/server/demo/bulk';
import type { ReportCourse } from '../../src/lib/server/reporting/records';

export interface BenchData {
  dir: string;
  file: string;
  handle: DatabaseHandle;
  seeded: BulkSeedResult;
  courses: ReportCourse[];
  /** A session cookie value for the manager. */
  managerToken: string;
  seedMs: number;
}

/** Reads `--name value` from the command line. */
export function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function seedBenchDatabase(learners: number, now = new Date()): BenchData {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-bench-'));
  const file = path.join(dir, 'app.db');
  const handle = openDatabase(file);
  const demo = loadDemoCourses();
  const started = performance.now();
  const seeded = seedBulk(handle, { learners, courses: demo.map((c) => c.structure), seed: 1, now });
  const seedMs = performance.now() - started;
  insertUser(handle.db, { email: 'admin@bench.invalid', name: 'Bench Admin', passwordHash: '!', roles: ['admin'] }, now);
  saveTotpCredential(handle.db, seeded.managerId, generateTotpKey(), now, 0);
  const managerToken = createSession(handle.db, seeded.manager, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, now).token;
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.sqlite.pragma('optimize');
  const courses = demo.map((c) => ({ id: c.structure.id, title: c.structure.title, version: c.structure.version }));
  return { dir, file, handle, seeded, courses, managerToken, seedMs };
}

/** p50, p95 and max of durations in milliseconds. */
export function summarise(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (n=${ms.length})`;
}
