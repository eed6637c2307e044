/**
 * Password sign-in and reset are off for addresses in a domain an enabled
 * provider owns (when the provider says so), except for administrators, who
 * keep password + TOTP so that a provider outage never locks everyone out.
 */
import type { DbClient } from '../db/client';
import { listIdentityProviders, type IdentityProviderRow } from '../db/identity-providers';
import { findUserByEmail, getUserRoles } from '../db/users';
import { providerForEmail } from './start';

/**
 * The provider whose domain the address is in, when that provider turns
 * password sign-in off. The answer does not depend on whether an account (or
 * an administrator's account) exists, so the sign-in and reset pages can use
 * it without telling anyone which addresses have accounts.
 */
export function passwordOffProvider(db: DbClient, email: string): IdentityProviderRow | undefined {
  const provider = providerForEmail(listIdentityProviders(db), email);
  return provider?.passwordOff ? provider : undefined;
}

/** The provider that takes over the address's sign-in, or undefined when the password form may be used. */
export function passwordSignInTakenOver(db: DbClient, email: string): IdentityProviderRow | undefined {
  const provider = providerForEmail(listIdentityProviders(db), email);
  if (!provider || !provider.passwordOff) return undefined;
  const user = findUserByEmail(db, email);
  if (user && getUserRoles(db, user.id).includes('admin')) return undefined;
  return provider;
}
