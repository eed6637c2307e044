import type { APIRoute } from 'astro';
import { getDb } from '../../lib/server/db/client';
import { findSigningKey } from '../../lib/server/certificates/keys';

export const prerender = false;

/** One public key: what a credential's `kid` URL dereferences to. */
export const GET: APIRoute = ({ params }) => {
  const key = params.kid && /^[\w-]{20,100}$/.test(params.kid) ? findSigningKey(getDb(), params.kid) : undefined;
  if (!key) return new Response(JSON.stringify({ error: 'not_found' }), { status: 404, headers: { 'content-type': 'application/json' } });
  return new Response(JSON.stringify(key.publicJwk, null, 2), { headers: { 'content-type': 'application/jwk+json' } });
};
