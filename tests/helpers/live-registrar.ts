/**
 * Child process for the simultaneous-registration test: opens its own
 * connection to the database, says "ready", waits for "go" on standard input,
 * then registers each given person for the session and prints each outcome.
 */
import { openDatabase } from '../../src/lib/server/db/client';
import { loadConfig } from '../../src/lib/server/config';
import { findUserById, getUserRoles } from '../../src/lib/server/db/users';
import { registerForSession } from '../../src/lib/server/live/registration';

const [file, sessionArg, idsArg] = process.argv.slice(2);
if (!file || !sessionArg || !idsArg) throw new Error('usage: live-registrar <db> <session> <ids>');
const handle = openDatabase(file);
const config = loadConfig({ SITE_URL: 'https://oppiminen.example.fi', DATABASE_PATH: file });
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  for (const id of idsArg.split(',').map(Number)) {
    const user = findUserById(handle.db, id)!;
    const outcome = registerForSession({ db: handle.db, config, now: new Date('2026-11-23T10:00:00Z') }, { id, name: user.name, email: user.email, roles: getUserRoles(handle.db, id) }, Number(sessionArg));
    process.stdout.write(`${outcome.ok ? outcome.value.status : outcome.error}\n`);
  }
  handle.sqlite.close();
  process.exit(0);
});
