/**
 * What every account flow needs: the database, the configuration, the time,
 * the client's address and a way to send mail. Pages build it from the
 * request; tests build it with a fixed clock and a mail recorder.
 */
import type { AppConfig } from '../config';
import type { Db } from '../db/client';
import { sendMail, type MailMessage } from '../mail/mailer';
import { appendAuditEvent, type AuditEvent } from '../db/audit';

export interface ServiceContext {
  db: Db;
  config: AppConfig;
  now: Date;
  /** The client's address (for per-IP limits and the audit log). */
  ip: string;
  sendMail: (message: MailMessage) => Promise<boolean>;
}

/** A context with the real mailer. */
export function createServiceContext(db: Db, config: AppConfig, ip: string, now: Date = new Date()): ServiceContext {
  return { db, config, now, ip, sendMail: (m) => sendMail(config, m, now) };
}

/** Appends to the audit log with the context's time and address. */
export function audit(ctx: ServiceContext, event: Omit<AuditEvent, 'ip'>): void {
  appendAuditEvent(ctx.db, { ...event, ip: ctx.ip }, ctx.now);
}

/** Expected failures of a flow: a code the page maps to a Finnish message, and the field it concerns. */
export type Failure<E extends string> = { ok: false; error: E; field?: string; retryAfterMs?: number };
export type Result<T, E extends string> = ({ ok: true } & T) | Failure<E>;

/** An absolute link on the public site (emails, certificates). */
export function siteLink(config: Pick<AppConfig, 'siteUrl'>, pathname: string): string {
  return `${config.siteUrl}${pathname}`;
}
