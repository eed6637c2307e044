/**
 * Child process for the crash test: writes audit rows through the data layer
 * one transaction at a time and prints each id after its commit returned.
 * The parent kills it with SIGKILL at a random moment.
 */
import { openDatabase } from '../../src/lib/server/db/client';
import { appendAuditEvent } from '../../src/lib/server/db/audit';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer <db>');
const handle = openDatabase(file);
process.stdout.write('ready\n');
for (;;) {
  const id = handle.db.transaction((tx) => appendAuditEvent(tx, { actorId: process.pid, action: 'crash.write', details: { pad: 'x'.repeat(200) } }));
  process.stdout.write(`${id}\n`);
}
