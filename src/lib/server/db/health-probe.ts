/** The health check's own row and the database's room to grow. */
import type Database from 'better-sqlite3';

/**
 * Rewrites the one `health_probe` row in its own committed transaction
 * (with `synchronous=FULL`, committed means on the disk).
 * @throws the SQLite error when the write cannot be stored.
 */
export function writeHealthProbe(sqlite: Database.Database, now: Date): void {
  sqlite.prepare('INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at').run(now.getTime());
}

/**
 * Pages the database may still add: up to its page limit, plus free pages it
 * can reuse. A rewrite of an existing row needs none, so this is what shows a
 * database that has reached its limit.
 */
export function pagesLeft(sqlite: Database.Database): number {
  const max = sqlite.pragma('max_page_count', { simple: true }) as number;
  const count = sqlite.pragma('page_count', { simple: true }) as number;
  const free = sqlite.pragma('freelist_count', { simple: true }) as number;
  return max - count + free;
}
