/**
 * The background sender: claims due messages from the outbox one at a time,
 * delivers them, and settles each: sent (body cleared), retried later with
 * backoff, or failed (after an SMTP 5xx, or a day of trying). Runs in the
 * server process like the scheduler; a crash mid-send leaves a claim that
 * runs out, so the message is tried again.
 */
import type { Db } from '../db/client';
import { claimNextOutboxMessage, markOutboxFailed, markOutboxRetry, markOutboxSent, type MailOutboxRow } from '../db/mail-outbox';
import { deliverMail, type DeliveryOptions, type MailConfig } from './mailer';
import { onMailQueued } from './outbox';

/** A message is given up this long after it was queued. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 3_600_000;

/** The wait before attempt `attempts + 1`: one minute, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

export interface SenderOptions extends DeliveryOptions {
  clock?: () => Date;
  /** How often the queue is looked at when nothing wakes the sender. */
  pollMs?: number;
  /** How long a claim holds before another run may take the message over. */
  holdMs?: number;
}

export interface MailSender {
  start(): void;
  /** Delivers every message due now; resolves with how many were settled as sent or failed. */
  runOnce(): Promise<{ sent: number; retried: number; failed: number }>;
  stop(): Promise<void>;
}

async function settle(db: Db, config: MailConfig, row: MailOutboxRow, now: Date, options: SenderOptions): Promise<'sent' | 'retried' | 'failed'> {
  const carriesLink = row.tokenId !== null;
  if (!row.body) {
    markOutboxFailed(db, row.id, 'ei sisältöä', false);
    return 'failed';
  }
  const result = await deliverMail(config, { to: row.recipient, ...row.body }, now, options);
  const after = options.clock?.() ?? new Date();
  if (result.ok) {
    markOutboxSent(db, row.id, after);
    return 'sent';
  }
  if (result.permanent || after.getTime() - row.createdAt.getTime() >= GIVE_UP_AFTER_MS) {
    markOutboxFailed(db, row.id, result.reason, carriesLink);
    return 'failed';
  }
  markOutboxRetry(db, row.id, new Date(after.getTime() + retryDelayMs(row.attempts)), result.reason);
  return 'retried';
}

/** Creates the sender for this process; `start` registers it to be woken by new messages. */
export function createMailSender(db: Db, config: MailConfig, options: SenderOptions = {}): MailSender {
  const clock = options.clock ?? (() => new Date());
  const holdMs = options.holdMs ?? Math.max(5 * 60_000, (options.smtpTimeoutMs ?? 30_000) * 4);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ sent: number; retried: number; failed: number }> | undefined;
  let again = false;
  let stopped = false;

  const drain = async () => {
    const counts = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      if (stopped) return counts;
      const row = claimNextOutboxMessage(db, clock(), holdMs);
      if (!row) return counts;
      counts[await settle(db, config, row, clock(), options)] += 1;
    }
  };

  const runOnce = (): Promise<{ sent: number; retried: number; failed: number }> => {
    if (running) {
      // A run is under way: it will look at the queue once more when it ends.
      again = true;
      return running;
    }
    running = drain().finally(() => {
      running = undefined;
      if (again && !stopped) {
        again = false;
        void runOnce();
      }
    });
    return running;
  };

  const safeRun = () => {
    runOnce().catch((error: unknown) => (options.log ?? ((l: string) => process.stdout.write(`${l}\n`)))(JSON.stringify({ type: 'event', event: 'mail_sender_failed', error: error instanceof Error ? error.name : 'error' })));
  };

  return {
    start() {
      onMailQueued(safeRun);
      safeRun();
      timer = setInterval(safeRun, options.pollMs ?? 10_000);
      timer.unref();
    },
    runOnce,
    async stop() {
      stopped = true;
      onMailQueued(undefined);
      if (timer) clearInterval(timer);
      // A hanging server must not hold up shutdown; an unfinished claim runs out and is retried after the restart.
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    },
  };
}
