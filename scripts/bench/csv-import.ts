/**
 * `npm run bench:import [-- --rows 17000]`: the invitation CSV at its
 * promised size (2 MB, about 17,000 rows), previewed and confirmed against a
 * temporary database while a 5 ms timer stands in for other requests. Reports
 * the time of each step, the longest batch and the event-loop delay (how long
 * another request would have waited). Figures go in the notes; nothing here
 * is asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase, closeDatabase } from '../../src/lib/server/db/client';
import { insertNode } from '../../src/lib/server/db/org';
import { insertUser } from '../../src/lib/server/db/users';
import { createSession } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { loadConfig } from '../../src/lib/server/config';
import { createServiceContext } from '../../src/lib/server/accounts/context';
import { parseInvitationCsv } from '../../src/lib/server/accounts/invitation-csv';
import { confirmInvitationImport, previewInvitationImport, yieldToEventLoop } from '../../src/lib/server/accounts/invitation-import';
import { argNumber } from './setup';

const rows = argNumber('rows', 17_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-bench-import-'));
const handle = openDatabase(path.join(dir, 'app.db'));
const now = new Date();
insertNode(handle.db, { name: 'Testialue', type: 'hyvinvointialue', parentId: null }, now);
const adminId = insertUser(handle.db, { email: 'admin@example.fi', name: 'Ylläpitäjä', passwordHash: '!', roles: ['admin'] }, now);
const admin = { id: adminId, email: 'admin@example.fi', name: 'Ylläpitäjä', roles: ['admin' as const] };
const session = createSession(handle.db, admin as never, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, now).session;
const config = loadConfig({ SITE_URL: 'https://oppiminen.example.fi', DATABASE_PATH: handle.path });
const ctx = createServiceContext(handle.db, config, '127.0.0.1', now);

const lines = ['nimi;sähköposti;organisaatio;roolit'];
for (let i = 0; i < rows; i += 1) lines.push(`Henkilö Numero${i} Esimerkkinen;henkilo.numero${i}@tyonantaja.example.fi;Testialue;oppija`);
const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);

const batchMs: number[] = [];
let batchStart = performance.now();
const pause = async () => {
  batchMs.push(performance.now() - batchStart);
  await yieldToEventLoop();
  batchStart = performance.now();
};

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  batchMs.length = 0;
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  // Another request every 5 ms: its lateness is what a user would feel.
  let worstLate = 0;
  let expected = performance.now() + 5;
  const timer = setInterval(() => {
    worstLate = Math.max(worstLate, performance.now() - expected);
    expected = performance.now() + 5;
  }, 5);
  histogram.enable();
  const started = performance.now();
  batchStart = started;
  const result = await run();
  // The work after the last pause (removing the kept list) counts as a batch too.
  batchMs.push(performance.now() - batchStart);
  const total = performance.now() - started;
  histogram.disable();
  clearInterval(timer);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  process.stdout.write(
    `${name}: ${total.toFixed(0)} ms, ${batchMs.length} batches (longest ${Math.max(0, ...batchMs).toFixed(1)} ms, first ${(batchMs[0] ?? 0).toFixed(1)} ms, last ${(batchMs.at(-1) ?? 0).toFixed(1)} ms), ` +
      `event-loop delay p50 ${ms(histogram.percentile(50))} / p99 ${ms(histogram.percentile(99))} / max ${ms(histogram.max)} ms, a 5 ms timer at worst ${worstLate.toFixed(1)} ms late\n`,
  );
  return result;
}

process.stdout.write(`${rows} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(2)} MB\n`);
const parseStart = performance.now();
const parsed = parseInvitationCsv(bytes);
if (!parsed.ok) throw new Error(parsed.message);
process.stdout.write(`parse: ${(performance.now() - parseStart).toFixed(0)} ms (one piece)\n`);
const preview = await step('preview', () => previewInvitationImport(ctx, admin as never, session.id, parsed.rows, { pause }));
if (!preview.uploadId) throw new Error('preview found problems');
const result = await step('confirm', () => confirmInvitationImport(ctx, admin as never, session.id, preview.uploadId!, { pause }));
process.stdout.write(`invited ${result.ok ? result.invited : result.error}; outbox ${(handle.sqlite.prepare('SELECT COUNT(*) AS n FROM mail_outbox').get() as { n: number }).n}\n`);
closeDatabase(handle);
fs.rmSync(dir, { recursive: true, force: true });
