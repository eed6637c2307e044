import type { APIRoute } from 'astro';
import { getConfig } from '../../lib/server/config';
import { publishedKeySet } from '../../lib/server/certificates/keys';

export const prerender = false;

/** Every public key that has signed credentials (JWKS), retired ones included; each `kid` is the key's URL, as JWT headers carry it. */
export const GET: APIRoute = ({ locals }) =>
  new Response(JSON.stringify(publishedKeySet(locals.ctx.db, getConfig().siteUrl), null, 2), { headers: { 'content-type': 'application/jwk-set+json', 'cache-control': 'no-cache' } });
