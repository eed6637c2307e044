import type { APIRoute } from 'astro';
import { getDb } from '../../lib/server/db/client';
import { listPublicKeys } from '../../lib/server/certificates/keys';

export const prerender = false;

/** Every public key that has signed credentials (JWKS), retired ones included. */
export const GET: APIRoute = () => new Response(JSON.stringify({ keys: listPublicKeys(getDb()) }, null, 2), { headers: { 'content-type': 'application/jwk-set+json' } });
