/**
 * Outgoing mail with nodemailer. With `SMTP_URL` it goes to that server;
 * without, every message is written to `data/outbox/*.eml` so every flow works
 * on a laptop, and outside production its links are also logged.
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
}

export type MailConfig = Pick<AppConfig, 'smtpUrl' | 'mailFrom' | 'outboxDir' | 'isProduction'>;

type Transport = ReturnType<typeof nodemailer.createTransport>;
const TRANSPORT = Symbol.for('tyokykyakatemia.smtp');
type TransportHolder = { [TRANSPORT]?: { url: string; transport: Transport } };

function smtpTransport(url: string): Transport {
  const holder = globalThis as TransportHolder;
  if (holder[TRANSPORT]?.url !== url) holder[TRANSPORT] = { url, transport: nodemailer.createTransport(url) };
  return holder[TRANSPORT]!.transport;
}

/** Path of an outbox file; the name sorts by time. */
function outboxFile(dir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return path.join(dir, `${stamp}-${crypto.randomUUID().slice(0, 8)}.eml`);
}

/**
 * Sends (or writes) one message. Never throws: a mail failure must not undo
 * what the user did; it is logged and reported as false.
 */
export async function sendMail(config: MailConfig, message: MailMessage, now: Date = new Date(), log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<boolean> {
  const envelope = { from: config.mailFrom, to: message.to, subject: message.subject, text: message.text, html: message.html };
  try {
    if (config.smtpUrl) {
      await smtpTransport(config.smtpUrl).sendMail(envelope);
      return true;
    }
    const info = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(envelope);
    fs.mkdirSync(config.outboxDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(outboxFile(config.outboxDir, now), info.message as Buffer, { mode: 0o600 });
    if (!config.isProduction && message.links?.length) {
      log(JSON.stringify({ t: now.toISOString(), type: 'event', event: 'mail_outbox', subject: message.subject, links: message.links }));
    }
    return true;
  } catch (error) {
    log(JSON.stringify({ t: now.toISOString(), type: 'event', event: 'mail_failed', error: error instanceof Error ? error.message : String(error) }));
    return false;
  }
}
