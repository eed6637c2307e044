/** What the sign-in and provider administration pages show, so they read no data layer themselves. */
import type { DbClient } from '../db/client';
import { findIdentityProvider, listIdentityProviders } from '../db/identity-providers';
import { invalidateSession } from '../auth/session';
import { listTree } from '../accounts/org-tree';

/** Providers offered on the sign-in page: the enabled ones. */
export function listSignInProviders(db: DbClient) {
  return listIdentityProviders(db).filter((p) => p.enabled);
}

/** Every provider, with the units an administrator may map people to. */
export function loadProviderList(db: DbClient) {
  return { providers: listIdentityProviders(db), nodes: listTree(db).map((n) => ({ id: n.id, label: n.label })) };
}

/** One provider for its administration page, or undefined. */
export function loadProviderPage(db: DbClient, id: number | undefined) {
  const provider = id === undefined ? undefined : findIdentityProvider(db, id);
  return provider ? { provider, nodes: listTree(db).map((n) => ({ id: n.id, label: n.label })) } : undefined;
}

/** Ends the session this browser had before a new sign-in. */
export function endPreviousSession(db: DbClient, sessionId: string): void {
  invalidateSession(db, sessionId);
}
