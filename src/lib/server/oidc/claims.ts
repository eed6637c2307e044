/**
 * Pure decisions over a validated ID token's claims: who the person is at the
 * provider, whether the sign-in was multi-factor, which unit a new person
 * starts in and which subtrees the group claim makes them manager of.
 */
import { isEntraIssuer } from './issuer';

export type Claims = Record<string, unknown>;

export interface ProviderRules {
  issuer: string;
  domains: string[];
  defaultNodeId: number | null;
  unitClaim: string | null;
  unitMap: Record<string, number>;
  groupClaim: string | null;
  managerGroups: Record<string, number>;
  enforcesMfa: boolean;
  acrValue: string | null;
}

/**
 * The stable key of a person at the provider. Entra ID's `sub` is pairwise
 * per application, so its people are keyed by tenant and object id (`tid:oid`),
 * which SCIM also knows; everyone else by `sub`.
 */
export function subjectKey(issuer: string, claims: Claims): { subject: string; externalId: string | null } | null {
  if (isEntraIssuer(issuer)) {
    const tid = claims.tid;
    const oid = claims.oid;
    if (typeof tid !== 'string' || typeof oid !== 'string' || !tid || !oid) return null;
    return { subject: `${tid}:${oid}`, externalId: oid };
  }
  if (typeof claims.sub !== 'string' || !claims.sub) return null;
  return { subject: claims.sub, externalId: typeof claims.oid === 'string' ? claims.oid : claims.sub };
}

/** Authentication method classes of RFC 8176 `amr` values: something you know, have or are. */
const FACTOR_CLASS: Record<string, 'know' | 'have' | 'are'> = {
  pwd: 'know',
  pin: 'know',
  kba: 'know',
  otp: 'have',
  hwk: 'have',
  swk: 'have',
  sms: 'have',
  tel: 'have',
  sc: 'have',
  pop: 'have',
  fido: 'have',
  face: 'are',
  fpt: 'are',
  iris: 'are',
  retina: 'are',
  vbm: 'are',
  bio: 'are',
};

export type MfaBasis = 'amr' | 'acr' | 'provider' | null;

/**
 * Whether a sign-in counts as multi-factor, and why: `amr` says `mfa` or
 * names methods of two classes, or `acr` is the provider's configured value,
 * or the administrator has marked the provider as enforcing MFA itself.
 */
export function multiFactorBasis(rules: Pick<ProviderRules, 'enforcesMfa' | 'acrValue'>, claims: Claims): MfaBasis {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
  if (amr.includes('mfa')) return 'amr';
  const classes = new Set(amr.map((v) => FACTOR_CLASS[v]).filter(Boolean));
  if (classes.size >= 2) return 'amr';
  if (rules.acrValue && claims.acr === rules.acrValue) return 'acr';
  if (rules.enforcesMfa) return 'provider';
  return null;
}

/** The domain of an address, lowercased; '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}

/** True when the provider owns the address's domain. */
export function ownsEmail(rules: Pick<ProviderRules, 'domains'>, email: string): boolean {
  const domain = emailDomain(email);
  return domain !== '' && rules.domains.includes(domain);
}

/** The e-mail address to use for a first link or a new account; null when there is none fit for it. */
export function usableEmail(rules: Pick<ProviderRules, 'domains'>, claims: Claims): { email: string } | { problem: 'missing' | 'unverified' } {
  const raw = typeof claims.email === 'string' ? claims.email : typeof claims.preferred_username === 'string' && claims.preferred_username.includes('@') ? claims.preferred_username : '';
  const email = raw.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return { problem: 'missing' };
  // Entra's email claim carries no verification; only an owned domain makes it trustworthy.
  if (claims.email_verified !== true && !ownsEmail(rules, email)) return { problem: 'unverified' };
  return { email };
}

function claimValues(claims: Claims, name: string | null): string[] {
  if (!name) return [];
  const value = claims[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The unit a new person starts in: the mapped claim value, else the default unit, else undecided (null). */
export function decideUnit(rules: Pick<ProviderRules, 'unitClaim' | 'unitMap' | 'defaultNodeId'>, claims: Claims): number | null {
  for (const value of claimValues(claims, rules.unitClaim)) {
    const node = rules.unitMap[value];
    if (node !== undefined) return node;
  }
  return rules.defaultNodeId;
}

/** The subtrees the group claim makes the person a manager of (sorted, unique). */
export function managerScopesFromGroups(rules: Pick<ProviderRules, 'groupClaim' | 'managerGroups'>, claims: Claims): number[] {
  const nodes = claimValues(claims, rules.groupClaim)
    .map((g) => rules.managerGroups[g])
    .filter((n): n is number => n !== undefined);
  return [...new Set(nodes)].sort((a, b) => a - b);
}

/** A display name from the claims, or the address's local part. */
export function displayName(claims: Claims, email: string): string {
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  if (name) return name.slice(0, 150);
  const parts = [claims.given_name, claims.family_name].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return (parts.join(' ').trim() || email.split('@')[0]!).slice(0, 150);
}
