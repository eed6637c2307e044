import type { APIRoute } from 'astro';
import { getDb } from '../../lib/server/db/client';
import { requirePageAccess } from '../../lib/server/web/guard';
import { exportPersonalData } from '../../lib/server/privacy/export';
import { appendAuditEvent } from '../../lib/server/db/audit';
import { helsinkiDateKey } from '../../lib/format';

export const prerender = false;

/** "Lataa omat tietoni": everything held about the signed-in person, as a JSON download. */
export const GET: APIRoute = (context) => {
  const access = requirePageAccess(context, 'profile.manage');
  if (!access.ok) return access.response;
  const now = new Date();
  const db = getDb();
  const data = exportPersonalData(db, access.user.id, now);
  appendAuditEvent(db, { actorId: access.user.id, action: 'user.data_exported', targetType: 'user', targetId: access.user.id }, now);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="tyokykyakatemia-omat-tiedot-${helsinkiDateKey(now)}.json"`,
      'cache-control': 'private, no-store',
    },
  });
};
