/**
 * Debian's Chromium through playwright-core (never a downloaded browser),
 * with CSP-violation capture and an axe-core check.
 */
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumPath } from './chromium';

const require = createRequire(import.meta.url);
const axeSource: string = (require('axe-core') as { source: string }).source;

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed');
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface WatchedPage {
  page: Page;
  /** CSP violations and console errors seen so far. */
  problems: () => string[];
}

/** Opens a page that records CSP violations (console and event) and page errors. */
export async function openPage(browser: Browser, options: { width?: number; height?: number; javaScriptEnabled?: boolean } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki',
  });
  const page = await context.newPage();
  const seen: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) seen.push(`console: ${text}`);
  });
  page.on('pageerror', (err) => seen.push(`pageerror: ${err.message}`));
  return {
    page,
    problems: () => seen.slice(),
  };
}

/** CSP violations the page itself observed (from the `securitypolicyviolation` event). */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core with the WCAG 2.x A and AA rules and returns the violations.
 * The script is evaluated over the DevTools protocol, so the page's CSP does not
 * have to allow it.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

/** A readable summary of axe violations for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
}

/**
 * The bar every page and state meets: no axe violations, no CSP violations,
 * and nothing wider than the viewport (tables scroll inside their own box).
 */
export async function expectCleanPage(page: Page, label: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${label}: ${describeViolations(violations)}`).toEqual([]);
  expect(await cspViolations(page), label).toEqual([]);
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.parentElement?.closest('.table-scroll, pre'))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().width)}`)
      .slice(0, 5),
  );
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label} overflows horizontally: ${wide.join(', ')}`).toBeLessThanOrEqual(0);
}
