import { getDatabase } from './db/client';

export interface Health {
  status: 'ok' | 'error';
  database: 'ok' | 'error';
}

/** Runs a trivial query; never throws, never reveals the error. */
export function checkDatabaseHealth(): Health {
  try {
    getDatabase().sqlite.prepare('SELECT 1').get();
    return { status: 'ok', database: 'ok' };
  } catch {
    return { status: 'error', database: 'error' };
  }
}
