/**
 * Open Badges 3.0 and sharing against the production server, in Chromium:
 * browser verifiers on another origin read the public verification resources
 * (and nothing personal); the holder's page offers LinkedIn, the PDF, the
 * baked badge, the .jwt and a copy button, each verifiable with the keys the
 * server publishes (also after a key rotation); the verification page words
 * every state consistently; "Tarkista todistus" checks files with and
 * without JavaScript and answers bad input in Finnish. axe on every state.
 */
import http from 'node:http';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage, openPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import type { Cast } from './helpers/people';
import { startSuite, stopSuite } from './helpers/suite';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { listCertificatesOfUser, revokeCertificate, type CertificateRow } from '../../src/lib/server/db/certificates';
import { rotateSigningKey } from '../../src/lib/server/certificates/keys';
import { extractFromPng } from '../../src/lib/server/certificates/badge-image';
import { linkedInAddToProfileUrl } from '../../src/lib/server/certificates/linkedin';

const SITE = 'http://localhost:4321';
const fixture = loadFixtureCourse();
let server: RunningServer;
let browser: Browser;
let cast: Cast;
let valid: CertificateRow;
let revoked: CertificateRow;
/** A page on a second origin (another port on 127.0.0.1), as a browser-based verifier on another site. */
let otherOrigin: http.Server;
let otherUrl: string;

const issuer = { name: 'Testialue', email: 'tuki@example.fi', siteUrl: SITE };

