/**
 * The relying-party side through `openid-client` (v6): discovery from the
 * issuer URL with a timeout, the provider's configuration cached in memory
 * for an hour, and the transport (fetch, timeout) injectable for tests.
 * Nothing here runs at build time: discovery happens on the first sign-in,
 * the first "Kokeile" or a sign-out link, never on import.
 * Plain-http issuers are refused: `allowInsecureRequests` is never used.
 */
import * as client from 'openid-client';
import type { IdentityProviderRow } from '../db/identity-providers';
import { decryptSecret } from './secret-box';

export interface OidcTransport {
  /** Seconds for every request to the provider (discovery, JWKS, token). */
  timeoutSeconds: number;
  /** Tests pass a fetch that trusts their own CA or rewrites responses. */
  fetch?: client.CustomFetch;
}

/** Production: global fetch, 10 s. */
export const DEFAULT_TRANSPORT: OidcTransport = { timeoutSeconds: 10 };

/** ID token signature algorithms we accept; symmetric and `none` never. */
export const ALLOWED_ID_TOKEN_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

export type DiscoveryProblem = 'insecure' | 'timeout' | 'unreachable' | 'not_found' | 'invalid_metadata' | 'issuer_mismatch';

export class DiscoveryError extends Error {
  constructor(readonly problem: DiscoveryProblem, cause?: unknown) {
    super(`OpenID discovery failed: ${problem}`, { cause });
    this.name = 'DiscoveryError';
  }
}

const CACHE_MS = 60 * 60_000;
const cache = new Map<string, { at: number; config: client.Configuration }>();

/**
 * Seconds between our clock (the context's `now`) and the machine's, for the
 * library's expiry checks. Under a minute counts as none, so production keeps
 * one cached configuration; tests that move their clock get their own.
 */
function clockSkewSeconds(now: Date): number {
  const diff = Math.round((now.getTime() - Date.now()) / 1000);
  return Math.abs(diff) < 60 ? 0 : diff;
}

function cacheKey(provider: IdentityProviderRow, transport: OidcTransport, skew: number): string {
  return `${provider.id}:${provider.updatedAt.getTime()}:${transport.timeoutSeconds}:${transport.fetch ? 'custom' : 'global'}:${skew}`;
}

/** Maps what `openid-client` and fetch throw to a problem an administrator can act on. */
export function classifyDiscoveryError(error: unknown): DiscoveryProblem {
  const e = error as { name?: string; code?: string; message?: string; cause?: { name?: string; code?: string; status?: number } };
  const names = [e?.name, e?.code, e?.cause?.name, e?.cause?.code].filter(Boolean).join(' ');
  const message = String(e?.message ?? '');
  if (/TimeoutError|AbortError|UND_ERR_.*TIMEOUT|ETIMEDOUT/.test(names) || /aborted|timeout/i.test(message)) return 'timeout';
  if (/only requests to HTTPS are allowed|http:/i.test(message) || /HTTP_REQUEST_FORBIDDEN/.test(names)) return 'insecure';
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(names) || /fetch failed/i.test(message)) return 'unreachable';
  if (/issuer/i.test(message) && /match|expected/i.test(message)) return 'issuer_mismatch';
  if (/RESPONSE_IS_NOT_CONFORM|unexpected HTTP response status code/i.test(`${names} ${message}`) || e?.cause?.status === 404) return 'not_found';
  return 'invalid_metadata';
}

/**
 * The provider's configuration from its discovery document.
 * @throws {DiscoveryError}
 */
export async function discoverProvider(provider: IdentityProviderRow, key: Buffer, transport: OidcTransport, now: Date): Promise<client.Configuration> {
  const skew = clockSkewSeconds(now);
  const k = cacheKey(provider, transport, skew);
  const hit = cache.get(k);
  if (hit && now.getTime() - hit.at < CACHE_MS) return hit.config;
  let url: URL;
  try {
    url = new URL(provider.issuer);
  } catch (error) {
    throw new DiscoveryError('invalid_metadata', error);
  }
  if (url.protocol !== 'https:') throw new DiscoveryError('insecure');
  try {
    const config = await client.discovery(
      url,
      provider.clientId,
      { client_secret: decryptSecret(key, provider.clientSecretEncrypted), [client.clockSkew]: skew, [client.clockTolerance]: 30 },
      undefined,
      { timeout: transport.timeoutSeconds, ...(transport.fetch ? { [client.customFetch]: transport.fetch } : {}) },
    );
    if (transport.fetch) config[client.customFetch] = transport.fetch;
    config.timeout = transport.timeoutSeconds;
    cache.set(k, { at: now.getTime(), config });
    return config;
  } catch (error) {
    throw new DiscoveryError(classifyDiscoveryError(error), error);
  }
}

/** Forgets cached configurations (after an edit, and between tests). */
export function forgetProviderConfigurations(): void {
  cache.clear();
}

/** The signature algorithm named in a JWT's protected header. */
export function jwtAlgorithm(jwt: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: unknown };
    return typeof header.alg === 'string' ? header.alg : undefined;
  } catch {
    return undefined;
  }
}
