/**
 * Certificates against the production server: a learner finishes the course
 * in Chromium, downloads the PDF and opens the verification page; anyone can
 * verify it; the signed credential verifies with the key the server
 * publishes; an admin revokes one; a learner deletes their account. axe on
 * every page and state.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { openWithPdfjs, seePage } from '../helpers/pdf-render';
import { containsApproximately } from '../helpers/approximate';
import fs from 'node:fs';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, openPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { startSuite, stopSuite } from './helpers/suite';
import { activate, choose, tabTo, typeInto } from './helpers/keyboard';
import type { Cast } from './helpers/people';
import { createUser, PASSWORD } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons } from '../helpers/complete-course';

const fixture = loadFixtureCourse();
let server: RunningServer;
let browser: Browser;
let cast: Cast;

const check = expectCleanPage;

async function signedInPage(token: string | undefined, width = 1280) {
  const watched = await openPage(browser, { width, height: 900 });
  if (token) await watched.page.context().addCookies([{ name: 'session', value: token, url: server.url }]);
  return watched;
}

const count = (sql: string, ...args: unknown[]) => (cast.handle.sqlite.prepare(sql).get(...args) as { n: number }).n;
const certificateOf = (userId: number) => cast.handle.sqlite.prepare('SELECT * FROM certificate WHERE user_id = ? ORDER BY id DESC').get(userId) as { code: string; id: number } | undefined;

/** Final-quiz form fields with every answer right. */
function passingForm(nonce: string): URLSearchParams {
  return new URLSearchParams({ course: 'testikurssi', nonce, 'vastaus:tk-loppu-1': 'a', 'vastaus:tk-loppu-2:a': '1', 'vastaus:tk-loppu-2:b': '1', 'vastaus:tk-loppu-3': 'a' });
}

async function finalNonce(cookie: string): Promise<string> {
  const html = await (await fetch(`${server.url}/kurssit/testikurssi/loppukoe`, { headers: { cookie } })).text();
  return /name="nonce" value="([^"]+)"/.exec(html)![1]!;
}

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite({ TRUST_PROXY: '1' }));
});
afterAll(() => stopSuite({ server, cast, browser }));

