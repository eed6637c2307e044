import type { APIRoute } from 'astro';
import { requirePageAccess } from '~/lib/server/web/guard';
import { downloadOwnData } from '~/lib/server/privacy/own-data';
import { helsinkiDateKey } from '../../lib/format';

export const prerender = false;

/** "Lataa omat tietoni": everything held about the signed-in person, as a JSON download. */
export const GET: APIRoute = (context) => {
  const access = requirePageAccess(context, 'profile.manage');
  if (!access.ok) return access.response;
  const now = context.locals.ctx.now;
  const data = downloadOwnData(context.locals.ctx, access.user);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="tyokykyakatemia-omat-tiedot-${helsinkiDateKey(now)}.json"`,
      'cache-control': 'private, no-store',
    },
  });
};
