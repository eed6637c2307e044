import type { APIRoute } from 'astro';
import { extendSession } from '../../lib/server/auth/session';
import { requirePageAccess } from '../../lib/server/web/guard';

export const prerender = false;

/** Extends the idle clock of the current session ("Jatka istuntoa"); JSON for the warning dialog. */
export const POST: APIRoute = (context) => {
  const access = requirePageAccess(context);
  if (!access.ok) return new Response(JSON.stringify({ error: 'unauthorized' }), { status: 401, headers: { 'content-type': 'application/json' } });
  const now = new Date();
  extendSession(context.locals.ctx.db, access.session.id, now);
  const idle = access.session.idleExpiresAt.getTime() - access.session.lastSeenAt.getTime();
  const idleExpiresAt = new Date(Math.min(now.getTime() + idle, access.session.absoluteExpiresAt.getTime()));
  return new Response(JSON.stringify({ idleExpiresAt: idleExpiresAt.toISOString(), idleRemainingMs: idleExpiresAt.getTime() - now.getTime() }), { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
};
