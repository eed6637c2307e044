import { getDatabase } from './db/client';
import { checkMailHealth } from './accounts/mail-queue';

export interface Health {
  status: 'ok' | 'error';
  database: 'ok' | 'error';
  /** Degraded when a message has waited in the outbox over 15 minutes; the service still answers 200. */
  mail?: 'ok' | 'degraded';
}

/** Runs a trivial query and looks at the mail queue; never throws, never reveals the error. */
export function checkDatabaseHealth(now: Date = new Date()): Health {
  try {
    const handle = getDatabase();
    handle.sqlite.prepare('SELECT 1').get();
    return { status: 'ok', database: 'ok', mail: checkMailHealth(handle.db, now) };
  } catch {
    return { status: 'error', database: 'error' };
  }
}
