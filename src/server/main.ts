/**
 * Starts the platform: configuration, database (migrated), the built Astro
 * app inside our own HTTP server, the scheduler, and graceful shutdown.
 * Run with `npm run serve` after `npm run build`, or `npm start` for both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setConfig, type AppConfig } from '../lib/server/config';
import { fail, loadConfigOrExit } from '../lib/server/process-config';
import { closeDatabase, openDatabase, setDatabase, type DatabaseHandle } from '../lib/server/db/client';
import { SchemaTooNewError } from '../lib/server/db/migrate';
import { createScheduler } from '../lib/server/scheduler';
import { createMailSender } from '../lib/server/mail/sender';
import { createAppServer, stopServer, type AstroHandler } from './app-server';
import { loadStaticFiles, readStaticHeaders } from './static-files';
import { createBufferedLog, formatEventLog } from './request-log';
import { createJobs } from './jobs';
import { issueSetupCode } from '../lib/server/accounts/setup';
import { ensureSigningKey } from '../lib/server/certificates/keys';
import { ensureAppSecret } from '../lib/server/learning/final-nonce';
import { isStorageFault, keepRunningThroughStorageFaults, startupStorageFaultSentence } from '../lib/server/storage-fault';

let databasePathForErrors = '';

const buffered = createBufferedLog((chunk) => process.stdout.write(chunk));
const log = buffered.write;
process.on('exit', buffered.flush);
const logEvent = (event: string, details?: Record<string, unknown>) => log(formatEventLog(event, details));

function openDb(config: AppConfig): DatabaseHandle {
  try {
    return openDatabase(config.databasePath, { maxBytes: config.databaseMaxBytes });
  } catch (error) {
    if (error instanceof SchemaTooNewError) fail(`Refusing to start: ${error.message}`);
    throw error;
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  setConfig(config);
  databasePathForErrors = config.databasePath;
  const entry = path.join(config.buildDir, 'server', 'entry.mjs');
  if (!fs.existsSync(entry)) fail(`No build found at ${config.buildDir}. Run "npm run build" first (or "npm start", which builds).`);

  const handle = openDb(config);
  setDatabase(handle);
  logEvent('database_open', { path: path.relative(process.cwd(), config.databasePath) || config.databasePath });
  // Secrets the server creates once and keeps in the database (so backups carry them).
  ensureAppSecret(handle.db);
  const key = await ensureSigningKey(handle.db);
  logEvent('signing_key', { kid: key.kid });
  // Until an administrator exists, a one-time code printed here guards /aloitus.
  const setupCode = issueSetupCode(handle.db, new Date());
  if (setupCode) {
    logEvent('setup_required', { path: '/aloitus', setupCode });
    process.stderr.write(`\nKäyttöönotto: avaa ${config.siteUrl}/aloitus ja anna käyttöönottokoodi ${setupCode}\n\n`);
  }

  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: AstroHandler };
  const staticFiles = loadStaticFiles(path.join(config.buildDir, 'client'), readStaticHeaders(config.buildDir));
  const server = createAppServer({
    handler,
    staticFiles,
    notFoundPage: staticFiles.get('/404'),
    siteUrl: config.siteUrl,
    secure: config.secure,
    trustProxy: config.trustProxy,
    log,
  });

  const scheduler = createScheduler(createJobs(config, handle, logEvent), 15 * 60_000, (job, error) =>
    logEvent('job_failed', { job, error: error instanceof Error ? error.message : String(error) }),
  );

  // Mail waits in the outbox table; this sender delivers it so no request waits for SMTP.
  const mailSender = createMailSender(handle.db, config, { log });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logEvent('listening', { url: `http://${config.host}:${port}`, siteUrl: config.siteUrl, env: config.appEnv });
  // Tests start the server on port 0 and read the chosen port from this line.
  if (process.send) process.send({ type: 'listening', port });
  scheduler.start();
  mailSender.start();
  keepRunningThroughStorageFaults(logEvent);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logEvent('shutdown', { signal });
    await stopServer(server);
    await scheduler.stop();
    await mailSender.stop();
    closeDatabase(handle);
    setDatabase(undefined);
    logEvent('stopped');
    buffered.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  buffered.flush();
  if (isStorageFault(error)) fail(startupStorageFaultSentence(databasePathForErrors));
  process.stderr.write(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
