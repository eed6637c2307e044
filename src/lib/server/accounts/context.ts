/**
 * What every account flow needs: the database, the configuration, the time,
 * the client's address and a way to send mail. Pages build it from the
 * request; tests build it with a fixed clock. Mail is queued in the
 * outbox (`enqueue`) inside the flow's own transaction; no flow waits for SMTP.
 */
import type { AppConfig } from '../config';
import type { Db, DbClient } from '../db/client';
import type { MailMessage } from '../mail/mailer';
import { enqueueMail, type EnqueueMeta } from '../mail/outbox';
import { appendAuditEvent, type AuditEvent } from '../db/audit';

export interface ServiceContext {
  db: Db;
  config: AppConfig;
  now: Date;
  /** The client's address (for per-IP limits and the audit log). */
  ip: string;
}

/** A context for a request or a script. */
export function createServiceContext(db: Db, config: AppConfig, ip: string, now: Date = new Date()): ServiceContext {
  return { db, config, now, ip };
}

/** Queues a message in the outbox; pass the transaction of the change the message tells about. */
export function queueMail(ctx: ServiceContext, tx: DbClient, message: MailMessage, meta: EnqueueMeta): void {
  enqueueMail(tx, message, meta, ctx.now);
}

/** Appends to the audit log with the context's time and address (inside `tx` when given). */
export function audit(ctx: ServiceContext, event: Omit<AuditEvent, 'ip'>, tx: DbClient = ctx.db): void {
  appendAuditEvent(tx, { ...event, ip: ctx.ip }, ctx.now);
}

/** Expected failures of a flow: a code the page maps to a Finnish message, and the field it concerns. */
export type Failure<E extends string> = { ok: false; error: E; field?: string; retryAfterMs?: number };
export type Result<T, E extends string> = ({ ok: true } & T) | Failure<E>;

/** An absolute link on the public site (emails, certificates). */
export function siteLink(config: Pick<AppConfig, 'siteUrl'>, pathname: string): string {
  return `${config.siteUrl}${pathname}`;
}
