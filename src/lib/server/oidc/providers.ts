/**
 * Administering identity providers: add and edit (the client secret is
 * encrypted before it is stored, and kept when the field is left empty),
 * "Kokeile" (discovery, with a Finnish account of what is wrong), and the SCIM
 * token (shown once, stored as SHA-256). Changing "the provider enforces
 * MFA" is audit-logged on its own, since it decides who skips TOTP.
 */
import { findIdentityProvider, findIdentityProviderBySlug, insertIdentityProvider, setScimTokenHash, updateIdentityProvider, type IdentityProviderRow, type IdentityProviderValues } from '../db/identity-providers';
import { findNode } from '../db/org';
import { generateRandomString, hashSecret } from '../auth/tokens';
import { audit, type Result, type ServiceContext } from '../accounts/context';
import { DiscoveryError, discoverProvider, forgetProviderConfigurations, type DiscoveryProblem } from './client';
import { checkIssuerUrl, type IssuerProblem } from './issuer';
import { encryptSecret } from './secret-box';
import type { OidcContext } from './context';

export interface ProviderInput {
  name: string;
  slug: string;
  issuer: string;
  clientId: string;
  /** Empty when editing keeps the stored secret. */
  clientSecret: string;
  scopes: string;
  /** Comma- or space-separated domains. */
  domains: string;
  defaultNodeId: number | null;
  unitClaim: string;
  /** Lines `claim value = node id`. */
  unitMap: string;
  groupClaim: string;
  /** Lines `group id = node id`. */
  managerGroups: string;
  enforcesMfa: boolean;
  acrValue: string;
  passwordOff: boolean;
  enabled: boolean;
}

export type ProviderError = 'not_found' | 'name' | 'slug' | 'slug_taken' | IssuerProblem | 'client_id' | 'client_secret' | 'scopes' | 'domains' | 'node' | 'unit_map' | 'manager_groups';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Parses `value = node id` lines; undefined when a line is malformed or names no node. */
function parseNodeMap(ctx: ServiceContext, text: string): Record<string, number> | undefined {
  const map: Record<string, number> = {};
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^(.{1,200}?)\s*=\s*(\d{1,9})$/.exec(line);
    if (!m || !findNode(ctx.db, Number(m[2]))) return undefined;
    map[m[1]!] = Number(m[2]);
  }
  return map;
}

/** Formats a node map back into lines for the form. */
export function formatNodeMap(map: Record<string, number>): string {
  return Object.entries(map)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
}

function validate(ctx: OidcContext, input: ProviderInput, existing: IdentityProviderRow | undefined): Result<{ values: IdentityProviderValues }, ProviderError> {
  const name = input.name.trim();
  if (!name || name.length > 80) return { ok: false, error: 'name', field: 'name' };
  const slug = input.slug.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(slug)) return { ok: false, error: 'slug', field: 'slug' };
  const other = findIdentityProviderBySlug(ctx.db, slug);
  if (other && other.id !== existing?.id) return { ok: false, error: 'slug_taken', field: 'slug' };
  const issuerProblem = checkIssuerUrl(input.issuer);
  if (issuerProblem) return { ok: false, error: issuerProblem, field: 'issuer' };
  const clientId = input.clientId.trim();
  if (!clientId || clientId.length > 200) return { ok: false, error: 'client_id', field: 'clientId' };
  const secret = input.clientSecret.trim();
  if ((!existing && !secret) || secret.length > 500) return { ok: false, error: 'client_secret', field: 'clientSecret' };
  const scopes = input.scopes.trim().split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid') || scopes.some((s) => !/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/.test(s))) return { ok: false, error: 'scopes', field: 'scopes' };
  const domains = [...new Set(input.domains.toLowerCase().split(/[\s,;]+/).filter(Boolean))];
  if (domains.some((d) => !DOMAIN.test(d))) return { ok: false, error: 'domains', field: 'domains' };
  if (input.defaultNodeId !== null && !findNode(ctx.db, input.defaultNodeId)) return { ok: false, error: 'node', field: 'defaultNodeId' };
  const unitMap = parseNodeMap(ctx, input.unitMap);
  if (!unitMap) return { ok: false, error: 'unit_map', field: 'unitMap' };
  const managerGroups = parseNodeMap(ctx, input.managerGroups);
  if (!managerGroups) return { ok: false, error: 'manager_groups', field: 'managerGroups' };
  return {
    ok: true,
    values: {
      name,
      slug,
      issuer: new URL(input.issuer.trim()).href.replace(/\/$/, (m) => (input.issuer.trim().endsWith('/') ? m : '')),
      clientId,
      clientSecretEncrypted: secret ? encryptSecret(ctx.key, secret) : existing!.clientSecretEncrypted,
      scopes: [...new Set(scopes)].join(' '),
      domains,
      defaultNodeId: input.defaultNodeId,
      unitClaim: input.unitClaim.trim() || null,
      unitMap,
      groupClaim: input.groupClaim.trim() || null,
      managerGroups,
      enforcesMfa: input.enforcesMfa,
      acrValue: input.acrValue.trim() || null,
      passwordOff: input.passwordOff,
      enabled: input.enabled,
    },
  };
}

