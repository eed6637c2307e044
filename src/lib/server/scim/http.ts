/**
 * The SCIM endpoint's HTTP edge: bearer token → provider (the token's
 * SHA-256 is looked up; the token itself is never stored), rate limits per
 * provider and, for failed tokens, per address, JSON bodies up to 256 kB,
 * and SCIM error bodies for everything that goes wrong.
 */
import { findIdentityProviderByScimTokenHash } from '../db/identity-providers';
import { consumeRateLimit } from '../auth/rate-limit';
import { hashSecret } from '../auth/tokens';
import { getDummyHash } from '../auth/password';
import type { ServiceContext } from '../accounts/context';
import { scimError, type ScimReply } from './protocol';
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser, type ScimContext } from './users';

const MAX_BODY = 256 * 1024;

function toResponse(reply: ScimReply): Response {
  const headers = new Headers({ 'cache-control': 'no-store', ...reply.headers });
  if (reply.body !== undefined) headers.set('content-type', 'application/scim+json; charset=utf-8');
  return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers });
}

async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; reply: ScimReply }> {
  const text = await request.text();
  if (text.length > MAX_BODY) return { ok: false, reply: scimError(413, 'The body is too large.') };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, reply: scimError(400, 'The body is not valid JSON.', 'invalidSyntax') };
  }
}

/** Handles one request to `/scim/v2/Users` (id undefined) or `/scim/v2/Users/{id}`. */
export async function handleScimRequest(ctx: ServiceContext, request: Request, id: string | undefined): Promise<Response> {
  const header = request.headers.get('authorization') ?? '';
  const token = /^Bearer\s+(\S{10,200})$/i.exec(header)?.[1];
  const provider = token ? findIdentityProviderByScimTokenHash(ctx.db, hashSecret(token)) : undefined;
  if (!provider) {
    const limit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'scim.provider', `ip:${ctx.ip}`, ctx.now);
    if (!limit.allowed) return toResponse({ ...scimError(429, 'Too many requests.', 'tooMany'), headers: { 'retry-after': String(Math.ceil(limit.retryAfterMs / 1000)) } });
    return toResponse({ ...scimError(401, 'A valid bearer token is required.'), headers: { 'www-authenticate': 'Bearer realm="scim"' } });
  }
  const limit = consumeRateLimit(ctx.db, ctx.config.rateLimits, 'scim.provider', String(provider.id), ctx.now);
  if (!limit.allowed) return toResponse({ ...scimError(429, 'Too many requests.', 'tooMany'), headers: { 'retry-after': String(Math.ceil(limit.retryAfterMs / 1000)) } });
  const sctx: ScimContext = { ...ctx, provider, unusablePasswordHash: await getDummyHash() };
  const method = request.method.toUpperCase();
  if (id === undefined) {
    if (method === 'GET') return toResponse(listScimUsers(sctx, new URL(request.url).searchParams));
    if (method === 'POST') {
      const body = await readJson(request);
      return toResponse(body.ok ? createScimUser(sctx, body.body) : body.reply);
    }
    return toResponse(scimError(405, 'Method not allowed.'));
  }
  if (!/^[0-9a-f-]{36}$/.test(id)) return toResponse(scimError(404, 'No such user.'));
  if (method === 'GET') return toResponse(getScimUser(sctx, id));
  if (method === 'DELETE') return toResponse(deleteScimUser(sctx, id));
  if (method === 'PUT' || method === 'PATCH') {
    const body = await readJson(request);
    if (!body.ok) return toResponse(body.reply);
    return toResponse(method === 'PUT' ? replaceScimUser(sctx, id, body.body) : patchScimUser(sctx, id, body.body));
  }
  return toResponse(scimError(405, 'Method not allowed.'));
}
