/**
 * Who a provider sign-in is, in one synchronous transaction: the identity
 * (issuer, subject) if known; else the person SCIM provisioned with the same
 * object id; else, for the first link only, the e-mail claim: an existing
 * account with that address is linked when the provider owns the domain or
 * when the same person is signed in with the password in this browser;
 * otherwise a new account is created just in time in the mapped unit. The
 * e-mail never authorises a later sign-in: the identity does.
 */
import type { DbClient } from '../db/client';
import type { IdentityProviderRow } from '../db/identity-providers';
import { findIdentity, insertIdentity, updateIdentity } from '../db/identities';
import { findScimUserByExternalId, findScimUserOfUser } from '../db/scim-users';
import { findUserByEmail, findUserById, getUserRoles, insertUser, setUserRoles, updateUser, type UserRow } from '../db/users';
import { startActiveMembership } from '../db/memberships';
import { findNode } from '../db/org';
import { listManagerScopeNodeIds, replaceManagerScopes } from '../accounts/scope';
import { decideUnit, displayName, managerScopesFromGroups, ownsEmail, subjectKey, usableEmail, type Claims, type ProviderRules } from './claims';

export type AccountError = 'no_subject' | 'email_missing' | 'email_unverified' | 'needs_password_proof' | 'disabled' | 'left';

export interface ResolvedAccount {
  user: UserRow;
  /** How the person was found: by identity, or how the identity was just linked or created. */
  how: 'identity' | 'scim' | 'domain' | 'password' | 'created';
  /** A new account whose unit could not be decided; the person chooses one and a manager confirms. */
  unitUndecided: boolean;
}

/** The provider row as the pure rules see it. */
export function rulesOf(provider: IdentityProviderRow): ProviderRules {
  return {
    issuer: provider.issuer,
    domains: provider.domains,
    defaultNodeId: provider.defaultNodeId,
    unitClaim: provider.unitClaim,
    unitMap: provider.unitMap,
    groupClaim: provider.groupClaim,
    managerGroups: provider.managerGroups,
    enforcesMfa: provider.enforcesMfa,
    acrValue: provider.acrValue,
  };
}

export interface ResolveInput {
  provider: IdentityProviderRow;
  /** The issuer as validated in the ID token. */
  issuer: string;
  claims: Claims;
  /** Who is signed in with a full session in this browser, if anyone (proof for linking). */
  signedInUserId: number | null;
  /** An argon2 hash nobody knows the password of, for accounts created here. */
  unusablePasswordHash: string;
  now: Date;
}

/** Finds, links or creates the account; call inside a transaction. */
export function resolveAccount(tx: DbClient, input: ResolveInput): { ok: true; account: ResolvedAccount } | { ok: false; error: AccountError; userId?: number } {
  const key = subjectKey(input.issuer, input.claims);
  if (!key) return { ok: false, error: 'no_subject' };
  const rules = rulesOf(input.provider);
  const known = findIdentity(tx, input.issuer, key.subject);
  let account: ResolvedAccount | undefined;
  if (known) {
    const user = findUserById(tx, known.userId)!;
    if (key.externalId && known.externalId !== key.externalId) updateIdentity(tx, known.id, { externalId: key.externalId });
    account = { user, how: 'identity', unitUndecided: false };
  }
  if (!account && key.externalId) {
    const provisioned = findScimUserByExternalId(tx, input.provider.id, key.externalId);
    if (provisioned) account = { user: findUserById(tx, provisioned.userId)!, how: 'scim', unitUndecided: false };
  }
  if (!account) {
    const usable = usableEmail(rules, input.claims);
    if ('problem' in usable) return { ok: false, error: usable.problem === 'missing' ? 'email_missing' : 'email_unverified' };
    const existing = findUserByEmail(tx, usable.email);
    if (existing) {
      if (ownsEmail(rules, usable.email)) account = { user: existing, how: 'domain', unitUndecided: false };
      else if (input.signedInUserId === existing.id) account = { user: existing, how: 'password', unitUndecided: false };
      else return { ok: false, error: 'needs_password_proof', userId: existing.id };
    } else {
      const userId = insertUser(tx, { email: usable.email, name: displayName(input.claims, usable.email), passwordHash: input.unusablePasswordHash, roles: ['learner'] }, input.now);
      const unit = decideUnit(rules, input.claims);
      const node = unit === null ? undefined : findNode(tx, unit);
      if (node && !node.archivedAt) startActiveMembership(tx, userId, node.id, null, input.now);
      account = { user: findUserById(tx, userId)!, how: 'created', unitUndecided: !node || Boolean(node.archivedAt) };
    }
  }
  if (account.user.disabledAt || account.user.erasedAt) return { ok: false, error: 'disabled', userId: account.user.id };
  if (findScimUserOfUser(tx, input.provider.id, account.user.id)?.active === false) return { ok: false, error: 'left', userId: account.user.id };

  const identity = known ?? findIdentity(tx, input.issuer, key.subject);
  const identityId =
    identity?.id ??
    insertIdentity(tx, { providerId: input.provider.id, userId: account.user.id, issuer: input.issuer, subject: key.subject, externalId: key.externalId, grantedScopes: [], createdAt: input.now });
  syncManagerScopes(tx, account.user.id, identityId, identity?.grantedScopes ?? [], managerScopesFromGroups(rules, input.claims).filter((n) => findNode(tx, n) !== undefined));
  updateIdentity(tx, identityId, { lastSignInAt: input.now });
  updateUser(tx, account.user.id, { lastLoginAt: input.now, inactivityWarnedAt: null });
  return { ok: true, account };
}

/**
 * The group claim grants manager scopes; what it granted before and no longer
 * does is taken away, scopes an administrator gave stay. The manager role
 * follows: added with a first scope, removed when the claim took the last one.
 */
function syncManagerScopes(tx: DbClient, userId: number, identityId: number, previous: number[], desired: number[]): void {
  if (!previous.length && !desired.length) return;
  const current = listManagerScopeNodeIds(tx, userId);
  const kept = current.filter((n) => !previous.includes(n) || desired.includes(n));
  const next = [...new Set([...kept, ...desired])];
  replaceManagerScopes(tx, userId, next);
  const roles = getUserRoles(tx, userId);
  if (desired.length && !roles.includes('manager')) setUserRoles(tx, userId, [...roles, 'manager']);
  if (!next.length && previous.length && roles.includes('manager')) setUserRoles(tx, userId, roles.filter((r) => r !== 'manager'));
  updateIdentity(tx, identityId, { grantedScopes: desired });
}
