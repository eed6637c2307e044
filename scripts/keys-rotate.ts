/**
 * `npm run keys:rotate`: retires the key that signs Open Badges credentials
 * and starts signing with a new one. The retired key stays published at
 * /avaimet, so credentials signed with it keep verifying. Safe while the
 * server runs; it signs with the new key from the next download.
 */
import fs from 'node:fs';
import { ConfigError, loadConfig } from '../src/lib/server/config';
import { loadDotEnv } from '../src/lib/server/env-file';
import { closeDatabase, openDatabase } from '../src/lib/server/db/client';
import { currentSigningKey, rotateSigningKey } from '../src/lib/server/certificates/keys';

loadDotEnv();
try {
  const config = loadConfig();
  if (!fs.existsSync(config.databasePath)) {
    process.stderr.write(`No database at ${config.databasePath}; start the server once first.\n`);
    process.exit(1);
  }
  const handle = openDatabase(config.databasePath);
  try {
    const before = currentSigningKey(handle.db);
    const after = await rotateSigningKey(handle.db);
    process.stdout.write(`${before ? `Retired key ${before.kid}. ` : ''}New signing key ${after.kid}.\n`);
  } finally {
    closeDatabase(handle);
  }
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
