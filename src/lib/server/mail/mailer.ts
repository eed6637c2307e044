/**
 * Delivery of one message with nodemailer: with `SMTP_URL` to that server;
 * without, to `data/outbox/*.eml` so every flow works on a laptop, and outside
 * production its links are also logged. Only the background sender calls
 * this; requests put messages in the outbox table instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Links in the message, logged outside production when there is no SMTP server. */
  links?: string[];
  /** A calendar invitation or cancellation (iMIP), sent as a `text/calendar; method=…` part. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export type MailConfig = Pick<AppConfig, 'smtpUrl' | 'mailFrom' | 'outboxDir' | 'isProduction'>;

/** The outcome of one attempt: a permanent failure (SMTP 5xx) is not retried. */
export type Delivery = { ok: true } | { ok: false; permanent: boolean; reason: string };

export interface DeliveryOptions {
  /** How long to wait for the SMTP server at each step before giving the attempt up. */
  smtpTimeoutMs?: number;
  /** Writes an outbox file; tests stand in for the disk here. */
  writeFile?: (file: string, data: Buffer) => void;
  log?: (line: string) => void;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;
const TRANSPORT = Symbol.for('tyokykyakatemia.smtp');
type TransportHolder = { [TRANSPORT]?: { key: string; transport: Transport } };

function smtpTransport(url: string, timeoutMs: number): Transport {
  const holder = globalThis as TransportHolder;
  const key = `${url} ${timeoutMs}`;
  if (holder[TRANSPORT]?.key !== key) {
    holder[TRANSPORT] = { key, transport: nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, dnsTimeout: timeoutMs }) };
  }
  return holder[TRANSPORT]!.transport;
}

/** Path of an outbox file; the name sorts by time. */
function outboxFile(dir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return path.join(dir, `${stamp}-${crypto.randomUUID().slice(0, 8)}.eml`);
}

/** A short, safe reason for the queue page: the SMTP code or the error's name, never the message text. */
export function describeMailError(error: unknown): { permanent: boolean; reason: string } {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e?.responseCode === 'number') return { permanent: e.responseCode >= 500 && e.responseCode < 600, reason: `SMTP ${e.responseCode}` };
  if (typeof e?.code === 'string' && /^[A-Z_]+$/.test(e.code)) return { permanent: false, reason: e.code };
  return { permanent: false, reason: 'virhe' };
}

/** Writes the file whole or not at all: a temporary name, renamed when complete. */
function writeOutboxFile(file: string, data: Buffer, write: (file: string, data: Buffer) => void): void {
  const partial = `${file}.part`;
  try {
    write(partial, data);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** Delivers one message now. Never throws; says whether to try again. */
export async function deliverMail(config: MailConfig, message: MailMessage, now: Date = new Date(), options: DeliveryOptions = {}): Promise<Delivery> {
  const envelope = {
    from: config.mailFrom,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    ...(message.calendar ? { icalEvent: { method: message.calendar.method, filename: 'kutsu.ics', content: message.calendar.content } } : {}),
  };
  const log = options.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  try {
    if (config.smtpUrl) {
      await smtpTransport(config.smtpUrl, options.smtpTimeoutMs ?? 30_000).sendMail(envelope);
      return { ok: true };
    }
    const info = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(envelope);
    fs.mkdirSync(config.outboxDir, { recursive: true, mode: 0o700 });
    const write = options.writeFile ?? ((file: string, data: Buffer) => fs.writeFileSync(file, data, { mode: 0o600, flush: true }));
    writeOutboxFile(outboxFile(config.outboxDir, now), info.message as Buffer, write);
    if (!config.isProduction && message.links?.length) {
      log(JSON.stringify({ t: now.toISOString(), type: 'event', event: 'mail_outbox', subject: message.subject, links: message.links }));
    }
    return { ok: true };
  } catch (error) {
    const { permanent, reason } = describeMailError(error);
    log(JSON.stringify({ t: now.toISOString(), type: 'event', event: 'mail_failed', reason }));
    return { ok: false, permanent, reason };
  }
}
