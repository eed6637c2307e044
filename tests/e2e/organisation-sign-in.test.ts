/**
 * Organisation sign-in in Chromium against the production server and a real
 * OpenID provider (`oidc-provider` over HTTPS with a test CA that the server
 * trusts through NODE_EXTRA_CA_CERTS): a first sign-in creates the account in
 * the mapped unit; a manager whose provider sign-in was multi-factor lands on
 * the dashboard without TOTP; a manager without it enrols TOTP. The sign-in
 * page and the failure page are axe clean.
 */
import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './helpers/chromium';
import { expectCleanPage } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { startSuite, stopSuite } from './helpers/suite';
import type { Cast } from './helpers/people';
import { createTestCa, trustTestCa, type TestCa } from '../helpers/test-ca';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider';
import { loadConfig } from '../../src/lib/server/config';
import { oidcContextFor } from '../../src/lib/server/oidc/context';
import { issueScimToken, saveIdentityProvider } from '../../src/lib/server/oidc/providers';
import { findUserByEmail, getUserRoles } from '../../src/lib/server/db/users';
import { findActiveMembership } from '../../src/lib/server/db/memberships';

let server: RunningServer;
let browser: Browser;
let cast: Cast;
let ca: TestCa;
let untrust: (() => void) | undefined;
let op: TestProvider;
let providerId: number;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

beforeAll(async () => {
  if (!chromiumPath()) return;
  ca = createTestCa();
  untrust = trustTestCa(ca);
  // The provider must know the redirect URI before the server starts, so the port is chosen first.
  const port = await freePort();
  const site = `http://localhost:${port}`;
  op = await startTestProvider(ca, {
    redirectUris: [`${site}/kirjaudu/organisaatio/paluu`],
    postLogoutRedirectUris: [`${site}/kirjaudu?ilmoitus=uloskirjautuminen`],
    accounts: [
      { sub: 'liisa', email: 'liisa.oppija@kunta-a.fi', name: 'Liisa Oppija', unit: 'tiimi-a1' },
      { sub: 'matti', email: 'matti.esihenkilo@kunta-a.fi', name: 'Matti Esihenkilö', groups: ['esihenkilot-a'] },
      { sub: 'mikko', email: 'mikko.esihenkilo@kunta-a.fi', name: 'Mikko Esihenkilö', groups: ['esihenkilot-a'] },
    ],
  });
  ({ server, cast, browser } = await startSuite({ PORT: String(port), SITE_URL: site, NODE_EXTRA_CA_CERTS: ca.caFile }));
  const config = loadConfig({ SITE_URL: site, DATABASE_PATH: `${server.dataDir}/app.db` });
  const saved = saveIdentityProvider(oidcContextFor({ db: cast.handle.db, config, now: new Date(), ip: '127.0.0.1' }), cast.users.admin.id, undefined, {
    name: 'Kunta A:n tunnukset',
    slug: 'kunta-a',
    issuer: op.issuer,
    clientId: op.clientId,
    clientSecret: op.clientSecret,
    scopes: 'openid email profile groups unit',
    domains: 'kunta-a.fi',
    defaultNodeId: cast.org.a,
    unitClaim: 'unit',
    unitMap: `tiimi-a1 = ${cast.org.a1}`,
    groupClaim: 'groups',
    managerGroups: `esihenkilot-a = ${cast.org.a}`,
    enforcesMfa: false,
    acrValue: '',
    passwordOff: true,
    enabled: true,
  });
  if (!saved.ok) throw new Error(saved.error);
  providerId = saved.id;
});
afterAll(async () => {
  await stopSuite({ server, cast, browser });
  await op?.stop();
  untrust?.();
  ca?.cleanup();
});

/** A fresh browser profile per person: the provider's own session does not carry over. */
async function freshPage(): Promise<Page> {
  // The browser is not what is tested here; the server checks the provider's certificate against the test CA.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fi-FI', viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

/** Clicks and waits until the browser is back on our site, past the provider and the sign-in pages. */
async function clickAndLand(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForURL((u) => u.origin === server.url && !u.pathname.startsWith('/kirjaudu'), { timeout: 20_000 }), click()]);
}

async function signInWithButton(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await clickAndLand(page, () => page.getByRole('button', { name: 'Kunta A:n tunnukset' }).click());
}

