/** Data access for rate-limit counters (fixed windows, one row per limiter and subject). */
import { lt, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { rateLimit } from './schema';

/**
 * Counts one hit in the window that contains `now` (a new window starts when
 * the old one has passed) and returns the window's start and count.
 */
export function incrementRateLimit(db: DbClient, key: string, now: Date, windowMs: number): { windowStart: number; count: number } {
  const nowMs = now.getTime();
  const cutoff = nowMs - windowMs;
  return db.get<{ windowStart: number; count: number }>(sql`
    INSERT INTO rate_limit (key, window_start, count) VALUES (${key}, ${nowMs}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN window_start <= ${cutoff} THEN 1 ELSE count + 1 END,
      window_start = CASE WHEN window_start <= ${cutoff} THEN ${nowMs} ELSE window_start END
    RETURNING window_start AS windowStart, count`);
}

/** The current window's count without counting a hit. */
export function readRateLimit(db: DbClient, key: string, now: Date, windowMs: number): { windowStart: number; count: number } | undefined {
  const row = db.get<{ windowStart: number; count: number } | undefined>(sql`SELECT window_start AS windowStart, count FROM rate_limit WHERE key = ${key}`);
  if (!row || row.windowStart <= now.getTime() - windowMs) return undefined;
  return row;
}

export function clearRateLimit(db: DbClient, key: string): void {
  db.run(sql`DELETE FROM rate_limit WHERE key = ${key}`);
}

/** Deletes counters whose window started before `before`. */
export function deleteOldRateLimits(db: DbClient, before: Date): number {
  return db.delete(rateLimit).where(lt(rateLimit.windowStart, before)).run().changes;
}