describe.skipIf(!chromiumPath())('certificates', () => {
  it('are issued once when 20 completion requests arrive at the same time', async () => {
    const learner = cast.users.learnerB;
    completeLessons(cast.handle.db, fixture, { userId: learner.id }, new Date());
    const cookie = `session=${cast.cookie('learnerB')}`;
    const nonces = await Promise.all(Array.from({ length: 10 }, () => finalNonce(cookie)));
    const bodies = [...nonces, ...nonces].map(passingForm);
    const responses = await Promise.all(
      bodies.map((body) =>
        fetch(`${server.url}/kurssit/testikurssi/loppukoe?_action=learning.submitFinal`, {
          method: 'POST',
          headers: { origin: server.url, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: body.toString(),
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(count('SELECT COUNT(*) AS n FROM final_attempt WHERE user_id = ?', learner.id)).toBe(10);
    expect(count('SELECT COUNT(*) AS n FROM course_completion WHERE user_id = ?', learner.id)).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM certificate WHERE user_id = ?', learner.id)).toBe(1);
  });

  it('a learner finishes the course, downloads the PDF and opens the verification page', async () => {
    const learner = cast.users.learnerA;
    completeLessons(cast.handle.db, fixture, { userId: learner.id }, new Date());
    const { page, problems } = await signedInPage(cast.cookie('learnerA'));
    await page.goto(`${server.url}/kurssit/testikurssi/loppukoe`);
    for (const selector of ['input[name="vastaus:tk-loppu-1"][value="a"]', 'input[name="vastaus:tk-loppu-2:a"]', 'input[name="vastaus:tk-loppu-2:b"]', 'input[name="vastaus:tk-loppu-3"][value="a"]']) await choose(page, selector);
    await activate(page, 'form.final-quiz button[type=submit]');
    expect(await page.textContent('#tulos')).toContain('100 %');
    await activate(page, '#tulos ~ p a[href="/todistukset"]');
    await check(page, 'todistukset');
    const code = certificateOf(learner.id)!.code;
    expect(await page.textContent('main')).toContain('Voimassa');

    // The PDF, downloaded as a user would.
    await tabTo(page, `a[href="/todistus/${code}/pdf"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(`todistus-${code}.pdf`);
    const pdf = new Uint8Array(fs.readFileSync((await download.path())!));
    // Looked at as a person does: rendered, then read back.
    const seen = await seePage(pdf, 'poppler');
    // The random code may hold letters OCR confuses (Q read as O): allow a few misreads there, never a lost line.
    for (const fact of ['Olli Oppija', 'Testikurssi', code, `http://localhost:4321/todistus/${code}`]) expect(containsApproximately(seen, fact, fact.includes(code) ? 4 : 1), `${fact} in «${seen}»`).toBe(true);
    const { doc, close } = await openWithPdfjs(pdf);
    expect([...((await doc.getAttachments()) ?? new Map()).values()].map((a) => a.filename)).toEqual([`todistus-${code}.jwt`]);
    await close();

    await activate(page, `a[href="/todistus/${code}"]`);
    const main = await page.textContent('main');
    for (const fact of ['Olli Oppija', 'Testikurssi', 'versio 1.0', 'Tunnistat testikurssin rakenteen.', '0,5 opintotuntia', 'Tila: Voimassa', code]) expect(main).toContain(fact);
    await check(page, 'verification page, holder');
    expect(problems()).toEqual([]);
    await page.context().close();

    // Anyone, on a phone, without signing in: the same facts, no downloads.
    const phone = await signedInPage(undefined, 390);
    await phone.page.goto(`${server.url}/todistus/${code.toLowerCase().replace(/-/g, '')}`);
    expect(await phone.page.textContent('main')).toContain('Olli Oppija');
    expect(await phone.page.$(`a[href="/todistus/${code}/pdf"]`)).toBeNull();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await check(phone.page, 'verification page, anonymous phone');
    await phone.page.context().close();
  });

  it('the signed credential verifies with the key the server publishes, and the issuer profile is there', async () => {
    const code = certificateOf(cast.users.learnerA.id)!.code;
    const cookie = `session=${cast.cookie('learnerA')}`;
    const res = await fetch(`${server.url}/todistus/${code}/tunniste.jwt`, { headers: { cookie } });
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const jwt = await res.text();
    const kid = String(decodeProtectedHeader(jwt).kid);
    expect(kid.startsWith('http://localhost:4321/avaimet/')).toBe(true);
    const jwk = await (await fetch(`${server.url}${new URL(kid).pathname}`)).json();
    expect(jwk).not.toHaveProperty('d');
    const { payload } = await jwtVerify(jwt, await importJWK(jwk, 'RS256'));
    expect(payload.iss).toBe('http://localhost:4321/myontaja');
    const jwks = await (await fetch(`${server.url}/avaimet`)).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(jwk.kid);
    expect(await (await fetch(`${server.url}/myontaja`)).json()).toMatchObject({ id: 'http://localhost:4321/myontaja', type: ['Profile'] });
    // Nobody else gets the holder's credential.
    const other = await fetch(`${server.url}/todistus/${code}/tunniste.jwt`, { headers: { cookie: `session=${cast.cookie('learnerB')}` } });
    expect(other.status).toBe(404);
  });

  it('the verification page tells valid, expired, revoked, unknown and malformed apart', async () => {
    const valid = certificateOf(cast.users.learnerA.id)!;
    const expiring = certificateOf(cast.users.learnerB.id)!;
    cast.handle.sqlite.prepare('UPDATE certificate SET valid_until = ? WHERE id = ?').run(Date.parse('2026-01-01T00:00:00Z'), expiring.id);
    const ip = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });
    const page = async (code: string) => {
      const res = await fetch(`${server.url}/todistus/${encodeURIComponent(code)}`, { headers: ip(1) });
      return { status: res.status, text: (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
    };
    expect(await page(valid.code)).toMatchObject({ status: 200, text: expect.stringContaining('Tila: Voimassa') });
    expect(await page(expiring.code)).toMatchObject({ status: 200, text: expect.stringContaining('Tila: Vanhentunut') });
    const unknown = await page('ABCD-EFGH-JKMN');
    const malformed = await page('ei-koodi');
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(unknown.text).toContain('Todistusta ei löytynyt');
    expect(malformed.text).toBe(unknown.text);

    const json = async (code: string) => {
      const res = await fetch(`${server.url}/todistus/${code}.json`, { headers: ip(1) });
      return { status: res.status, body: await res.json() };
    };
    expect(await json(valid.code)).toMatchObject({ status: 200, body: { status: 'voimassa', holderName: 'Olli Oppija' } });
    expect(await json(expiring.code)).toMatchObject({ status: 200, body: { status: 'vanhentunut' } });
    expect(await json('XXXX')).toEqual({ status: 404, body: { error: 'not_found' } });

    // An admin revokes by keyboard, with a reason; the page then says so.
    const { page: admin } = await signedInPage(cast.cookie('admin'));
    await admin.goto(`${server.url}/yllapito/todistukset?koodi=${valid.code}`);
    await check(admin, 'admin certificates');
    await activate(admin, 'form[action*="revokeCertificate"] button[type=submit]');
    await admin.waitForSelector('#virheet');
    await check(admin, 'admin certificates, missing reason');
    await typeInto(admin, '#f-reason', 'Suoritus kirjattu väärälle henkilölle');
    await activate(admin, 'form[action*="revokeCertificate"] button[type=submit]');
    expect(await admin.textContent('main')).toContain('Todistus on peruttu.');
    await check(admin, 'admin certificates, revoked');
    await admin.context().close();
    expect(await page(valid.code)).toMatchObject({ text: expect.stringContaining('Syy: Suoritus kirjattu väärälle henkilölle') });
    expect((await json(valid.code)).body.status).toBe('peruttu');
    const list = await (await fetch(`${server.url}/peruutuslista`)).json();
    expect(list.revokedCredentials).toHaveLength(1);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'certificate.revoked'")).toBe(1);
  });

  it('limits lookups per address', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 125; i += 1) statuses.push((await fetch(`${server.url}/todistus/ABCD-EFGH-JKM${'NP'[i % 2]}.json`, { headers })).status);
    expect(statuses.slice(0, 120).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
    expect((await fetch(`${server.url}/todistus/ABCD-EFGH-JKMN`, { headers: { 'x-forwarded-for': '203.0.113.78' } })).status).toBe(404);
  });

  it('a learner downloads their data and deletes their account; the certificate then reads peruttu', async () => {
    const user = await createUser(cast.handle.db, { email: 'poistuva@example.fi', name: 'Piia Poistuva', nodeId: cast.org.a });
    completeLessons(cast.handle.db, fixture, { userId: user.id }, new Date());
    const token = cast.cookie('learnerA');
    // A fresh session for the new user, through the real sign-in form.
    const { page } = await signedInPage(undefined);
    await page.goto(`${server.url}/kirjaudu`);
    await typeInto(page, '#f-email', 'poistuva@example.fi');
    await typeInto(page, '#f-password', PASSWORD);
    await activate(page, 'form button[type=submit]');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'session')!.value;
    const res = await fetch(`${server.url}/kurssit/testikurssi/loppukoe?_action=learning.submitFinal`, {
      method: 'POST',
      headers: { origin: server.url, cookie: `session=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: passingForm(await finalNonce(`session=${cookie}`)).toString(),
    });
    expect(res.status).toBe(200);
    const code = certificateOf(user.id)!.code;

    await page.goto(`${server.url}/profiili`);
    await check(page, 'profile');
    const data = await (await fetch(`${server.url}/profiili/omat-tiedot.json`, { headers: { cookie: `session=${cookie}` } })).json();
    expect(data.tiedot.user[0].email).toBe('poistuva@example.fi');
    expect(data.tiedot.certificate[0].code).toBe(code);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'user.data_exported' AND actor_id = ?", user.id)).toBe(1);

    await activate(page, 'a[href="/profiili/poista-tili"]');
    await check(page, 'delete account');
    await typeInto(page, '#f-password', 'väärä salasana tässä');
    await activate(page, 'form button[type=submit]');
    await page.waitForSelector('#virheet');
    expect(await page.textContent('#virheet')).toContain('Vahvista');
    await check(page, 'delete account, errors');
    await typeInto(page, '#f-password', PASSWORD);
    await tabTo(page, '#f-confirm');
    await page.keyboard.press('Space');
    await activate(page, 'form button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/kirjaudu');
    expect(await page.textContent('main')).toContain('Tilisi on poistettu');
    await check(page, 'after deletion');
    await page.context().close();

    const verify = await (await fetch(`${server.url}/todistus/${code}.json`, { headers: { 'x-forwarded-for': '198.51.100.9' } })).json();
    expect(verify).toMatchObject({ status: 'peruttu', revoked: { reason: 'tili poistettu' } });
    expect(verify.holderName).not.toContain('Piia');
    expect(count("SELECT COUNT(*) AS n FROM user WHERE email = 'poistuva@example.fi'")).toBe(0);
    expect(token).toBeTruthy();
  });
});
