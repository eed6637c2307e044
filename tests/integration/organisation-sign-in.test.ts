/**
 * Organisation sign-in against a real OpenID provider (`oidc-provider` over
 * HTTPS with a test CA, on a free port): the whole authorization code flow,
 * just-in-time accounts, linking, the second factor from `amr`/`acr`, and
 * every refusal with its Finnish message and no session.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignJWT, importJWK } from 'jose';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { createTestCa, trustTestCa, type TestCa } from '../helpers/test-ca';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider';
import { oidcContextFor, type OidcContext } from '../../src/lib/server/oidc/context';
import { forgetProviderConfigurations, type OidcTransport } from '../../src/lib/server/oidc/client';
import { saveIdentityProvider, tryIdentityProvider, type ProviderInput } from '../../src/lib/server/oidc/providers';
import { startOrganisationSignIn } from '../../src/lib/server/oidc/start';
import { completeOrganisationSignIn, type CallbackInput } from '../../src/lib/server/oidc/callback';
import { callbackMessage, discoveryMessage } from '../../src/lib/server/oidc/messages';
import { findActiveMembership } from '../../src/lib/server/db/memberships';
import { findUserByEmail, getUserRoles } from '../../src/lib/server/db/users';
import { listManagerScopeNodeIds } from '../../src/lib/server/accounts/scope';
import { findOidcSession } from '../../src/lib/server/db/identities';
import { auditLog, identityProvider, session as sessionTable } from '../../src/lib/server/db/schema';
import { decideAccess } from '../../src/lib/server/web/access';
import { findTotpCredential } from '../../src/lib/server/db/totp';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { hasProviderMultiFactor } from '../../src/lib/server/oidc/sessions';
import { passwordSignInTakenOver } from '../../src/lib/server/oidc/password-sign-in';
import { PASSWORD_OFF_MESSAGE } from '../../src/lib/server/oidc/messages';
import { scimUser } from '../../src/lib/server/db/schema';

const SITE = 'https://oppiminen.example.fi';
let t: TestContext;
let ca: TestCa;
let untrust: () => void;
let op: TestProvider;
let org: Org;
let adminId: number;
let providerId: number;

const transport: OidcTransport = { timeoutSeconds: 2 };

function octx(over: Partial<OidcTransport> = {}): OidcContext {
  return oidcContextFor(t.ctx(), { ...transport, ...over });
}

function providerInput(over: Partial<ProviderInput> = {}): ProviderInput {
  return {
    name: 'Kunta A:n tunnukset',
    slug: 'kunta-a',
    issuer: op.issuer,
    clientId: op.clientId,
    clientSecret: op.clientSecret,
    scopes: 'openid email profile groups unit',
    domains: 'kunta-a.fi',
    defaultNodeId: org.a,
    unitClaim: 'unit',
    unitMap: `tiimi-a1 = ${org.a1}`,
    groupClaim: 'groups',
    managerGroups: `esihenkilot-a = ${org.a}`,
    enforcesMfa: false,
    acrValue: '',
    passwordOff: true,
    enabled: true,
    ...over,
  };
}

const unusable = () => Promise.resolve('$argon2id$v=19$m=19456,t=2,p=1$ZWkta2F5dGV0dGF2aXNzYQ$ZWkta2F5dGV0dGF2aXNzYWVpLWtheXRldHRhdmlzc2E');

async function signIn(sub: string, how: { amr?: string[]; acr?: string } = {}, over: Partial<CallbackInput> = {}, ctx: () => OidcContext = () => octx()) {
  op.loginAs(sub, how);
  const start = await startOrganisationSignIn(ctx(), { provider: 'kunta-a', returnTo: '/omat-kurssit' });
  if (!start.ok) throw new Error(`start failed: ${start.error}`);
  const callback = await op.authorize(start.url);
  const result = await completeOrganisationSignIn(ctx(), { url: callback, flowToken: start.flowToken, signedInUserId: null, userAgent: null, unusablePasswordHash: unusable, ...over });
  return { start, callback, result };
}

function sessionCount(): number {
  return t.db.db.select().from(sessionTable).all().length;
}

beforeAll(async () => {
  ca = createTestCa();
  untrust = trustTestCa(ca);
  op = await startTestProvider(ca, {
    redirectUris: [`${SITE}/kirjaudu/organisaatio/paluu`],
    accounts: [
      { sub: 'liisa', email: 'Liisa.Oppija@kunta-a.fi', name: 'Liisa Oppija', unit: 'tiimi-a1' },
      { sub: 'olli', email: 'olli@kunta-a.fi', name: 'Olli Outo', unit: 'ei-kartalla' },
      { sub: 'matti', email: 'matti@kunta-a.fi', name: 'Matti Esihenkilö', groups: ['esihenkilot-a'] },
      { sub: 'ulla', email: 'ulla@muualla.fi', email_verified: false, name: 'Ulla Ulkopuolinen' },
      { sub: 'vera', email: 'vera@muualla.fi', email_verified: true, name: 'Vera Vanha' },
      { sub: 'aino', email: 'aino@kunta-a.fi', name: 'Aino Aiempi' },
    ],
  });
});

afterAll(async () => {
  await op?.stop();
  untrust?.();
  ca?.cleanup();
});

beforeEach(async () => {
  t?.db.cleanup();
  t = createTestContext({ SITE_URL: SITE });
  // The provider signs with the real clock; ours starts there.
  t.setTime(new Date().toISOString());
  forgetProviderConfigurations();
  org = createOrg(t.db.db);
  adminId = (await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'], nodeId: org.root })).id;
  const saved = saveIdentityProvider(octx(), adminId, undefined, providerInput());
  if (!saved.ok) throw new Error(saved.error);
  providerId = saved.id;
});

describe('first sign-in', () => {
  it('creates the account just in time in the unit the claim maps to, with a normal session', async () => {
    const { result } = await signIn('liisa');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const user = findUserByEmail(t.db.db, 'liisa.oppija@kunta-a.fi')!;
    expect(user.name).toBe('Liisa Oppija');
    expect(findActiveMembership(t.db.db, user.id)?.nodeId).toBe(org.a1);
    expect(result.redirect).toBe('/omat-kurssit');
    expect(validateSessionToken(t.db.db, result.token, t.config.sessionTimeouts, t.now())?.user.id).toBe(user.id);
    const actions = t.db.db.select().from(auditLog).all().map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['oidc.account_created', 'oidc.sign_in']));
    // Ids in the log, never tokens or addresses.
    expect(JSON.stringify(t.db.db.select().from(auditLog).all())).not.toMatch(/eyJ|liisa/i);
  });

  it('signs the same person in again by (issuer, sub), not by the address', async () => {
    await signIn('liisa');
    const again = await signIn('liisa');
    expect(again.result.ok && again.result.userId).toBe(findUserByEmail(t.db.db, 'liisa.oppija@kunta-a.fi')!.id);
  });

  it('starts in the default unit when the claim maps to nothing, and without a unit goes to choosing one (pending confirmation)', async () => {
    const first = await signIn('olli');
    expect(first.result.ok).toBe(true);
    expect(findActiveMembership(t.db.db, findUserByEmail(t.db.db, 'olli@kunta-a.fi')!.id)?.nodeId).toBe(org.a);
    t.db.db.update(identityProvider).set({ defaultNodeId: null, updatedAt: new Date(t.now().getTime() + 1) }).run();
    const second = await signIn('aino');
    expect(second.result.ok && second.result.redirect).toBe('/profiili?ilmoitus=valitse-organisaatio');
    expect(findActiveMembership(t.db.db, findUserByEmail(t.db.db, 'aino@kunta-a.fi')!.id)).toBeUndefined();
  });

  it('links an existing account in an owned domain to the identity', async () => {
    const existing = await createUser(t.db.db, { email: 'aino@kunta-a.fi', nodeId: org.b });
    const { result } = await signIn('aino');
    expect(result.ok && result.userId).toBe(existing.id);
    expect(findActiveMembership(t.db.db, existing.id)?.nodeId).toBe(org.b);
    expect(t.db.db.select().from(auditLog).where(eq(auditLog.action, 'oidc.linked')).get()?.details).toMatchObject({ proof: 'domain' });
  });

  it('links an existing account outside the owned domains only after a password sign-in in the same browser', async () => {
    const vera = await createUser(t.db.db, { email: 'vera@muualla.fi', nodeId: org.b });
    const before = sessionCount();
    const refused = await signIn('vera');
    expect(refused.result).toMatchObject({ ok: false, error: 'needs_password_proof' });
    expect(callbackMessage('needs_password_proof')).toMatch(/Kirjaudu ensin kerran salasanallasi/);
    expect(sessionCount()).toBe(before);
    const proven = await signIn('vera', {}, { signedInUserId: vera.id });
    expect(proven.result.ok && proven.result.userId).toBe(vera.id);
    // From now on the identity alone signs Vera in.
    const later = await signIn('vera');
    expect(later.result.ok && later.result.userId).toBe(vera.id);
  });

  it('makes a member of a mapped group manager of that subtree, and takes it away when the group goes', async () => {
    const { result } = await signIn('matti', { amr: ['mfa'] });
    expect(result.ok).toBe(true);
    const matti = findUserByEmail(t.db.db, 'matti@kunta-a.fi')!;
    expect(getUserRoles(t.db.db, matti.id)).toContain('manager');
    expect(listManagerScopeNodeIds(t.db.db, matti.id)).toEqual([org.a]);
    t.db.db.update(identityProvider).set({ managerGroups: {}, updatedAt: new Date(t.now().getTime() + 2) }).run();
    await signIn('matti', { amr: ['mfa'] });
    expect(getUserRoles(t.db.db, matti.id)).not.toContain('manager');
    expect(listManagerScopeNodeIds(t.db.db, matti.id)).toEqual([]);
  });
});

describe('second factor', () => {
  function access(token: string) {
    const v = validateSessionToken(t.db.db, token, t.config.sessionTimeouts, t.now())!;
    return decideAccess(
      { user: v.user, session: v.session, pendingSecondFactor: false, hasSecondFactor: () => findTotpCredential(t.db.db, v.user.id) !== undefined || hasProviderMultiFactor(t.db.db, v.session.id) },
      'manager.view',
    );
  }

  it('a manager whose ID token says amr=mfa reaches the dashboard without TOTP', async () => {
    const { result } = await signIn('matti', { amr: ['mfa'] });
    expect(result.ok && result.redirect).toBe('/omat-kurssit');
    if (!result.ok) return;
    expect(findOidcSession(t.db.db, result.session.id)?.multiFactor).toBe(true);
    expect(access(result.token).kind).toBe('allow');
  });

  it('counts two factor classes (pwd + otp) and the configured acr', async () => {
    const two = await signIn('matti', { amr: ['pwd', 'otp'] });
    expect(two.result.ok && two.result.redirect).toBe('/omat-kurssit');
    t.db.db.update(identityProvider).set({ acrValue: 'urn:test:loa:substantial', updatedAt: new Date(t.now().getTime() + 3) }).run();
    const acr = await signIn('matti', { amr: ['pwd'], acr: 'urn:test:loa:substantial' });
    expect(acr.result.ok && acr.result.redirect).toBe('/omat-kurssit');
  });

  it('a manager signing in with the password only at the provider enrols TOTP as today', async () => {
    const { result } = await signIn('matti', { amr: ['pwd'] });
    expect(result.ok && result.redirect).toBe('/profiili/kaksivaiheinen?vaaditaan=1');
    if (!result.ok) return;
    expect(access(result.token).kind).toBe('enrol-second-factor');
  });

  it('trusts a provider marked as enforcing MFA, and the marking is audit-logged', async () => {
    const saved = saveIdentityProvider(octx(), adminId, providerId, providerInput({ clientSecret: '', enforcesMfa: true }));
    expect(saved.ok).toBe(true);
    expect(t.db.db.select().from(auditLog).where(eq(auditLog.action, 'oidc.provider_mfa_enforced')).get()).toMatchObject({ actorId: adminId, details: { enforcesMfa: true } });
    const { result } = await signIn('matti');
    expect(result.ok && result.redirect).toBe('/omat-kurssit');
  });
});

describe('refusals: a Finnish message and no session', () => {
  async function expectRefused(promise: Promise<{ ok: boolean; error?: string }>, error: string) {
    const before = sessionCount();
    const result = await promise;
    expect(result).toMatchObject({ ok: false, error });
    expect(sessionCount()).toBe(before);
    expect(callbackMessage(error as never).length).toBeGreaterThan(20);
  }

  async function prepared(sub = 'liisa') {
    op.loginAs(sub);
    const start = await startOrganisationSignIn(octx(), { provider: 'kunta-a' });
    if (!start.ok) throw new Error(start.error);
    return { start, callback: await op.authorize(start.url) };
  }

  const complete = (url: URL, flowToken: string | undefined, over: Partial<CallbackInput> = {}, ctx = octx()) =>
    completeOrganisationSignIn(ctx, { url, flowToken, signedInUserId: null, userAgent: null, unusablePasswordHash: unusable, ...over });

  it('missing state', async () => {
    const { start, callback } = await prepared();
    callback.searchParams.delete('state');
    await expectRefused(complete(callback, start.flowToken), 'state');
  });

  it('wrong state', async () => {
    const { start, callback } = await prepared();
    callback.searchParams.set('state', 'vaara-tila');
    await expectRefused(complete(callback, start.flowToken), 'state');
  });

  it('the person cancels at the provider (error in the callback)', async () => {
    const { start, callback } = await prepared();
    const cancelled = new URL(`${SITE}/kirjaudu/organisaatio/paluu`);
    cancelled.searchParams.set('error', 'access_denied');
    cancelled.searchParams.set('state', callback.searchParams.get('state')!);
    await expectRefused(complete(cancelled, start.flowToken), 'provider_error');
  });

  it('no flow cookie (another browser)', async () => {
    const { callback } = await prepared();
    await expectRefused(complete(callback, undefined), 'state');
  });

  it('a replayed callback, and a replayed code under a fresh flow', async () => {
    const { start, callback } = await prepared();
    expect((await complete(callback, start.flowToken)).ok).toBe(true);
    await expectRefused(complete(callback, start.flowToken), 'state');
    // The same code with a new flow's state: the provider refuses the used code.
    const fresh = await startOrganisationSignIn(octx(), { provider: 'kunta-a' });
    if (!fresh.ok) throw new Error(fresh.error);
    const replay = new URL(callback);
    replay.searchParams.set('state', new URL(fresh.url).searchParams.get('state')!);
    await expectRefused(complete(replay, fresh.flowToken), 'code_rejected');
  });

  /** A fetch that passes through to the provider and swaps the ID token for one the test signs with the provider's own key. */
  function forging(change: (claims: Record<string, unknown>) => Record<string, unknown>, alg = 'RS256'): OidcTransport['fetch'] {
    return async (url, options) => {
      const response = await fetch(url, options as RequestInit);
      if (!String(url).endsWith('/token')) return response;
      const body = (await response.json()) as { id_token: string };
      const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1]!, 'base64url').toString());
      const key = alg === 'HS256' ? new TextEncoder().encode(op.clientSecret) : await importJWK(op.signingJwk, 'RS256');
      body.id_token = await new SignJWT(change(claims)).setProtectedHeader({ alg, kid: alg === 'HS256' ? undefined : 'test-key' }).sign(key);
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
  }

  for (const [what, change, alg] of [
    ['an ID token from another issuer', (c: Record<string, unknown>) => ({ ...c, iss: 'https://toinen.example.fi' }), 'RS256'],
    ['an ID token for another audience', (c: Record<string, unknown>) => ({ ...c, aud: 'toinen-sovellus' }), 'RS256'],
    ['an expired ID token', (c: Record<string, unknown>) => ({ ...c, iat: Number(c.iat) - 7200, exp: Number(c.iat) - 3600 }), 'RS256'],
    ['an ID token with a symmetric signature (HS256)', (c: Record<string, unknown>) => c, 'HS256'],
  ] as const) {
    it(what, async () => {
      const ctx = octx({ fetch: forging(change, alg) });
      op.loginAs('liisa');
      const start = await startOrganisationSignIn(ctx, { provider: 'kunta-a' });
      if (!start.ok) throw new Error(start.error);
      const callback = await op.authorize(start.url);
      await expectRefused(complete(callback, start.flowToken, {}, ctx), 'id_token');
      expect(t.db.db.select().from(auditLog).where(eq(auditLog.action, 'oidc.failed')).all().length).toBeGreaterThan(0);
    });
  }

  it('an ID token that expired by our clock', async () => {
    const { start, callback } = await prepared();
    t.advance(3 * 3_600_000);
    await expectRefused(complete(callback, start.flowToken), 'state');
  });

  it('an unverified e-mail outside the owned domains', async () => {
    const { start, callback } = await prepared('ulla');
    await expectRefused(complete(callback, start.flowToken), 'email_unverified');
    expect(findUserByEmail(t.db.db, 'ulla@muualla.fi')).toBeUndefined();
  });

  it('a provider that is down (discovery fails)', async () => {
    const down = https.createServer({ key: ca.key, cert: ca.cert });
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    const port = (down.address() as AddressInfo).port;
    await new Promise<void>((r) => down.close(() => r()));
    const saved = saveIdentityProvider(octx(), adminId, undefined, providerInput({ slug: 'alhaalla', issuer: `https://localhost:${port}`, domains: 'alhaalla.fi' }));
    if (!saved.ok) throw new Error(saved.error);
    const start = await startOrganisationSignIn(octx(), { provider: 'alhaalla' });
    expect(start).toMatchObject({ ok: false, error: 'discovery', problem: 'unreachable' });
    const tried = await tryIdentityProvider(octx(), adminId, saved.id);
    expect(tried).toMatchObject({ ok: false, error: 'unreachable' });
    expect(discoveryMessage('unreachable')).toMatch(/ei saatu yhteyttä/);
  });

  it('a slow provider (timeout)', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const slow = https.createServer({ key: ca.key, cert: ca.cert }, () => {
      // Never answers.
    });
    slow.on('secureConnection', (s) => sockets.add(s));
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const port = (slow.address() as AddressInfo).port;
      const saved = saveIdentityProvider(octx(), adminId, undefined, providerInput({ slug: 'hidas', issuer: `https://localhost:${port}`, domains: 'hidas.fi' }));
      if (!saved.ok) throw new Error(saved.error);
      const start = await startOrganisationSignIn(octx({ timeoutSeconds: 0.3 }), { provider: 'hidas' });
      expect(start).toMatchObject({ ok: false, error: 'discovery', problem: 'timeout' });
      expect(callbackMessage('discovery', 'timeout')).toMatch(/ei vastannut/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => slow.close(() => r()));
    }
  });
});

