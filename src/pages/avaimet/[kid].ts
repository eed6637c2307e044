import type { APIRoute } from 'astro';
import { getConfig } from '../../lib/server/config';
import { findSigningKey, publishedKey } from '../../lib/server/certificates/keys';

export const prerender = false;

/** One public key: what a credential's `kid` URL dereferences to (its `kid` is that same URL). */
export const GET: APIRoute = ({ params, locals }) => {
  const key = params.kid && /^[\w-]{20,100}$/.test(params.kid) ? findSigningKey(locals.ctx.db, params.kid) : undefined;
  if (!key) return new Response(JSON.stringify({ error: 'not_found' }), { status: 404, headers: { 'content-type': 'application/json' } });
  return new Response(JSON.stringify(publishedKey(key, getConfig().siteUrl), null, 2), { headers: { 'content-type': 'application/jwk+json', 'cache-control': 'no-cache' } });
};
