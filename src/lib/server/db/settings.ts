/** Data access for run-time settings that admins change (key/value JSON). */
import { eq } from 'drizzle-orm';
import type { DbClient } from './client';
import { appSetting } from './schema';

export function readSetting<T>(db: DbClient, key: string): T | undefined {
  const row = db.select().from(appSetting).where(eq(appSetting.key, key)).get();
  return row ? (row.value as T) : undefined;
}

export function writeSetting(db: DbClient, key: string, value: unknown, now: Date): void {
  db.insert(appSetting)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: appSetting.key, set: { value, updatedAt: now } })
    .run();
}

export function deleteSetting(db: DbClient, key: string): void {
  db.delete(appSetting).where(eq(appSetting.key, key)).run();
}