describe('the password form for owned domains', () => {
  it('is refused for an owned-domain learner (known or not) and kept for administrators and other domains', async () => {
    await createUser(t.db.db, { email: 'oppija@kunta-a.fi', nodeId: org.a });
    await createUser(t.db.db, { email: 'paakayttaja@kunta-a.fi', roles: ['admin'], nodeId: org.root });
    expect(passwordSignInTakenOver(t.db.db, 'Oppija@Kunta-A.fi')?.id).toBe(providerId);
    expect(passwordSignInTakenOver(t.db.db, 'ei-tilia@kunta-a.fi')?.id).toBe(providerId);
    expect(passwordSignInTakenOver(t.db.db, 'paakayttaja@kunta-a.fi')).toBeUndefined();
    expect(passwordSignInTakenOver(t.db.db, 'vera@muualla.fi')).toBeUndefined();
    expect(PASSWORD_OFF_MESSAGE).toMatch(/organisaation tunnuksilla/);
    saveIdentityProvider(octx(), adminId, providerId, providerInput({ clientSecret: '', passwordOff: false }));
    expect(passwordSignInTakenOver(t.db.db, 'oppija@kunta-a.fi')).toBeUndefined();
  });
});

describe('people who have left', () => {
  it('cannot sign in with the organisation account once SCIM has deactivated them', async () => {
    const first = await signIn('liisa');
    if (!first.result.ok) throw new Error('first sign-in failed');
    t.db.db.insert(scimUser).values({ id: crypto.randomUUID(), providerId, userId: first.result.userId, externalId: 'liisa', userName: 'liisa.oppija@kunta-a.fi', active: false, leftNodeId: org.a1, createdAt: t.now(), updatedAt: t.now() }).run();
    const before = sessionCount();
    const again = await signIn('liisa');
    expect(again.result).toMatchObject({ ok: false, error: 'left' });
    expect(sessionCount()).toBe(before);
  });
});