beforeAll(async () => {
  if (!chromiumPath()) return;
  ({ server, cast, browser } = await startSuite({ TRUST_PROXY: '1', ORG_BUSINESS_ID: '1234567-1' }));
  for (const [user, nonce] of [[cast.users.learnerA, 'a'], [cast.users.learnerB, 'b']] as const) {
    completeLessons(cast.handle.db, fixture, { userId: user.id }, new Date());
    passFinal(cast.handle.db, fixture, { userId: user.id, issuer }, nonce, new Date());
  }
  valid = listCertificatesOfUser(cast.handle.db, cast.users.learnerA.id)[0]!;
  revoked = listCertificatesOfUser(cast.handle.db, cast.users.learnerB.id)[0]!;
  revokeCertificate(cast.handle.db, revoked.id, 'Suoritus kirjautui väärälle henkilölle.', cast.users.admin.id, new Date());
  otherOrigin = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="fi"><title>Toinen sivusto</title><h1>Toinen sivusto</h1></html>');
  });
  await new Promise<void>((resolve) => otherOrigin.listen(0, '127.0.0.1', resolve));
  otherUrl = `http://127.0.0.1:${(otherOrigin.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => (otherOrigin ? otherOrigin.close(resolve) : resolve(undefined)));
  await stopSuite({ server, cast, browser });
});

/**
 * A page as a browser without JavaScript shows it: the site's own scripts
 * (bundled under /_astro) never load, while the test can still run axe in it
 * (Playwright cannot evaluate in a context with JavaScript switched off).
 */
async function pageWithoutScripts(options: { width?: number } = {}) {
  const watched = await openPage(browser, options);
  await watched.page.route(/\/_astro\/.*\.js(\?.*)?$/, (route) => route.abort());
  return watched;
}

async function holderPage(width = 1280, scripts = true) {
  const watched = scripts ? await openPage(browser, { width, height: 900 }) : await pageWithoutScripts({ width });
  await watched.page.context().addCookies([{ name: 'session', value: cast.cookie('learnerA')!, url: server.url }]);
  return watched;
}

const jwksOf = () => createRemoteJWKSet(new URL(`${server.url}/avaimet`));

describe.skipIf(!chromiumPath())('Open Badges and sharing', () => {
  it('browser verifiers on another origin read the public resources, and nothing personal', async () => {
    const { page } = await openPage(browser);
    await page.goto(otherUrl);
    const thumbprint = (await (await fetch(`${server.url}/avaimet`)).json()).keys[0].kid.split('/').at(-1);
    const results = await page.evaluate(
      async ({ base, code, thumbprint }) => {
        const read = async (path: string, init: RequestInit = {}) => {
          try {
            const res = await fetch(`${base}${path}`, init);
            return init.mode === 'no-cors' ? 'opaque' : `${res.status} ${res.headers.get('content-type')}`;
          } catch {
            return 'refused';
          }
        };
        const image = await new Promise<number>((resolve) => {
          const img = new Image();
          img.onload = () => resolve(img.naturalWidth);
          img.onerror = () => resolve(-1);
          img.src = `${base}/merkit/testikurssi.png`;
        });
        return {
          keys: await read('/avaimet'),
          key: await read(`/avaimet/${thumbprint}`),
          issuer: await read('/myontaja'),
          revocations: await read('/peruutuslista'),
          json: await read(`/todistus/${code}.json`),
          badge: await read('/merkit/testikurssi.png'),
          preflighted: await read('/avaimet', { headers: { 'x-verifier': '1' } }),
          image,
          page: await read(`/todistus/${code}`),
          pageNoCors: await read(`/todistus/${code}`, { mode: 'no-cors' }),
          badgeNoCors: await read('/merkit/testikurssi.png', { mode: 'no-cors' }),
          jwt: await read(`/todistus/${code}/tunniste.jwt`, { credentials: 'include' }),
          profile: await read('/profiili'),
          post: await read('/myontaja', { method: 'POST', body: 'x' }),
        };
      },
      { base: server.url, code: valid.code, thumbprint },
    );
    expect(results).toEqual({
      keys: '200 application/jwk-set+json',
      key: '200 application/jwk+json',
      issuer: '200 application/json; charset=utf-8',
      revocations: '200 application/json; charset=utf-8',
      json: '200 application/json; charset=utf-8',
      badge: '200 image/png',
      preflighted: '200 application/jwk-set+json',
      image: 600,
      // The verification page and everything personal keep their same-origin headers.
      page: 'refused',
      pageNoCors: 'refused',
      badgeNoCors: 'opaque',
      jwt: 'refused',
      profile: 'refused',
      post: 'refused',
    });
    const preflight = await fetch(`${server.url}/avaimet`, { method: 'OPTIONS', headers: { origin: otherUrl, 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const personal = await fetch(`${server.url}/todistus/${valid.code}`);
    expect(personal.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(personal.headers.get('access-control-allow-origin')).toBeNull();
    await page.context().close();
  });

  it('the holder shares: LinkedIn, PDF, the baked badge and the .jwt verify with the published keys, and the link copies', async () => {
    const { page, problems } = await holderPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/todistus/${valid.code}`);
    const main = await page.textContent('main');
    for (const fact of ['Tila: Voimassa.', 'Tällä todistuksella vahvistetaan, että', 'Olli Oppija', 'Vertaa tulostetun tai PDF-todistuksen tietoja', 'tila juuri nyt']) expect(main).toContain(fact);
    expect(await page.getAttribute('a:has-text("Lisää LinkedIn-profiiliin")', 'href')).toBe(linkedInAddToProfileUrl(valid, SITE));
    expect(await page.$(`a[href="/todistus/${valid.code}/pdf"]`)).not.toBeNull();
    for (const help of ['Avaa LinkedInin lomakkeen', 'Tulostettava todistus', 'allekirjoitettu todistus (Open Badges 3.0)', 'Open Badges -yhteensopiviin', 'Lähetä linkki']) expect(main).toContain(help);
    await expectCleanPage(page, 'holder page');

    await page.click('button[data-copy-link]');
    await page.waitForFunction(() => document.querySelector('[data-copy-status]')?.textContent?.includes('kopioitu'));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${SITE}/todistus/${valid.code}`);

    const [jwtDownload] = await Promise.all([page.waitForEvent('download'), page.click(`a[href="/todistus/${valid.code}/tunniste.jwt"]`)]);
    expect(jwtDownload.suggestedFilename()).toBe(`todistus-${valid.code}.jwt`);
    const jwt = fs.readFileSync((await jwtDownload.path())!, 'utf8');
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click(`a[href="/todistus/${valid.code}/merkki.png"]`)]);
    expect(pngDownload.suggestedFilename()).toBe(`osaamismerkki-${valid.code}.png`);
    const png = fs.readFileSync((await pngDownload.path())!);
    const baked = extractFromPng(png)!;
    for (const token of [jwt, baked]) {
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
      const { payload } = await jwtVerify(token, jwksOf(), { issuer: `${SITE}/myontaja` });
      expect(payload.jti).toBe(valid.credentialId);
      expect(payload.nbf).toBe(Date.parse(String(payload.validFrom)) / 1000);
      expect((payload.issuer as { otherIdentifier: unknown[] }).otherIdentifier).toEqual([{ type: 'IdentifierEntry', identifier: '1234567-1', identifierType: 'identifier' }]);
    }
    // Served as OB 3.0 says for a VC-JWT web resource.
    const res = await fetch(`${server.url}/todistus/${valid.code}/tunniste.jwt`, { headers: { cookie: `session=${cast.cookie('learnerA')}` } });
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="todistus-${valid.code}.jwt"`);
    expect(problems()).toEqual([]);
    await page.context().close();

    // Without JavaScript the link is there to select and the copy button is not.
    const { page: plain } = await holderPage(390, false);
    await plain.goto(`${server.url}/todistus/${valid.code}`);
    expect(await plain.textContent('#tarkistuslinkki')).toBe(`${SITE}/todistus/${valid.code}`);
    expect(await plain.isVisible('button[data-copy-link]')).toBe(false);
    await expectCleanPage(plain, 'holder page, phone, no JavaScript');
    await plain.context().close();
  });

  it('credentials keep verifying after keys:rotate, and each kid URL gives that one key', async () => {
    const cookie = `session=${cast.cookie('learnerA')}`;
    const before = await (await fetch(`${server.url}/todistus/${valid.code}/tunniste.jwt`, { headers: { cookie } })).text();
    await rotateSigningKey(cast.handle.db);
    const after = await (await fetch(`${server.url}/todistus/${valid.code}/tunniste.jwt`, { headers: { cookie } })).text();
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    const jwks = jwksOf();
    for (const token of [before, after]) {
      await expect(jwtVerify(token, jwks)).resolves.toBeTruthy();
      const kid = String(decodeProtectedHeader(token).kid);
      expect(kid.startsWith(`${SITE}/avaimet/`)).toBe(true);
      const jwk = await (await fetch(`${server.url}${new URL(kid).pathname}`)).json();
      expect(jwk.kid).toBe(kid);
      expect(jwk).not.toHaveProperty('d');
    }
  });

  it('a revoked certificate says peruttu with its reason, and nothing that claims validity', async () => {
    const { page } = await openPage(browser, { width: 390 });
    await page.goto(`${server.url}/todistus/${revoked.code}`);
    const main = (await page.textContent('main'))!.replace(/\s+/g, ' ');
    expect(main).toContain('Tila: Peruttu.');
    expect(main).toContain('Syy: Suoritus kirjautui väärälle henkilölle.');
    expect(main).not.toMatch(/voimassa[^.]*asti/i);
    expect(main).not.toContain('Tällä todistuksella vahvistetaan');
    expect(main).not.toMatch(/\.\s*\./);
    await expectCleanPage(page, 'revoked certificate, phone');
    await page.context().close();
  });

  it('a not-found page offers a field for the code; odd characters get a Finnish message, never a 500', async () => {
    for (const odd of ['%3Cscript%3E', '%E0%A4%A', '%00', 'x'.repeat(3000), '..%2F..%2Fetc']) {
      expect((await fetch(`${server.url}/todistus/${odd}`)).status, odd).toBe(404);
      expect((await fetch(`${server.url}/todistus/${odd}.json`)).status, odd).toBe(404);
    }
    const { page } = await pageWithoutScripts();
    await page.goto(`${server.url}/todistus/EIOLE-KOODI`);
    expect(await page.textContent('h1')).toBe('Todistusta ei löytynyt');
    await expectCleanPage(page, 'certificate not found');
    await page.fill('#f-koodi', ' äö<>"; ');
    await Promise.all([page.waitForNavigation(), page.click('form.code-lookup button[type=submit]')]);
    expect(await page.textContent('#f-koodi-error')).toContain('Tunnus ei ole oikeaa muotoa');
    expect(await page.inputValue('#f-koodi')).toBe(' äö<>"; ');
    await expectCleanPage(page, 'code lookup, odd characters');
    await page.fill('#f-koodi', valid.code.toLowerCase().replace(/-/g, ' '));
    await Promise.all([page.waitForNavigation(), page.click('form.code-lookup button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe(`/todistus/${valid.code}`);
    await page.context().close();
  });

  it('"Tarkista todistus" checks a baked badge, a .jwt and text without JavaScript, and says what is wrong in Finnish', async () => {
    const cookie = `session=${cast.cookie('learnerA')}`;
    const png = Buffer.from(await (await fetch(`${server.url}/todistus/${valid.code}/merkki.png`, { headers: { cookie } })).arrayBuffer());
    const jwt = await (await fetch(`${server.url}/todistus/${valid.code}/tunniste.jwt`, { headers: { cookie } })).text();
    const revokedJwt = await (await fetch(`${server.url}/todistus/${revoked.code}/tunniste.jwt`, { headers: { cookie: `session=${cast.cookie('learnerB')}` } })).text();
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(jwt)).setProtectedHeader(decodeProtectedHeader(jwt) as { alg: string }).sign(privateKey);

    const { page } = await pageWithoutScripts({ width: 390 });
    await page.goto(`${server.url}/tarkista`);
    await expectCleanPage(page, 'verify page');
    const submit = async (input: { file?: { name: string; mimeType: string; buffer: Buffer }; text?: string }) => {
      await page.goto(`${server.url}/tarkista`);
      if (input.file) await page.setInputFiles('#f-tiedosto', input.file);
      if (input.text !== undefined) await page.fill('#f-teksti', input.text);
      const [response] = await Promise.all([page.waitForNavigation(), page.click('form.verify-form button[type=submit]')]);
      return { status: response!.status(), result: (await page.textContent('#tulos'))!.replace(/\s+/g, ' ').trim() };
    };
    expect(await submit({ file: { name: 'osaamismerkki.png', mimeType: 'image/png', buffer: png } })).toEqual({ status: 200, result: 'Todistus on aito ja voimassa. Sen on myöntänyt tämä palvelu, ja se on voimassa ' + (await page.textContent('dd:has-text("asti")'))!.trim() + '.' });
    expect(await page.textContent('main')).toContain(valid.code);
    await expectCleanPage(page, 'verify page, valid badge');
    expect((await submit({ file: { name: 'todistus.jwt', mimeType: 'text/plain', buffer: Buffer.from(jwt) } })).result).toMatch(/^Todistus on aito ja voimassa\./);
    const revokedResult = await submit({ text: revokedJwt });
    expect(revokedResult.result).toBe('Todistus on peruttu. Sen on myöntänyt tämä palvelu, mutta myöntäjä perui sen ' + revokedResult.result.match(/perui sen (\S+),/)![1] + ', eikä se ole voimassa. Syy: Suoritus kirjautui väärälle henkilölle.');
    await expectCleanPage(page, 'verify page, revoked');
    const forgedResult = await submit({ text: forged });
    expect(forgedResult).toMatchObject({ status: 200 });
    expect(forgedResult.result).toContain('Todistus ei ole tämän palvelun myöntämä.');
    await expectCleanPage(page, 'verify page, not ours');
    const junk = await submit({ file: { name: 'kuva.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]) } });
    expect(junk).toEqual({ status: 415, result: 'Tarkistus ei onnistunut. Tätä tiedostotyyppiä ei voi tarkistaa. Valitse .jwt-tiedosto tai PNG- tai SVG-muotoinen osaamismerkki.' });
    await expectCleanPage(page, 'verify page, wrong type');
    expect(await submit({ text: 'ei todistus' })).toMatchObject({ status: 400, result: expect.stringContaining('ei ole sähköinen todistus') });
    expect(await submit({ text: '' })).toMatchObject({ status: 400, result: expect.stringContaining('Valitse tiedosto tai liitä') });
    const big = await submit({ file: { name: 'iso.png', mimeType: 'image/png', buffer: Buffer.alloc(2 * 1024 * 1024, 1) } });
    expect(big).toEqual({ status: 413, result: 'Tarkistus ei onnistunut. Tiedosto on liian suuri. Tarkistettava tiedosto saa olla enintään 1 Mt.' });
    await expectCleanPage(page, 'verify page, too large');
    await page.context().close();

    // With JavaScript an oversized file is stopped before it is sent.
    const { page: js, problems } = await openPage(browser);
    await js.goto(`${server.url}/tarkista`);
    await js.setInputFiles('#f-tiedosto', { name: 'iso.png', mimeType: 'image/png', buffer: Buffer.alloc(2 * 1024 * 1024, 1) });
    await js.click('form.verify-form button[type=submit]');
    expect(await js.textContent('[data-drop-status]')).toContain('on liian suuri');
    expect(new URL(js.url()).pathname).toBe('/tarkista');
    await expectCleanPage(js, 'verify page, oversized file caught in the browser');
    expect(problems()).toEqual([]);
    await js.context().close();

    // The server logged nothing of the files: only method, route, status and time.
    const lines = server.logs.filter((l) => l.includes('/tarkista'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of server.logs) expect(line).not.toContain(jwt.split('.')[2]!.slice(0, 20));
  });
});
