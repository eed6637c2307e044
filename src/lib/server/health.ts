/**
 * What `/healthz` reports. The database is healthy when a committed write
 * reaches the disk and there is room for the next ones; mail is degraded (but
 * the service up) when messages wait too long.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { getDatabase, type DatabaseHandle } from './db/client';
import { pagesLeft, writeHealthProbe } from './db/health-probe';
import { checkMailHealth } from './accounts/mail-queue';

export interface Health {
  status: 'ok' | 'error';
  database: 'ok' | 'error';
  /** Degraded when a message has waited in the outbox over 15 minutes; the service still answers 200. */
  mail?: 'ok' | 'degraded';
}

/** A load balancer polling every second costs one write per this interval. */
export const PROBE_INTERVAL_MS = 10_000;
/** Below this many pages (about 256 kB) a form post may not fit: report it before users meet it. */
export const MIN_PAGES_LEFT = 64;
/** Below this much free space on the database's file system, writes are about to fail. */
export const MIN_FREE_BYTES = 1024 * 1024;

const lastProbe = new WeakMap<Database.Database, number>();

function hasFreeSpace(file: string): boolean {
  if (file === ':memory:' || file === '') return true;
  const stats = fs.statfsSync(path.dirname(path.resolve(file)));
  return stats.bavail * stats.bsize >= MIN_FREE_BYTES;
}

/**
 * True when a write reaches the disk: the probe row is rewritten (at most
 * once per PROBE_INTERVAL_MS after a success; after a failure, every time),
 * and the database and its file system have room left.
 */
export function probeDatabaseWrite(handle: DatabaseHandle, now: Date): boolean {
  try {
    const last = lastProbe.get(handle.sqlite);
    if (last === undefined || now.getTime() - last >= PROBE_INTERVAL_MS || now.getTime() < last) {
      lastProbe.delete(handle.sqlite);
      writeHealthProbe(handle.sqlite, now);
      lastProbe.set(handle.sqlite, now.getTime());
    }
    return pagesLeft(handle.sqlite) >= MIN_PAGES_LEFT && hasFreeSpace(handle.path);
  } catch {
    return false;
  }
}

/** Writes the probe and looks at the mail queue; never throws, never reveals the error. */
export function checkDatabaseHealth(now: Date = new Date(), handle?: DatabaseHandle): Health {
  try {
    const db = handle ?? getDatabase();
    if (!probeDatabaseWrite(db, now)) return { status: 'error', database: 'error' };
    return { status: 'ok', database: 'ok', mail: checkMailHealth(db.db, now) };
  } catch {
    return { status: 'error', database: 'error' };
  }
}