describe.skipIf(!chromiumPath())('organisation sign-in in the browser', () => {
  it('shows "Kirjaudu organisaation tunnuksilla" on an axe-clean sign-in page, at phone width too', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/kirjaudu`);
    await expect(page.getByRole('heading', { name: 'Kirjaudu organisaation tunnuksilla' }).isVisible()).resolves.toBe(true);
    await expectCleanPage(page, 'kirjaudu with a provider');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectCleanPage(page, 'kirjaudu at 320 px');
    await page.context().close();
  });

  it('a first sign-in creates the account in the unit the provider maps to', async () => {
    op.loginAs('liisa');
    const page = await freshPage();
    await signInWithButton(page, '/kirjaudu');
    expect(new URL(page.url()).pathname).toBe('/omat-kurssit');
    const user = findUserByEmail(cast.handle.db, 'liisa.oppija@kunta-a.fi')!;
    expect(findActiveMembership(cast.handle.db, user.id)?.nodeId).toBe(cast.org.a1);
    await page.context().close();
  });

  it('typing an address in an owned domain leads to that provider; its password form is refused', async () => {
    op.loginAs('liisa');
    const page = await freshPage();
    await page.goto(`${server.url}/kirjaudu`);
    await page.fill('#f-email', 'liisa.oppija@kunta-a.fi');
    await page.fill('#f-password', 'jokin salasana tässä');
    await Promise.all([page.waitForURL((u) => u.searchParams.has('_action')), page.locator('form[action*="auth.login"] button[type=submit]').click()]);
    await expect(page.locator('#f-email-error').textContent()).resolves.toMatch(/organisaation tunnuksilla/);
    expect((await page.context().cookies()).some((c) => c.name === 'session')).toBe(false);
    await page.fill('#f-org-email', 'liisa.oppija@kunta-a.fi');
    await clickAndLand(page, () => page.getByRole('button', { name: 'Jatka organisaation kirjautumiseen' }).click());
    // Liisa's account exists from the first sign-in: she returns where she started, the front page.
    expect(new URL(page.url()).pathname).toBe('/');
    expect((await page.context().cookies()).some((c) => c.name === 'session')).toBe(true);
    await page.context().close();
  });

  it('a manager whose provider sign-in was multi-factor (amr=mfa) lands on the dashboard without TOTP', async () => {
    op.loginAs('matti', { amr: ['mfa'] });
    const page = await freshPage();
    await page.goto(`${server.url}/hallinta`);
    expect(new URL(page.url()).pathname).toBe('/kirjaudu');
    await clickAndLand(page, () => page.getByRole('button', { name: 'Kunta A:n tunnukset' }).click());
    expect(new URL(page.url()).pathname).toBe('/hallinta');
    await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
    const matti = findUserByEmail(cast.handle.db, 'matti.esihenkilo@kunta-a.fi')!;
    expect(getUserRoles(cast.handle.db, matti.id)).toContain('manager');
    await page.context().close();
  });

  it('a manager whose provider sign-in was a password only enrols TOTP as today', async () => {
    op.loginAs('mikko', { amr: ['pwd'] });
    const page = await freshPage();
    await signInWithButton(page, '/kirjaudu?palaa=%2Fhallinta');
    expect(new URL(page.url()).pathname).toBe('/profiili/kaksivaiheinen');
    await page.goto(`${server.url}/hallinta`);
    expect(new URL(page.url()).pathname).toBe('/profiili/kaksivaiheinen');
    await page.context().close();
  });

  it('signing out ends the session here and offers signing out at the provider (RP-initiated logout)', async () => {
    op.loginAs('matti', { amr: ['mfa'] });
    const page = await freshPage();
    await signInWithButton(page, '/kirjaudu');
    await page.goto(`${server.url}/kirjaudu/ulos`);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('ilmoitus') === 'uloskirjautuminen'), page.locator('main form button[type=submit]').click()]);
    expect(new URL(page.url()).searchParams.get('palvelu')).toBe('kunta-a');
    const link = page.getByRole('link', { name: 'Kirjaudu ulos myös palvelusta Kunta A:n tunnukset' });
    await expectCleanPage(page, 'signed out, provider logout offered');
    await Promise.all([page.waitForURL((u) => u.origin === op.issuer), link.click()]);
    const at = new URL(page.url());
    expect(at.searchParams.get('client_id')).toBe(op.clientId);
    expect(at.searchParams.get('post_logout_redirect_uri')).toBe(`${server.url}/kirjaudu?ilmoitus=uloskirjautuminen`);
    await page.context().close();
  });

  it('an administrator adds a provider with field-level errors, and Kokeile says what is wrong in Finnish', async () => {
    const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'session', value: cast.cookie('admin')!, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/yllapito/tunnistus`);
    await expectCleanPage(page, 'providers list');
    await page.fill('#f-name', 'Yhteinen Entra');
    await page.fill('#f-slug', 'yhteinen');
    await page.fill('#f-issuer', 'https://login.microsoftonline.com/common/v2.0');
    await page.fill('#f-clientId', 'abc');
    await page.fill('#f-clientSecret', 'salaisuus');
    await Promise.all([page.waitForURL((u) => u.searchParams.has('_action')), page.getByRole('button', { name: 'Tallenna' }).click()]);
    await expect(page.locator('#f-issuer-error').textContent()).resolves.toMatch(/tenantin osoitetta/);
    await expect(page.locator('#f-issuer').getAttribute('aria-describedby')).resolves.toContain('f-issuer-error');
    await expectCleanPage(page, 'provider form with an error');
    // What was ticked stays ticked when the form comes back with an error.
    await expect(page.locator('input[name=localSignInOff]').isChecked()).resolves.toBe(true);
    // A provider that is not there: Kokeile explains.
    await page.fill('#f-issuer', 'https://localhost:9/');
    await page.fill('#f-clientSecret', 'salaisuus');
    await Promise.all([page.waitForURL((u) => /\/yllapito\/tunnistus\/\d+/.test(u.pathname)), page.getByRole('button', { name: 'Tallenna' }).click()]);
    await Promise.all([page.waitForURL((u) => u.searchParams.has('_action')), page.getByRole('button', { name: 'Kokeile' }).click()]);
    await expect(page.locator('main').textContent()).resolves.toMatch(/ei saatu yhteyttä/);
    await Promise.all([page.waitForURL((u) => u.searchParams.has('_action')), page.getByRole('button', { name: 'Luo uusi SCIM-tunniste' }).click()]);
    await expect(page.locator('main code').last().textContent()).resolves.toMatch(/^scim_/);
    await expectCleanPage(page, 'provider page with a new SCIM token');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectCleanPage(page, 'provider page at phone width');
    await context.close();
  });

  it('SCIM works through the production server: create, deactivate with PATCH, delete', async () => {
    const issued = issueScimToken({ db: cast.handle.db, config: loadConfig({ DATABASE_PATH: `${server.dataDir}/app.db` }), now: new Date(), ip: '127.0.0.1' }, cast.users.admin.id, providerId);
    if (!issued.ok) throw new Error('no token');
    const scim = (method: string, path: string, body?: unknown) =>
      fetch(`${server.url}/scim/v2${path}`, { method, headers: { authorization: `Bearer ${issued.token}`, 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    const created = await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'uusi.tyontekija@kunta-a.fi', externalId: 'oid-uusi', active: true, displayName: 'Uusi Työntekijä' });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const off = await scim('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(off.status).toBe(200);
    expect(((await off.json()) as { active: boolean }).active).toBe(false);
    const person = findUserByEmail(cast.handle.db, 'uusi.tyontekija@kunta-a.fi')!;
    expect(findActiveMembership(cast.handle.db, person.id)).toBeUndefined();
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await scim('GET', `/Users/${id}`)).status).toBe(404);
    const bad = await scim('POST', '/Users', { schemas: [] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/scim\+json/);
  });

  it('a return without the flow cookie explains itself in Finnish and opens no session', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/kirjaudu/organisaatio/paluu?code=x&state=y`);
    expect(new URL(page.url()).pathname).toBe('/kirjaudu/organisaatio');
    await expect(page.locator('main').textContent()).resolves.toMatch(/Aloita kirjautuminen uudelleen/);
    expect((await page.context().cookies()).some((c) => c.name === 'session')).toBe(false);
    await expectCleanPage(page, 'failure page');
    await page.context().close();
  });
});