/** Adds a provider (id undefined) or edits one. */
export function saveIdentityProvider(ctx: OidcContext, actorId: number, id: number | undefined, input: ProviderInput): Result<{ id: number }, ProviderError> {
  const existing = id === undefined ? undefined : findIdentityProvider(ctx.db, id);
  if (id !== undefined && !existing) return { ok: false, error: 'not_found' };
  const checked = validate(ctx, input, existing);
  if (!checked.ok) return checked;
  const savedId = ctx.db.transaction((tx) => {
    const providerId = existing ? existing.id : insertIdentityProvider(tx, checked.values, ctx.now);
    if (existing) updateIdentityProvider(tx, existing.id, checked.values, ctx.now);
    audit(ctx, { actorId, action: existing ? 'oidc.provider_changed' : 'oidc.provider_added', targetType: 'identity_provider', targetId: providerId, details: { secretChanged: Boolean(input.clientSecret.trim()), enabled: checked.values.enabled } }, tx);
    if ((existing?.enforcesMfa ?? false) !== checked.values.enforcesMfa) {
      audit(ctx, { actorId, action: 'oidc.provider_mfa_enforced', targetType: 'identity_provider', targetId: providerId, details: { enforcesMfa: checked.values.enforcesMfa } }, tx);
    }
    return providerId;
  });
  forgetProviderConfigurations();
  return { ok: true, id: savedId };
}

/** "Kokeile": runs discovery now; ok with the endpoints found, or the problem. */
export async function tryIdentityProvider(ctx: OidcContext, actorId: number, id: number): Promise<Result<{ authorizationEndpoint: string; endSession: boolean }, 'not_found' | DiscoveryProblem>> {
  const provider = findIdentityProvider(ctx.db, id);
  if (!provider) return { ok: false, error: 'not_found' };
  forgetProviderConfigurations();
  try {
    const config = await discoverProvider(provider, ctx.key, ctx.transport, ctx.now);
    const metadata = config.serverMetadata();
    audit(ctx, { actorId, action: 'oidc.provider_tried', targetType: 'identity_provider', targetId: id, details: { ok: true } });
    return { ok: true, authorizationEndpoint: metadata.authorization_endpoint ?? '', endSession: Boolean(metadata.end_session_endpoint) };
  } catch (error) {
    const problem = error instanceof DiscoveryError ? error.problem : 'invalid_metadata';
    audit(ctx, { actorId, action: 'oidc.provider_tried', targetType: 'identity_provider', targetId: id, details: { ok: false, reason: problem } });
    return { ok: false, error: problem };
  }
}

/** A new SCIM bearer token for the provider; the old one stops working. Shown once. */
export function issueScimToken(ctx: ServiceContext, actorId: number, id: number): Result<{ token: string }, 'not_found'> {
  if (!findIdentityProvider(ctx.db, id)) return { ok: false, error: 'not_found' };
  const token = `scim_${generateRandomString(32)}`;
  setScimTokenHash(ctx.db, id, hashSecret(token), ctx.now);
  audit(ctx, { actorId, action: 'scim.token_issued', targetType: 'identity_provider', targetId: id });
  return { ok: true, token };
}
