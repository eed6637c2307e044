/**
 * `npm run keys:rotate`: retires the key that signs Open Badges credentials
 * and starts signing with a new one. The retired key stays published at
 * /avaimet, so credentials signed with it keep verifying. Safe while the
 * server runs; it signs with the new key from the next download.
 */
import fs from 'node:fs';
import { closeDatabase, openDatabase } from '../src/lib/server/db/client';
import { currentSigningKey, rotateSigningKey } from '../src/lib/server/certificates/keys';
import { fail, loadConfigOrExit } from '../src/lib/server/process-config';

const config = loadConfigOrExit();
if (!fs.existsSync(config.databasePath)) fail(`No database at ${config.databasePath}; start the server once first.`);
const handle = openDatabase(config.databasePath);
try {
  const before = currentSigningKey(handle.db);
  const after = await rotateSigningKey(handle.db);
  process.stdout.write(`${before ? `Retired key ${before.kid}. ` : ''}New signing key ${after.kid}.\n`);
} finally {
  closeDatabase(handle);
}
