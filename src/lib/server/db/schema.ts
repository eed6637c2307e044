/**
 * The Drizzle schema: every table of the platform, in one place.
 * TypeScript keys are camelCase, SQL names snake_case; times are unix
 * milliseconds in integer columns (`mode: 'timestamp_ms'`).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Append-only log of security-relevant actions; holds ids, never names or emails. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: integer('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('idx_audit_log_at').on(t.at), index('idx_audit_log_actor').on(t.actorId), index('idx_audit_log_action').on(t.action)],
);

/** Small key/value settings that admins change at run time (e.g. registration on/off). */
export const appSetting = sqliteTable('app_setting', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});
