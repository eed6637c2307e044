/**
 * Online backups with SQLite's backup API: a consistent copy while the server
 * keeps writing. Names carry a UTC timestamp so they sort by age; the oldest
 * beyond the configured count are removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { helsinkiDateKey } from '../format';

const PREFIX = 'app-';
const SUFFIX = '.db';

/** File name for a backup taken at `now`: `app-20261123T191500Z.db`. */
export function backupFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${PREFIX}${stamp}${SUFFIX}`;
}

/** Backups in `dir`, oldest first. */
export function listBackups(dir: string): { file: string; takenAt: Date }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => {
      const m = /^app-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db$/.exec(name);
      if (!m) return undefined;
      const [, y, mo, d, h, mi, s] = m;
      return { file: path.join(dir, name), takenAt: new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`) };
    })
    .filter((b): b is { file: string; takenAt: Date } => b !== undefined)
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
}

/**
 * Writes a consistent copy of the open database into `dir` and returns its path.
 * The copy is written under a temporary name and renamed, so a crash never
 * leaves a half-written file that looks like a backup.
 */
export async function createBackup(sqlite: Database.Database, dir: string, now: Date = new Date()): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, backupFileName(now));
  const partial = `${target}.partial`;
  await sqlite.backup(partial);
  fs.renameSync(partial, target);
  return target;
}

/** Removes the oldest backups so that at most `keep` remain; returns the removed paths. */
export function pruneBackups(dir: string, keep: number): string[] {
  const backups = listBackups(dir);
  const excess = backups.slice(0, Math.max(0, backups.length - keep));
  for (const b of excess) fs.rmSync(b.file, { force: true });
  return excess.map((b) => b.file);
}

/** True when no backup has been taken on `now`'s Helsinki calendar day. */
export function isDailyBackupDue(dir: string, now: Date): boolean {
  const today = helsinkiDateKey(now);
  return !listBackups(dir).some((b) => helsinkiDateKey(b.takenAt) === today);
}
