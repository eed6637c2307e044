/** What the organisation sign-in flows need beyond a {@link ServiceContext}: the key for client secrets and the transport to providers. */
import type { ServiceContext } from '../accounts/context';
import { DEFAULT_TRANSPORT, type OidcTransport } from './client';
import { ensureIdentityKey } from './secret-box';

export interface OidcContext extends ServiceContext {
  key: Buffer;
  transport: OidcTransport;
}

/** A context for a request: the production transport unless a test gives its own. */
export function oidcContextFor(ctx: ServiceContext, transport: OidcTransport = DEFAULT_TRANSPORT): OidcContext {
  return { ...ctx, key: ensureIdentityKey(ctx.config.dataDir), transport };
}

/** Where providers send people back, and where they land after signing out there. */
export function redirectUri(siteUrl: string): string {
  return `${siteUrl}/kirjaudu/organisaatio/paluu`;
}

export function postLogoutRedirectUri(siteUrl: string): string {
  return `${siteUrl}/kirjaudu?ilmoitus=uloskirjautuminen`;
}
