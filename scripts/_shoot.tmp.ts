import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { openDatabase, closeDatabase } from '../src/lib/server/db/client.ts';
import { createSession } from '../src/lib/server/auth/session.ts';
import { DEFAULT_SESSION_TIMEOUTS } from '../src/lib/server/auth/session-policy.ts';
import { findUserByEmail, getUserRoles } from '../src/lib/server/db/users.ts';

const BASE = 'http://localhost:4400';
const h = openDatabase('/tmp/tka-demo/app.db');
const u = findUserByEmail(h.db, 'anna-liisa.hiltunen@demo.invalid')!;
const token = createSession(h.db, { id: u.id, name: u.name, email: u.email, roles: getUserRoles(h.db, u.id) }, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, new Date()).token;
closeDatabase(h);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const shots: [string, string, boolean][] = JSON.parse(process.argv[2]!);
for (const [w, hgt] of [[390, 844], [1366, 900]]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: hgt }, locale: 'fi-FI', timezoneId: 'Europe/Helsinki', acceptDownloads: true });
  for (const [name, path, holder] of shots) {
    if (holder) await ctx.addCookies([{ name: 'session', value: token, url: BASE }]);
    else await ctx.clearCookies();
    const page = await ctx.newPage();
    await page.goto(`${BASE}${path}`);
    await page.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: true });
    await page.close();
  }
  await ctx.close();
}
// The holder's downloads.
const ctx = await browser.newContext({ acceptDownloads: true });
await ctx.addCookies([{ name: 'session', value: token, url: BASE }]);
const page = await ctx.newPage();
await page.goto(`${BASE}/todistus/W3MW-JJT7-7KZ2`);
for (const sel of ['a[href$="merkki.png"]', 'a[href$="tunniste.jwt"]']) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
  await d.saveAs(`/tmp/shots/${d.suggestedFilename()}`);
}
console.log(await page.getAttribute('a:has-text("LinkedIn")', 'href'));
await browser.close();
