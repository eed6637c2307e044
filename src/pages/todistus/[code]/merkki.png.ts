import type { APIRoute } from 'astro';
import { requirePageAccess } from '~/lib/server/web/guard';
import { downloadBakedBadge } from '~/lib/server/certificates/downloads';
import { downloadResponse, notFoundResponse } from '~/lib/server/web/respond';

export const prerender = false;

/** The course badge with the holder's signed credential baked in (OB 3.0 PNG baking), for the holder only. */
export const GET: APIRoute = async (context) => {
  const access = requirePageAccess(context, 'learning.track');
  if (!access.ok) return access.response;
  const result = await downloadBakedBadge(context.locals.ctx, context.params.code ?? '');
  return result.ok ? downloadResponse(result.value) : notFoundResponse();
};
