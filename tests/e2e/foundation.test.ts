/**
 * The production build served by our own server: Finnish home page, health
 * check, security headers on every kind of response, logging, accessibility
 * and a CSP that the browser never has to enforce against our own pages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './helpers/chromium';
import { cspViolations, describeViolations, launchBrowser, openPage, runAxe } from './helpers/browser';
import { startServer, type RunningServer } from './helpers/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function expectSecurityHeaders(res: Response): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBeTruthy();
  expect(res.headers.get('permissions-policy')).toBeTruthy();
  expect(res.headers.get('x-powered-by')).toBeNull();
}

describe('production server', () => {
  it('answers /healthz with 200 JSON', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok', mail: 'ok' });
  });

  it('renders the home page in Finnish', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain('Siirry sisältöön');
    expect(html).toContain('Saavutettavuusseloste');
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('sends security headers on an on-demand page', async () => {
    const res = await fetch(`${server.url}/`);
    expectSecurityHeaders(res);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src[^;]*'sha256-/);
  });

  it('sends security headers and the build CSP on a prerendered page', async () => {
    const res = await fetch(`${server.url}/saavutettavuusseloste`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src[^;]*'sha256-/);
    expect(res.headers.get('etag')).toBeTruthy();
    const html = await res.text();
    expect(html).toContain('Traficom');
  });

  it('sends security headers and immutable caching on an /_astro asset', async () => {
    const home = await (await fetch(`${server.url}/`)).text();
    const asset = /href="(\/_astro\/[^"]+\.css)"/.exec(home)?.[1];
    expect(asset).toBeTruthy();
    const res = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await fetch(`${server.url}${asset}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('answers unknown paths with the Finnish 404 page and headers', async () => {
    const res = await fetch(`${server.url}/ei-ole-olemassa?token=secret-value`);
    expect(res.status).toBe(404);
    expectSecurityHeaders(res);
    expect(await res.text()).toContain('Sivua ei löytynyt');
  });

  it('logs one line per response with the route, never the raw URL', async () => {
    await fetch(`${server.url}/healthz?token=abc123secret`);
    await new Promise((r) => setTimeout(r, 50));
    const lines = server.logs.filter((l) => l.includes('"type":"request"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.route === '/healthz' && l.status === 200 && typeof l.ms === 'number' && l.method === 'GET')).toBe(true);
    expect(lines.some((l) => l.route === '/_astro/*')).toBe(true);
    expect(lines.some((l) => l.route === '/saavutettavuusseloste')).toBe(true);
    expect(server.logs.join('\n')).not.toContain('abc123secret');
    expect(server.logs.join('\n')).not.toContain('secret-value');
  });

  it('refuses cross-origin form posts', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'Text/Plain; charset=utf-8']) {
      const res = await fetch(`${server.url}/`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': type }, body: 'a=1' });
      expect(res.status, type).toBe(403);
    }
  });
});

describe.skipIf(!chromiumPath())('in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const path of ['/', '/saavutettavuusseloste', '/tietosuojaseloste', '/ei-ole-olemassa', '/tyokalut', '/tyokalut/puheeksi-otto-keskustelurunko', '/tyokalut/ohjauksen-tarkistuslista', '/tyokalut/tyokyvyn-tuen-suunnitelma']) {
    it(`${path} is axe clean and breaks no CSP rule`, async () => {
      const { page, problems } = await openPage(browser);
      await page.goto(`${server.url}${path}`);
      const violations = await runAxe(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await page.context().close();
    });
  }

  it('reflows at 320 px without horizontal scrolling', async () => {
    const { page } = await openPage(browser, { width: 320, height: 640 });
    for (const path of ['/', '/tietosuojaseloste', '/tyokalut/tietojen-luovutus-tarkistuslista']) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.context().close();
  });

  it('offers a skip link as the first stop and a visible focus ring', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { text: el.textContent, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused.text).toBe('Siirry sisältöön');
    expect(focused.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sisalto');
    await page.context().close();
  });
});
