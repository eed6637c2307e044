/**
 * The usual set-up of a browser test file: the production server on a fresh
 * database, the cast of people, and Chromium; and their teardown.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import { createCast, type Cast } from './people';

export interface Suite {
  server: RunningServer;
  cast: Cast;
  browser: Browser;
}

export async function startSuite(env: Record<string, string> = {}): Promise<Suite> {
  const server = await startServer(env);
  const cast = await createCast(`${server.dataDir}/app.db`);
  const browser = await launchBrowser();
  return { server, cast, browser };
}

/** Closes whatever was started (a skipped file started nothing). */
export async function stopSuite(suite: Partial<Suite>): Promise<void> {
  await suite.browser?.close();
  suite.cast?.close();
  await suite.server?.stop();
}
