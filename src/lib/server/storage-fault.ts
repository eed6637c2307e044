/**
 * Storage faults: the disk is full, the database is read-only, or the disk
 * answers with an I/O error. They are not the user's fault and not a bug in
 * the request; the answer is a 503 with a Finnish sentence, and the raw
 * SQLite message never reaches a page.
 */

/** What a person sees when a write cannot be stored. */
export const STORAGE_FAULT_MESSAGE = 'Tallennus ei juuri nyt onnistu, joten mitään ei tallennettu. Yritä hetken kuluttua uudelleen. Jos vika jatkuu, kerro siitä palvelun ylläpitoon.';

const SQLITE_CODES = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/;
const SYSTEM_CODES = new Set(['ENOSPC', 'EROFS', 'EIO', 'EDQUOT']);
/** The messages SQLite gives for these faults, for errors that arrive as text only (an action's serialised error). */
const SQLITE_MESSAGES = /database or disk is full|disk I\/O error|attempt to write a readonly database|unable to open database file|database disk image is malformed|file is not a database/i;

/** True when `error` (or its text) is a storage fault rather than a bug. */
export function isStorageFault(error: unknown): boolean {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (SQLITE_CODES.test(code) || SYSTEM_CODES.has(code))) return true;
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return SQLITE_MESSAGES.test(message);
  }
  return typeof error === 'string' && SQLITE_MESSAGES.test(error);
}

/** The one sentence start-up prints when the database cannot be written (no stack trace). */
export function startupStorageFaultSentence(databasePath: string): string {
  return `Tietokantaan ${databasePath} ei voi kirjoittaa (tiedosto tai sen kansio on vain luku -tilassa tai levy on täynnä), joten palvelu ei käynnisty.`;
}

/**
 * Keeps the process up when a storage fault escapes a background task (the
 * `-shm` or `-wal` file cannot be written, the disk fills): it is logged and
 * requests answer 503 meanwhile. Anything else still ends the process, with
 * its message in the log.
 */
export function keepRunningThroughStorageFaults(logEvent: (event: string, details?: Record<string, unknown>) => void): void {
  const onError = (error: unknown) => {
    if (isStorageFault(error)) {
      logEvent('storage_fault', { code: (error as { code?: unknown })?.code ?? 'unknown', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
}
