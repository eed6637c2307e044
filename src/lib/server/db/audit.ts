/**
 * Data access for the audit log. Entries are appended, never updated (except
 * an export's completion mark, see `updateAuditDetails`); they
 * carry ids, not names or emails, so erasing a person leaves the log intact.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { prepareOnce } from './prepared';
import type { DbClient } from './client';
import { auditLog } from './schema';

export interface AuditEvent {
  actorId: number | null;
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

export type AuditEntry = typeof auditLog.$inferSelect;

/** Appends one entry and returns its id. */
export function appendAuditEvent(db: DbClient, event: AuditEvent, now: Date = new Date()): number {
  // Pages such as a manager's view of a person append on every request: prepared once per connection.
  const insert = prepareOnce(db, 'audit.append', (d) =>
    d
      .insert(auditLog)
      .values({
        // Raw placeholders where the column maps its value: the caller passes what SQLite stores (a JSON null is SQL NULL).
        at: sql`${sql.placeholder('at')}`,
        actorId: sql.placeholder('actorId'),
        action: sql.placeholder('action'),
        targetType: sql.placeholder('targetType'),
        targetId: sql.placeholder('targetId'),
        ip: sql.placeholder('ip'),
        details: sql`${sql.placeholder('details')}`,
      })
      .returning({ id: auditLog.id })
      .prepare(),
  );
  const row = insert.get({
    at: now.getTime(),
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId == null ? null : String(event.targetId),
    ip: event.ip ?? null,
    details: event.details == null ? null : JSON.stringify(event.details),
  });
  return row!.id;
}

export interface AuditFilter {
  actorId?: number;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  until?: Date;
  /** Page through older entries: return entries with an id below this. */
  beforeId?: number;
  limit?: number;
}

/** Lists entries newest first, filtered; `limit` is clamped to 1..200. */
export function listAuditEvents(db: DbClient, filter: AuditFilter = {}): AuditEntry[] {
  const conditions: SQL[] = [];
  if (filter.actorId !== undefined) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.targetType) conditions.push(eq(auditLog.targetType, filter.targetType));
  if (filter.targetId) conditions.push(eq(auditLog.targetId, filter.targetId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.until) conditions.push(lt(auditLog.at, filter.until));
  if (filter.beforeId !== undefined) conditions.push(lt(auditLog.id, filter.beforeId));
  const limit = Math.min(200, Math.max(1, filter.limit ?? 50));
  return db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}

/**
 * Replaces an entry's details. The one change the log allows: an export is
 * entered when it starts (so a cut-off download is still on record) and its
 * row count and completeness are filled in when it ends.
 */
export function updateAuditDetails(db: DbClient, id: number, details: Record<string, unknown>): void {
  db.update(auditLog).set({ details }).where(eq(auditLog.id, id)).run();
}
