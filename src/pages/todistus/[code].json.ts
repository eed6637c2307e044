import type { APIRoute } from 'astro';
import { getConfig } from '../../lib/server/config';
import { serviceContextFor } from '../../lib/server/web/request';
import { lookUpCertificate } from '../../lib/server/certificates/lookup';
import { certificateJson, viewCertificate } from '../../lib/server/certificates/view';

export const prerender = false;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body, null, 2), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

/** The verification data for machines; unknown and malformed codes alike answer 404. */
export const GET: APIRoute = (context) => {
  const config = getConfig();
  const ctx = serviceContextFor(context);
  const result = lookUpCertificate(ctx.db, config, ctx.ip, context.params.code ?? '', ctx.now);
  if (result.kind === 'rate_limited') return json({ error: 'rate_limited', retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) }, 429);
  if (result.kind === 'not_found') return json({ error: 'not_found' }, 404);
  return json(certificateJson(viewCertificate(result.certificate, config.siteUrl, ctx.now)));
};
