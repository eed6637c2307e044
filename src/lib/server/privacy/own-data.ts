/** "Lataa omat tietoni" as a handler: the person's own data, and the audit entry that it was taken. */
import type { RequestContext } from '../context';
import type { SessionUser } from '../auth/types';
import { appendAuditEvent } from '../db/audit';
import { rawClient, type DatabaseHandle } from '../db/client';
import { exportPersonalData } from './export';
import { deleteOwnAccount } from './erase';

/** Everything held about `user`, written to the audit log as `user.data_exported`. */
export function downloadOwnData(ctx: RequestContext, user: SessionUser): Record<string, unknown> {
  const data = exportPersonalData(ctx.db, user.id, ctx.now);
  appendAuditEvent(ctx.db, { actorId: user.id, action: 'user.data_exported', targetType: 'user', targetId: user.id }, ctx.now);
  return data;
}

/**
 * "Poista tilini": the person deletes their own account with their password
 * (anonymised in one transaction, then the WAL is checkpointed and their
 * outbox mail removed, as `eraseAccount` does).
 */
export function deleteOwnAccountFor(ctx: RequestContext, user: SessionUser, password: string) {
  const handle: DatabaseHandle = { db: ctx.db, sqlite: rawClient(ctx.db), path: ctx.config.databasePath };
  return deleteOwnAccount(handle, { userId: user.id, password, outboxDir: ctx.config.outboxDir, now: ctx.now });
}
