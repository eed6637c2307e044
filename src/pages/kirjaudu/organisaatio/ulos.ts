/** "Kirjaudu ulos myös organisaation palvelusta": sends the browser to the provider's end-session endpoint (no local state changes). */
import type { APIRoute } from 'astro';
import { providerLogoutUrl } from '../../../lib/server/oidc/logout';
import { oidcContextForRequest } from '../../../lib/server/oidc/web';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const slug = context.url.searchParams.get('palvelu') ?? '';
  const target = /^[a-z0-9-]{1,40}$/.test(slug) ? await providerLogoutUrl(oidcContextForRequest(context), slug) : undefined;
  return context.redirect(target ?? '/kirjaudu?ilmoitus=uloskirjautuminen', 303);
};
