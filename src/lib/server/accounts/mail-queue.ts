/**
 * The administrators' view of the outbox: the queue (recipient, kind,
 * status, attempts; never the body or its links) and a resend. A message
 * with a one-time link is resent with a fresh link, since the old secret
 * lives only in the message and may have expired; the old link stops working.
 */
import { eq } from 'drizzle-orm';
import type { DbClient } from '../db/client';
import { findOutboxMessage, markOutboxFailed, oldestWaitingSince, type MailOutboxRow } from '../db/mail-outbox';
import { findOneTimeToken, markOneTimeTokenUsed, type OneTimeTokenRow } from '../db/tokens';
import { findNode } from '../db/org';
import { courseCompletion, mailOutbox } from '../db/schema';
import { findFollowUp, setFollowUpToken } from '../db/impact';
import { followUpMessage } from '../mail/impact-messages';
import { followUpPath } from '../impact/follow-up';
import { findUserById } from '../db/users';
import { parseSplitToken } from '../auth/tokens';
import type { MailMessage } from '../mail/mailer';
import { emailChangeMessage, invitationMessage, passwordResetMessage, registrationMessage } from '../mail/messages';
import type { MailKind } from '../mail/outbox';
import { issueOneTimeToken } from './one-time-token';
import { audit, queueMail, siteLink, type Result, type ServiceContext } from './context';

/** Messages that have waited longer than this make `/healthz` say `mail: degraded`. */
export const MAIL_DELAY_WARNING_MS = 15 * 60_000;

/** Whether mail is flowing: degraded when a message has waited over 15 minutes. */
export function checkMailHealth(db: DbClient, now: Date): 'ok' | 'degraded' {
  const since = oldestWaitingSince(db);
  return since && now.getTime() - since.getTime() > MAIL_DELAY_WARNING_MS ? 'degraded' : 'ok';
}

/** The message a link of this kind is sent in, rebuilt for a fresh token. */
function linkMessage(ctx: ServiceContext, tx: DbClient, old: OneTimeTokenRow, token: string): MailMessage | undefined {
  const payload = old.payload as { name?: string; nodeId?: number };
  switch (old.kind) {
    case 'registration':
      return registrationMessage(old.email, payload.name ?? '', siteLink(ctx.config, `/rekisteroidy/vahvista/${token}`), ctx.config.orgName);
    case 'invitation':
      return invitationMessage(old.email, payload.name ?? '', siteLink(ctx.config, `/kutsu/${token}`), ctx.config.orgName, payload.nodeId ? (findNode(tx, payload.nodeId)?.name ?? '') : '');
    case 'password_reset':
      return passwordResetMessage(old.email, siteLink(ctx.config, `/salasana/uusi/${token}`), ctx.config.orgName);
    case 'email_change': {
      const user = old.userId ? findUserById(tx, old.userId) : undefined;
      return user ? emailChangeMessage(old.email, user.name, siteLink(ctx.config, `/sahkoposti/vahvista/${token}`), ctx.config.orgName) : undefined;
    }
    case 'follow_up': {
      const followUpId = Number((old.payload as { followUpId?: number }).followUpId);
      const row = findFollowUp(tx, followUpId);
      const user = old.userId ? findUserById(tx, old.userId) : undefined;
      if (!row || row.answeredAt || !user || user.erasedAt) return undefined;
      setFollowUpToken(tx, row.id, parseSplitToken(token)!.id);
      const completion = row.completionId ? tx.select({ snapshot: courseCompletion.snapshot }).from(courseCompletion).where(eq(courseCompletion.id, row.completionId)).get() : undefined;
      return followUpMessage({ to: old.email, name: user.name, courseTitle: completion?.snapshot.title || row.courseId, url: siteLink(ctx.config, followUpPath(token)), orgName: ctx.config.orgName, reminder: false });
    }
    default:
      return undefined;
  }
}

export type ResendError = 'not_found' | 'gone';

/**
 * Queues a message again. With a link: a fresh token with the same contents,
 * the old one invalidated, and a still-queued copy withdrawn. Without: the
 * same text, while it is still stored (it is cleared once sent).
 */
export function resendMail(ctx: ServiceContext, actorId: number, id: number): Result<{ freshLink: boolean }, ResendError> {
  return ctx.db.transaction((tx) => {
    const row: MailOutboxRow | undefined = findOutboxMessage(tx, id);
    if (!row) return { ok: false as const, error: 'not_found' as const };
    const meta = { kind: row.kind as MailKind, userId: row.userId };
    let freshLink = false;
    if (row.tokenId) {
      const old = findOneTimeToken(tx, row.tokenId);
      if (!old) return { ok: false as const, error: 'gone' as const };
      const token = issueOneTimeToken(tx, old.kind, { email: old.email, userId: old.userId, payload: old.payload, createdBy: old.createdBy }, ctx.now);
      const message = linkMessage(ctx, tx, old, token);
      if (!message) return { ok: false as const, error: 'gone' as const };
      markOneTimeTokenUsed(tx, old.id, ctx.now);
      if (row.status === 'queued') markOutboxFailed(tx, row.id, 'korvattu uudella', true);
      queueMail(ctx, tx, message, { ...meta, tokenId: parseSplitToken(token)!.id });
      freshLink = true;
    } else {
      if (!row.body) return { ok: false as const, error: 'gone' as const };
      if (row.status === 'queued') tx.update(mailOutbox).set({ nextAttemptAt: ctx.now }).where(eq(mailOutbox.id, row.id)).run();
      else queueMail(ctx, tx, { to: row.recipient, ...row.body }, meta);
    }
    audit(ctx, { actorId, action: 'mail.resent', targetType: 'mail', targetId: row.id, details: { kind: row.kind, freshLink } }, tx);
    return { ok: true as const, freshLink };
  });
}
