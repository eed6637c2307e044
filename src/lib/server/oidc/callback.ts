/**
 * The provider sends the browser back: take the flow row (once), check the
 * cookie's secret and the `state`, exchange the code with the PKCE verifier,
 * validate the ID token fully (issuer, audience, expiry, nonce, signature
 * with an algorithm on the allow-list), find or create the account and open
 * a normal session. Every outcome is in the audit log with ids only.
 */
import * as client from 'openid-client';
import { findIdentityProvider } from '../db/identity-providers';
import { insertOidcSession, takeOidcFlow } from '../db/identities';
import { findTotpCredential } from '../db/totp';
import { getUserRoles } from '../db/users';
import { consumeRateLimit } from '../auth/rate-limit';
import { parseSplitToken, verifySecret } from '../auth/tokens';
import { createSession } from '../auth/session';
import { rolesRequireSecondFactor } from '../auth/permissions';
import type { SessionInfo } from '../auth/types';
import { audit, type Result } from '../accounts/context';
import { ALLOWED_ID_TOKEN_ALGS, DiscoveryError, discoverProvider, jwtAlgorithm, type DiscoveryProblem } from './client';
import { multiFactorBasis, type Claims } from './claims';
import { resolveAccount, rulesOf, type AccountError } from './accounts';
import { redirectUri, type OidcContext } from './context';

export type CallbackError =
  | 'rate_limited'
  | 'state'
  | 'provider_error'
  | 'no_provider'
  | 'discovery'
  | 'code_rejected'
  | 'id_token'
  | AccountError;

export interface CallbackSuccess {
  token: string;
  session: SessionInfo;
  userId: number;
  /** Where to send the browser: the return path, the second-factor step or enrolment. */
  redirect: string;
}

export interface CallbackInput {
  /** The callback URL as the browser requested it (query included). */
  url: URL;
  /** The flow cookie's value. */
  flowToken: string | undefined;
  signedInUserId: number | null;
  userAgent: string | null;
  unusablePasswordHash: () => Promise<string>;
}

type Failed = { ok: false; error: CallbackError; problem?: DiscoveryProblem; retryAfterMs?: number };

/** Why the token endpoint or the ID token was refused, in our terms. */
function classifyGrantError(error: unknown): { error: CallbackError; problem?: DiscoveryProblem; reason: string } {
  const e = error as { name?: string; code?: string; error?: string; message?: string; cause?: unknown };
  if (e instanceof client.ResponseBodyError || e?.error) return { error: 'code_rejected', reason: String(e.error ?? 'token_error') };
  if (/TimeoutError|AbortError/.test(`${e?.name} ${(e?.cause as { name?: string })?.name}`)) return { error: 'discovery', problem: 'timeout', reason: 'timeout' };
  if (/fetch failed|ECONNREFUSED/.test(`${e?.message} ${(e?.cause as { code?: string })?.code}`)) return { error: 'discovery', problem: 'unreachable', reason: 'unreachable' };
  const claim = /unexpected JWT "(\w+)"|"(\w+)" claim/.exec(String(e?.message))?.slice(1).find(Boolean);
  return { error: 'id_token', reason: claim ? `claim_${claim}` : String(e?.code ?? 'invalid') };
}

