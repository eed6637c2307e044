import type { APIRoute } from 'astro';
import { requirePageAccess } from '../../../../lib/server/web/guard';
import { serviceContextFor } from '../../../../lib/server/web/request';
import { parseId } from '../../../../lib/ids';
import { exportRoster } from '../../../../lib/server/live/roster-export';

export const prerender = false;

/** The session's roster for the trainer who runs it (CSV for Finnish Excel). */
export const GET: APIRoute = (context) => {
  const access = requirePageAccess(context, 'live.manage');
  if (!access.ok) return access.response;
  const id = parseId(context.params.id ?? '');
  const file = id === undefined ? undefined : exportRoster(serviceContextFor(context), access.user, id);
  if (!file) return new Response('Tilaisuutta ei löytynyt.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(file.text, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'private, no-store' },
  });
};
