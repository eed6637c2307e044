/**
 * The durable outbox: flows put a message in the `mail_outbox` table inside
 * the transaction that makes the change it tells about, and never wait for
 * SMTP. The background sender (`sender.ts`) delivers it.
 */
import type { DbClient } from '../db/client';
import { insertOutboxMessage } from '../db/mail-outbox';
import type { MailMessage } from './mailer';

/** What a message is about; the queue page names it in Finnish. */
export const MAIL_KINDS = {
  registration: 'Rekisteröitymisen vahvistus',
  already_registered: 'Tili on jo olemassa',
  invitation: 'Kutsu',
  password_reset: 'Salasanan vaihtolinkki',
  password_reset_no_account: 'Salasanan vaihtopyyntö (ei tiliä)',
  password_changed: 'Salasana vaihdettu',
  email_change: 'Uuden osoitteen vahvistus',
  email_changed: 'Osoite vaihdettu',
  second_factor_changed: 'Kaksivaiheinen tunnistus muuttui',
  inactivity_warning: 'Varoitus passiivisesta tilistä',
  assignment_notice: 'Määrätyn kurssin muistutus',
  live_invitation: 'Koulutustilaisuuden kalenterikutsu',
  live_waiting: 'Koulutustilaisuuden jonopaikka',
  live_cancelled: 'Koulutustilaisuuden peruutus',
  live_reminder: 'Koulutustilaisuuden muistutus',
  follow_up: 'Seurantakysely',
  follow_up_reminder: 'Seurantakyselyn muistutus',
} as const;
export type MailKind = keyof typeof MAIL_KINDS;

export interface EnqueueMeta {
  kind: MailKind;
  /** The account the message is about, when there is one. */
  userId?: number | null;
  /** The one-time link the message carries, so a resend can issue a fresh one. */
  tokenId?: string | null;
}

const WAKE = Symbol.for('tyokykyakatemia.mail-wake');
type WakeHolder = { [WAKE]?: () => void };

/** The running sender registers here to hear about new messages at once rather than at its next poll. */
export function onMailQueued(wake: (() => void) | undefined): void {
  (globalThis as WakeHolder)[WAKE] = wake;
}

/**
 * Queues a message. Call it with the transaction of the change; the sender is
 * woken after the current synchronous work (so after the commit).
 */
export function enqueueMail(db: DbClient, message: MailMessage, meta: EnqueueMeta, now: Date): number {
  const id = insertOutboxMessage(db, { kind: meta.kind, recipient: message.to, userId: meta.userId, tokenId: meta.tokenId, body: { subject: message.subject, text: message.text, html: message.html, links: message.links ?? [], ...(message.calendar ? { calendar: message.calendar } : {}) } }, now);
  const wake = (globalThis as WakeHolder)[WAKE];
  if (wake) setImmediate(wake);
  return id;
}
