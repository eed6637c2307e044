import type { APIRoute } from 'astro';
import { getConfig } from '../lib/server/config';
import { credentialSite, issuerProfile } from '../lib/server/certificates/credential';

export const prerender = false;

/** The issuer's Open Badges Profile, which every credential names as its issuer (the same fields, with `@context`). */
export const GET: APIRoute = () => {
  const c = getConfig();
  return new Response(JSON.stringify(issuerProfile(credentialSite(c), c.orgName, c.orgContactEmail), null, 2), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
