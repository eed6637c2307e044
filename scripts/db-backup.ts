/**
 * `npm run db:backup`: writes a consistent online copy of the database to the
 * backup directory (data/backups by default) and prunes old copies. Safe to
 * run while the server is running.
 */
import fs from 'node:fs';
import { closeDatabase, openDatabase } from '../src/lib/server/db/client';
import { createBackup, pruneBackups } from '../src/lib/server/backup';
import { fail, loadConfigOrExit } from '../src/lib/server/process-config';

const config = loadConfigOrExit();
if (!fs.existsSync(config.databasePath)) fail(`No database at ${config.databasePath}; nothing to back up.`);
const handle = openDatabase(config.databasePath, { readonly: true });
try {
  const file = await createBackup(handle.sqlite, config.backupDir);
  const removed = pruneBackups(config.backupDir, config.backupKeep);
  process.stdout.write(`Backup written: ${file}\n${removed.length ? `Removed ${removed.length} old backup(s).\n` : ''}`);
} finally {
  closeDatabase(handle);
}
