/**
 * Brute-force protection: fixed-window counters in SQLite (a restart does not
 * reset them), one per limiter and subject (account or IP address).
 */
import type { DbClient } from '../db/client';
import { clearRateLimit, incrementRateLimit, readRateLimit } from '../db/rate-limits';
import type { RateLimitName, RateLimitRules } from './rate-limit-rules';

export interface RateLimitResult {
  allowed: boolean;
  /** Milliseconds until the window ends (0 when allowed). */
  retryAfterMs: number;
}

function keyFor(name: RateLimitName, subject: string): string {
  return `${name}:${subject.toLowerCase()}`;
}

/** Counts one attempt and says whether it is within the limit. */
export function consumeRateLimit(db: DbClient, rules: RateLimitRules, name: RateLimitName, subject: string, now: Date): RateLimitResult {
  const rule = rules[name];
  const { windowStart, count } = incrementRateLimit(db, keyFor(name, subject), now, rule.windowMs);
  if (count <= rule.max) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(1000, windowStart + rule.windowMs - now.getTime()) };
}

/** Says whether the limit is already reached, without counting an attempt. */
export function peekRateLimit(db: DbClient, rules: RateLimitRules, name: RateLimitName, subject: string, now: Date): RateLimitResult {
  const rule = rules[name];
  const row = readRateLimit(db, keyFor(name, subject), now, rule.windowMs);
  if (!row || row.count < rule.max) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(1000, row.windowStart + rule.windowMs - now.getTime()) };
}

/** Clears a counter (e.g. failed logins after a successful one). */
export function resetRateLimit(db: DbClient, name: RateLimitName, subject: string): void {
  clearRateLimit(db, keyFor(name, subject));
}

/** Whole minutes to wait, at least one, for the Finnish message. */
export function retryAfterMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
