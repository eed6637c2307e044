/** Data access for the mail outbox: enqueue, claim, settle, and what the queue page and health check read. */
import { and, asc, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { mailOutbox, type MailBody, type MailStatus } from './schema';

export type MailOutboxRow = typeof mailOutbox.$inferSelect;

export interface NewOutboxMessage {
  kind: string;
  recipient: string;
  userId?: number | null;
  tokenId?: string | null;
  body: MailBody;
}

/** Inserts a queued message; call it inside the transaction that makes the change the message tells about. */
export function insertOutboxMessage(db: DbClient, message: NewOutboxMessage, now: Date): number {
  const row = db
    .insert(mailOutbox)
    .values({ kind: message.kind, recipient: message.recipient, userId: message.userId ?? null, tokenId: message.tokenId ?? null, body: message.body, status: 'queued', attempts: 0, createdAt: now, nextAttemptAt: now })
    .returning({ id: mailOutbox.id })
    .get();
  return row.id;
}

/**
 * Claims one due message for sending: queued and due, or held by a sender
 * whose claim ran out (a crash mid-send). Returns undefined when none is due.
 */
export function claimNextOutboxMessage(db: DbClient, now: Date, holdMs: number): MailOutboxRow | undefined {
  return db.transaction((tx) => {
    const due = tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(or(and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, now)), and(eq(mailOutbox.status, 'sending'), lt(mailOutbox.claimedUntil, now))))
      .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
      .limit(1)
      .get();
    if (!due) return undefined;
    return tx
      .update(mailOutbox)
      .set({ status: 'sending', attempts: sql`${mailOutbox.attempts} + 1`, claimedUntil: new Date(now.getTime() + holdMs) })
      .where(eq(mailOutbox.id, due.id))
      .returning()
      .get();
  });
}

/** Marks a message delivered and clears its body. */
export function markOutboxSent(db: DbClient, id: number, now: Date): void {
  db.update(mailOutbox).set({ status: 'sent', sentAt: now, body: null, claimedUntil: null, lastError: null }).where(eq(mailOutbox.id, id)).run();
}

/** Puts a message back in the queue for a later attempt. */
export function markOutboxRetry(db: DbClient, id: number, nextAttemptAt: Date, reason: string): void {
  db.update(mailOutbox).set({ status: 'queued', nextAttemptAt, claimedUntil: null, lastError: reason }).where(eq(mailOutbox.id, id)).run();
}

/** Gives a message up; a message that carries a link loses its body (the link must not linger). */
export function markOutboxFailed(db: DbClient, id: number, reason: string, clearBody: boolean): void {
  db.update(mailOutbox)
    .set({ status: 'failed', claimedUntil: null, lastError: reason, ...(clearBody ? { body: null } : {}) })
    .where(eq(mailOutbox.id, id))
    .run();
}

export function findOutboxMessage(db: DbClient, id: number): MailOutboxRow | undefined {
  return db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).get();
}

/** What the administrators' queue page lists: never the body. */
export interface OutboxListItem {
  id: number;
  kind: string;
  recipient: string;
  status: MailStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

/** The newest messages first, optionally of some statuses. */
export function listOutboxMessages(db: DbClient, options: { statuses?: MailStatus[]; limit: number }): OutboxListItem[] {
  return db
    .select({ id: mailOutbox.id, kind: mailOutbox.kind, recipient: mailOutbox.recipient, status: mailOutbox.status, attempts: mailOutbox.attempts, createdAt: mailOutbox.createdAt, sentAt: mailOutbox.sentAt, lastError: mailOutbox.lastError })
    .from(mailOutbox)
    .where(options.statuses?.length ? inArray(mailOutbox.status, options.statuses) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(options.limit)
    .all();
}

/** When the oldest message still waiting was queued; undefined when none waits. */
export function oldestWaitingSince(db: DbClient): Date | undefined {
  const row = db
    .select({ at: sql<number | null>`min(${mailOutbox.createdAt})` })
    .from(mailOutbox)
    .where(inArray(mailOutbox.status, ['queued', 'sending']))
    .get();
  return row?.at == null ? undefined : new Date(row.at);
}

/** Every outbox row about a person (by account or address), without bodies: for the personal-data export. */
export function listOutboxForPerson(db: DbClient, userId: number, email: string | undefined): Omit<MailOutboxRow, 'body'>[] {
  const cond = email ? or(eq(mailOutbox.userId, userId), eq(mailOutbox.recipient, email)) : eq(mailOutbox.userId, userId);
  return db
    .select({ id: mailOutbox.id, kind: mailOutbox.kind, recipient: mailOutbox.recipient, userId: mailOutbox.userId, tokenId: mailOutbox.tokenId, status: mailOutbox.status, attempts: mailOutbox.attempts, createdAt: mailOutbox.createdAt, nextAttemptAt: mailOutbox.nextAttemptAt, claimedUntil: mailOutbox.claimedUntil, sentAt: mailOutbox.sentAt, lastError: mailOutbox.lastError })
    .from(mailOutbox)
    .where(cond)
    .all();
}

/** Deletes every outbox row about a person; for erasure. */
export function deleteOutboxForPerson(db: DbClient, userId: number, email: string): number {
  return db.delete(mailOutbox).where(or(eq(mailOutbox.userId, userId), eq(mailOutbox.recipient, email))).run().changes;
}

/** Deletes sent and failed messages queued before `before`; returns how many. */
export function deleteSettledOutbox(db: DbClient, before: Date): number {
  return db.delete(mailOutbox).where(and(inArray(mailOutbox.status, ['sent', 'failed']), lt(mailOutbox.createdAt, before))).run().changes;
}
