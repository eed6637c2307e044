/**
 * The database connection: one write connection per process, opened with the
 * durability pragmas, migrated before use, and shared through `globalThis`
 * because Vite bundles server code into chunks that would otherwise each open
 * their own connection.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { getConfig } from '../config';
import { applyMigrations } from './migrate';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction handle; data-access functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbClient = Db | Tx;

export interface DatabaseHandle {
  /** Drizzle over the connection; pass it (or a transaction) to data-access functions. */
  db: Db;
  /** The raw better-sqlite3 connection, for pragmas, backups and checkpoints. */
  sqlite: Database.Database;
  path: string;
}

/** The pragmas every write connection runs with; a test reads them back. */
export const CONNECTION_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'secure_delete = ON',
] as const;

export interface OpenOptions {
  /** Folder of drizzle-kit migrations; defaults to `drizzle/` under the working directory. */
  migrationsFolder?: string;
  /** Skip migrations (read-only connections). */
  readonly?: boolean;
  /** Largest size of the file; a write that would grow it further fails with SQLITE_FULL. */
  maxBytes?: number;
}

/** Default location of the generated migrations. */
export function defaultMigrationsFolder(): string {
  return path.resolve(process.cwd(), 'drizzle');
}

/**
 * Opens (creating when missing) the SQLite file, sets the pragmas and applies
 * pending migrations.
 * @throws {SchemaTooNewError} when the file was migrated by newer code.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DatabaseHandle {
  if (options.readonly) {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    return { sqlite, db: drizzle(sqlite, { schema }), path: file };
  }
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    for (const pragma of CONNECTION_PRAGMAS) sqlite.pragma(pragma);
    if (options.maxBytes) sqlite.pragma(`max_page_count = ${Math.ceil(options.maxBytes / (sqlite.pragma('page_size', { simple: true }) as number))}`);
    const db = drizzle(sqlite, { schema });
    applyMigrations(db, sqlite, options.migrationsFolder ?? defaultMigrationsFolder());
    return { sqlite, db, path: file };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Checkpoints the WAL into the main file and closes the connection; used on
 * shutdown so the `-wal` file is empty afterwards.
 */
export function closeDatabase(handle: DatabaseHandle): void {
  if (!handle.sqlite.open) return;
  if (!handle.sqlite.readonly) handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.sqlite.close();
}

const HANDLE = Symbol.for('tyokykyakatemia.db');
type HandleHolder = { [HANDLE]?: DatabaseHandle };

/** Installs the process-wide connection (server start, tests). */
export function setDatabase(handle: DatabaseHandle | undefined): void {
  (globalThis as HandleHolder)[HANDLE] = handle;
}

/**
 * The process-wide connection. The server installs it at start; in `astro dev`
 * the first call opens the configured file.
 */
export function getDatabase(): DatabaseHandle {
  const holder = globalThis as HandleHolder;
  const existing = holder[HANDLE];
  if (existing?.sqlite.open) return existing;
  const opened = openDatabase(getConfig().databasePath);
  holder[HANDLE] = opened;
  return opened;
}

/** Shorthand for `getDatabase().db`. */
export function getDb(): Db {
  return getDatabase().db;
}

/** The better-sqlite3 connection under a Drizzle handle, for statements prepared once and reused. */
export function rawClient(db: Db): Database.Database {
  return (db as unknown as { $client: Database.Database }).$client;
}
