import type { APIRoute } from 'astro';
import { getConfig } from '../lib/server/config';
import { listRevokedCertificatesFor } from '~/lib/server/certificates/revoke';
import { revocationList } from '../lib/server/certificates/credential';

export const prerender = false;

/** The 1EdTech revocation list every credential's `credentialStatus` points at. */
export const GET: APIRoute = ({ locals }) =>
  new Response(JSON.stringify(revocationList(getConfig().siteUrl, listRevokedCertificatesFor(locals.ctx)), null, 2), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' },
  });
