/**
 * The usual set-up of a browser test file: the production server on a fresh
 * database, the cast of people, and Chromium; and their teardown.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { startServer, type RunningServer } from './server';
import { createCast, type Cast, type RoleName } from './people';

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

/** A page signed in as one of the cast (or nobody), at a given width, with or without JavaScript. */
export async function openPageAs(suite: Suite, role: RoleName, options: { width?: number; height?: number; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const { page } = await openPage(suite.browser, { width: options.width ?? 1280, height: options.height ?? 900, javaScriptEnabled: options.javaScriptEnabled });
  const cookie = suite.cast.cookie(role);
  if (cookie) await page.context().addCookies([{ name: 'session', value: cookie, url: suite.server.url }]);
  return page;
}
