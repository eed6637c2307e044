/** What the guard and sign-out need to know about a session opened through a provider. */
import type { DbClient } from '../db/client';
import { findOidcSession } from '../db/identities';

/** True when the session was opened by a provider sign-in that counted as multi-factor. */
export function hasProviderMultiFactor(db: DbClient, sessionId: string): boolean {
  return findOidcSession(db, sessionId)?.multiFactor === true;
}

/** The provider that opened the session, if one did (for RP-initiated logout). */
export function providerOfSession(db: DbClient, sessionId: string): number | undefined {
  return findOidcSession(db, sessionId)?.providerId;
}
