/**
 * Applies drizzle-kit migrations and refuses a database whose schema is newer
 * than this code (a downgrade would silently corrupt data).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

/** The database was migrated by a newer release than the one starting. */
export class SchemaTooNewError extends Error {
  constructor(file: string, dbVersion: number, codeVersion: number) {
    super(
      `The database ${file} has schema version ${dbVersion}, newer than this release knows (${codeVersion}). ` +
        'Start the release that migrated it, or restore a backup taken before the upgrade.',
    );
    this.name = 'SchemaTooNewError';
  }
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

/** Reads the migration journal written by drizzle-kit. */
export function readJournal(migrationsFolder: string): Journal {
  const file = path.join(migrationsFolder, 'meta', '_journal.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Journal;
}

/** The timestamp of the newest migration applied to the database, or 0. */
export function appliedSchemaVersion(sqlite: Database.Database): number {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return 0;
  const row = sqlite.prepare('SELECT MAX(created_at) AS v FROM __drizzle_migrations').get() as { v: number | null };
  return Number(row.v ?? 0);
}

/**
 * Applies every pending migration in one transaction.
 * @throws {SchemaTooNewError} when the database is ahead of `migrationsFolder`.
 */
export function applyMigrations(
  db: BetterSQLite3Database<Record<string, unknown>>,
  sqlite: Database.Database,
  migrationsFolder: string,
): void {
  const journal = readJournal(migrationsFolder);
  const codeVersion = Math.max(0, ...journal.entries.map((e) => e.when));
  const dbVersion = appliedSchemaVersion(sqlite);
  if (dbVersion > codeVersion) throw new SchemaTooNewError(sqlite.name, dbVersion, codeVersion);
  migrate(db, { migrationsFolder });
}
