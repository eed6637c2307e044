/**
 * A real OpenID provider for tests: `oidc-provider` over HTTPS (a test CA) on
 * a free port, with one confidential client, accounts the test defines and a
 * login step that finishes by itself as the person the test chose, with the
 * `amr`/`acr` the test chose. Consent is granted automatically.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, exportJWK, type JWK } from 'jose';
import Provider from 'oidc-provider';
import type { TestCa } from './test-ca';

export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  unit?: string;
  [claim: string]: unknown;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's signing key (private), for tests that forge a token with it. */
  signingJwk: JWK;
  /** Who the next login at the provider is, and how they authenticated. */
  loginAs: (sub: string, how?: { amr?: string[]; acr?: string }) => void;
  /** Follows the authorization request through the provider; returns the callback URL it redirects to. */
  authorize: (authorizationUrl: string) => Promise<URL>;
  stop: () => Promise<void>;
}

export async function startTestProvider(ca: TestCa, options: { accounts: TestAccount[]; redirectUris: string[]; postLogoutRedirectUris?: string[] }): Promise<TestProvider> {
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
  let next: { sub: string; amr?: string[]; acr?: string } | undefined;
  let provider: Provider | undefined;
  const server = https.createServer({ key: ca.key, cert: ca.cert }, async (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      try {
        if (!next) throw new Error('no login chosen');
        await provider!.interactionFinished(req, res, { login: { accountId: next.sub, amr: next.amr, acr: next.acr } }, { mergeWithLastSubmission: false });
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
      return;
    }
    provider!.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `https://localhost:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'tyokykyakatemia';
  const clientSecret = 'testisalaisuus-joka-on-riittavan-pitka-0123456789';
  provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, post_logout_redirect_uris: options.postLogoutRedirectUris ?? [], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [signingJwk as never] },
    cookies: { keys: ['testin-evasteavain'] },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'acr', 'amr'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'], groups: ['groups'], unit: ['unit'] },
    scopes: ['openid', 'email', 'profile', 'groups', 'unit'],
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ ...account }) };
    },
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile groups unit');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('test provider error', error));

  /** Cookies per name, for the test's walk through the provider. */
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  return {
    issuer,
    clientId,
    clientSecret,
    signingJwk,
    loginAs: (sub, how = {}) => {
      next = { sub, ...how };
      jar.clear();
    },
    async authorize(authorizationUrl) {
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop++) {
        if (url.origin !== issuer) return url;
        const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
        remember(response);
        const location = response.headers.get('location');
        if (!location) throw new Error(`provider answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        url = new URL(location, url);
      }
      throw new Error('too many redirects at the provider');
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