/** Completes the sign-in; on success the page sets the session cookie and redirects. */
export async function completeOrganisationSignIn(ctx: OidcContext, input: CallbackInput): Promise<Result<CallbackSuccess, CallbackError> | Failed> {
  const limit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'oidc.ip', ctx.ip, ctx.now);
  if (!limit.allowed) return { ok: false, error: 'rate_limited', retryAfterMs: limit.retryAfterMs };
  const fail = (error: CallbackError, providerId: number | null, reason: string, extra: { userId?: number; problem?: DiscoveryProblem } = {}): Failed => {
    audit(ctx, { actorId: extra.userId ?? null, action: 'oidc.failed', targetType: providerId ? 'identity_provider' : null, targetId: providerId, details: { reason } });
    return { ok: false, error, ...(extra.problem ? { problem: extra.problem } : {}) };
  };

  const parsed = parseSplitToken(input.flowToken);
  const flow = parsed ? ctx.db.transaction((tx) => takeOidcFlow(tx, parsed.id)) : undefined;
  if (!parsed || !flow) return fail('state', null, parsed ? 'unknown_flow' : 'missing_flow_cookie');
  if (!verifySecret(parsed.secret, new Uint8Array(flow.secretHash))) return fail('state', flow.providerId, 'flow_secret');
  if (flow.expiresAt.getTime() <= ctx.now.getTime()) return fail('state', flow.providerId, 'flow_expired');
  const returnedState = input.url.searchParams.get('state');
  if (returnedState !== flow.state) return fail('state', flow.providerId, returnedState ? 'state_mismatch' : 'state_missing');
  if (input.url.searchParams.has('error')) return fail('provider_error', flow.providerId, `provider:${input.url.searchParams.get('error')!.slice(0, 60)}`);

  const provider = findIdentityProvider(ctx.db, flow.providerId);
  if (!provider || !provider.enabled) return fail('no_provider', flow.providerId, 'provider_disabled');
  let config: client.Configuration;
  try {
    config = await discoverProvider(provider, ctx.key, ctx.transport, ctx.now);
  } catch (error) {
    const problem = error instanceof DiscoveryError ? error.problem : 'invalid_metadata';
    return fail('discovery', provider.id, `discovery_${problem}`, { problem });
  }

  // The library derives redirect_uri from this URL: it must be exactly the registered one.
  const callbackUrl = new URL(`${redirectUri(ctx.config.siteUrl)}${input.url.search}`);
  let claims: Claims;
  let issuer: string;
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const alg = tokens.id_token ? jwtAlgorithm(tokens.id_token) : undefined;
    if (!alg || !(ALLOWED_ID_TOKEN_ALGS as readonly string[]).includes(alg)) return fail('id_token', provider.id, `alg_${alg ?? 'missing'}`);
    const validated = tokens.claims();
    if (!validated) return fail('id_token', provider.id, 'id_token_missing');
    claims = validated as Claims;
    issuer = validated.iss;
  } catch (error) {
    const classified = classifyGrantError(error);
    return fail(classified.error, provider.id, classified.reason, classified.problem ? { problem: classified.problem } : {});
  }

  const unusablePasswordHash = await input.unusablePasswordHash();
  const mfa = multiFactorBasis(rulesOf(provider), claims);
  const outcome = ctx.db.transaction((tx) => {
    const resolved = resolveAccount(tx, { provider, issuer, claims, signedInUserId: input.signedInUserId, unusablePasswordHash, now: ctx.now });
    if (!resolved.ok) return resolved;
    const user = resolved.account.user;
    const roles = getUserRoles(tx, user.id);
    const hasTotp = findTotpCredential(tx, user.id) !== undefined;
    // A multi-factor provider sign-in is the second factor; otherwise a TOTP holder still enters a code.
    const created = createSession(tx, { id: user.id, name: user.name, email: user.email, roles }, { twoFactorVerified: mfa !== null || !hasTotp, userAgent: input.userAgent }, ctx.config.sessionTimeouts, ctx.now);
    insertOidcSession(tx, { sessionId: created.session.id, providerId: provider.id, multiFactor: mfa !== null });
    return { ok: true as const, account: resolved.account, created, roles, hasTotp };
  });
  if (!outcome.ok) return fail(outcome.error, provider.id, outcome.error, { userId: outcome.userId });

  const { account, created, roles, hasTotp } = outcome;
  if (account.how === 'created') audit(ctx, { actorId: account.user.id, action: 'oidc.account_created', targetType: 'user', targetId: account.user.id, details: { providerId: provider.id, unitDecided: !account.unitUndecided } });
  if (account.how !== 'identity' && account.how !== 'created') audit(ctx, { actorId: account.user.id, action: 'oidc.linked', targetType: 'user', targetId: account.user.id, details: { providerId: provider.id, proof: account.how } });
  audit(ctx, { actorId: account.user.id, action: 'oidc.sign_in', targetType: 'identity_provider', targetId: provider.id, details: { multiFactor: mfa ?? 'none' } });

  let redirect = flow.returnTo;
  if (!created.session.twoFactorVerified) redirect = `/kirjaudu/vahvistus?palaa=${encodeURIComponent(flow.returnTo)}`;
  else if (mfa === null && !hasTotp && rolesRequireSecondFactor(roles)) redirect = '/profiili/kaksivaiheinen?vaaditaan=1';
  else if (account.unitUndecided) redirect = '/profiili?ilmoitus=valitse-organisaatio';
  else if (redirect === '/' && account.how === 'created') redirect = '/omat-kurssit?ilmoitus=tervetuloa';
  return { ok: true, token: created.token, session: created.session, userId: account.user.id, redirect };
}