describe('configuration', () => {
  it('refuses an http issuer and the multi-tenant Entra endpoints when saved', () => {
    expect(saveIdentityProvider(octx(), adminId, undefined, providerInput({ slug: 'http', issuer: 'http://localhost:1' }))).toMatchObject({ ok: false, error: 'not_https', field: 'issuer' });
    for (const tenant of ['common', 'organizations', 'consumers']) {
      expect(saveIdentityProvider(octx(), adminId, undefined, providerInput({ slug: `e-${tenant}`, issuer: `https://login.microsoftonline.com/${tenant}/v2.0` }))).toMatchObject({ ok: false, error: 'multi_tenant' });
    }
    expect(saveIdentityProvider(octx(), adminId, undefined, providerInput({ slug: 'entra', issuer: 'https://login.microsoftonline.com/7f1d2c3b-0000-4000-8000-000000000001/v2.0' })).ok).toBe(true);
  });

  it('refuses discovery of an http issuer with the production transport', async () => {
    // A row written past the form's check (an old row or a hand edit) still never goes out over http.
    t.db.db.update(identityProvider).set({ issuer: op.issuer.replace('https:', 'http:'), updatedAt: new Date(t.now().getTime() + 5) }).run();
    const start = await startOrganisationSignIn(oidcContextFor(t.ctx()), { provider: 'kunta-a' });
    expect(start).toMatchObject({ ok: false, error: 'discovery', problem: 'insecure' });
  });

  it('stores the client secret encrypted with the key beside the database', () => {
    const row = t.db.db.select().from(identityProvider).get()!;
    expect(row.clientSecretEncrypted).not.toContain(op.clientSecret);
    expect(row.clientSecretEncrypted).toMatch(/^v1\./);
  });

  it('"Kokeile" tells a wrong path and a mismatched issuer apart', async () => {
    const wrongPath = saveIdentityProvider(octx(), adminId, undefined, providerInput({ slug: 'polku', issuer: `${op.issuer}/ei-ole`, domains: 'polku.fi' }));
    const otherName = saveIdentityProvider(octx(), adminId, undefined, providerInput({ slug: 'toinen-nimi', issuer: op.issuer.replace('localhost', '127.0.0.1'), domains: 'toinen-nimi.fi' }));
    if (!wrongPath.ok || !otherName.ok) throw new Error('not saved');
    expect(await tryIdentityProvider(octx(), adminId, wrongPath.id)).toMatchObject({ ok: false, error: 'not_found' });
    expect(await tryIdentityProvider(octx(), adminId, otherName.id)).toMatchObject({ ok: false, error: 'issuer_mismatch' });
    expect(discoveryMessage('issuer_mismatch')).toMatch(/ei vastaa/);
  });

  it('"Kokeile" finds the endpoints of a working provider', async () => {
    expect(await tryIdentityProvider(octx(), adminId, providerId)).toMatchObject({ ok: true, endSession: true });
  });
});
