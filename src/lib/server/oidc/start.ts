/**
 * Starting an organisation sign-in: pick the provider (by button or by the
 * typed address's domain), discover it, and send the browser to its
 * authorization endpoint with PKCE (S256), `state` and `nonce`. They are kept
 * in an `oidc_flow` row for ten minutes; the browser holds only the row's
 * `<id>.<secret>` in an HttpOnly, SameSite=Lax cookie.
 */
import * as client from 'openid-client';
import { findIdentityProviderBySlug, listIdentityProviders, type IdentityProviderRow } from '../db/identity-providers';
import { deleteExpiredOidcFlows, insertOidcFlow } from '../db/identities';
import { consumeRateLimit } from '../auth/rate-limit';
import { createSplitToken } from '../auth/tokens';
import { safeReturnPath } from '../web/access';
import { audit, type Result } from '../accounts/context';
import { DiscoveryError, discoverProvider, type DiscoveryProblem } from './client';
import { emailDomain } from './claims';
import { redirectUri, type OidcContext } from './context';

export const FLOW_TTL_MS = 10 * 60_000;

export type StartError = 'no_provider' | 'rate_limited' | 'discovery';

/** The enabled provider that owns the address's domain, if any. */
export function providerForEmail(providers: IdentityProviderRow[], email: string): IdentityProviderRow | undefined {
  const domain = emailDomain(email);
  if (!domain) return undefined;
  return providers.find((p) => p.enabled && p.domains.includes(domain));
}

/** Builds the authorization request and stores the flow; the page sets the cookie and redirects. */
export async function startOrganisationSignIn(
  ctx: OidcContext,
  input: { provider?: string; email?: string; returnTo?: string },
): Promise<Result<{ url: string; flowToken: string; maxAgeSeconds: number }, StartError> & { problem?: DiscoveryProblem }> {
  const limit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'oidc.ip', ctx.ip, ctx.now);
  if (!limit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: limit.retryAfterMs };
  const provider = input.provider ? findIdentityProviderBySlug(ctx.db, input.provider) : input.email ? providerForEmail(listIdentityProviders(ctx.db), input.email) : undefined;
  if (!provider || !provider.enabled) return { ok: false, error: 'no_provider', field: input.email ? 'email' : undefined };
  let config: client.Configuration;
  try {
    config = await discoverProvider(provider, ctx.key, ctx.transport, ctx.now);
  } catch (error) {
    const problem = error instanceof DiscoveryError ? error.problem : 'invalid_metadata';
    audit(ctx, { actorId: null, action: 'oidc.failed', targetType: 'identity_provider', targetId: provider.id, details: { stage: 'discovery', reason: problem } });
    return { ok: false, error: 'discovery', problem };
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const flow = createSplitToken();
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri(ctx.config.siteUrl),
    scope: provider.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (input.email && provider.domains.includes(emailDomain(input.email))) parameters.login_hint = input.email.trim().toLowerCase();
  if (provider.acrValue) parameters.acr_values = provider.acrValue;
  ctx.db.transaction((tx) => {
    deleteExpiredOidcFlows(tx, ctx.now);
    insertOidcFlow(tx, {
      id: flow.id,
      secretHash: Buffer.from(flow.secretHash),
      providerId: provider.id,
      state,
      nonce,
      codeVerifier,
      returnTo: safeReturnPath(input.returnTo),
      expiresAt: new Date(ctx.now.getTime() + FLOW_TTL_MS),
    });
  });
  return { ok: true, url: client.buildAuthorizationUrl(config, parameters).href, flowToken: flow.token, maxAgeSeconds: FLOW_TTL_MS / 1000 };
}
