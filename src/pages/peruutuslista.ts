import type { APIRoute } from 'astro';
import { getConfig } from '../lib/server/config';
import { getDb } from '../lib/server/db/client';
import { listRevokedCertificates } from '../lib/server/db/certificates';
import { revocationList } from '../lib/server/certificates/credential';

export const prerender = false;

/** The 1EdTech revocation list every credential's `credentialStatus` points at. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(revocationList(getConfig().siteUrl, listRevokedCertificates(getDb())), null, 2), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' },
  });
