import type { APIRoute } from 'astro';
import { requirePageAccess } from '~/lib/server/web/guard';
import { downloadCertificatePdf } from '~/lib/server/certificates/downloads';
import { downloadResponse, notFoundResponse } from '~/lib/server/web/respond';

export const prerender = false;

/**
 * The PDF certificate, for its holder (and admins), with the holder's signed
 * credential attached. Anyone else gets the same 404 as for an unknown code.
 */
export const GET: APIRoute = async (context) => {
  const access = requirePageAccess(context, 'learning.track');
  if (!access.ok) return access.response;
  const result = await downloadCertificatePdf(context.locals.ctx, context.params.code ?? '');
  return result.ok ? downloadResponse(result.value) : notFoundResponse();
};
