/** RP-initiated logout: the provider's end-session URL for "sign out there too", when it publishes one. */
import * as client from 'openid-client';
import { findIdentityProviderBySlug } from '../db/identity-providers';
import { discoverProvider } from './client';
import { postLogoutRedirectUri, type OidcContext } from './context';

/** The URL to send the browser to, or undefined when the provider has no end-session endpoint (or cannot be reached). */
export async function providerLogoutUrl(ctx: OidcContext, slug: string): Promise<string | undefined> {
  const provider = findIdentityProviderBySlug(ctx.db, slug);
  if (!provider || !provider.enabled) return undefined;
  try {
    const config = await discoverProvider(provider, ctx.key, ctx.transport, ctx.now);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { client_id: provider.clientId, post_logout_redirect_uri: postLogoutRedirectUri(ctx.config.siteUrl) }).href;
  } catch {
    return undefined;
  }
}
