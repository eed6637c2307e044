import type { APIRoute } from 'astro';
import { requirePageAccess } from '~/lib/server/web/guard';
import { downloadCertificateCredential } from '~/lib/server/certificates/downloads';
import { downloadResponse, notFoundResponse } from '~/lib/server/web/respond';

export const prerender = false;

/** The signed Open Badges 3.0 credential (VC-JWT), for the certificate's holder only, as a download. */
export const GET: APIRoute = async (context) => {
  const access = requirePageAccess(context, 'learning.track');
  if (!access.ok) return access.response;
  const result = await downloadCertificateCredential(context.locals.ctx, context.params.code ?? '');
  return result.ok ? downloadResponse(result.value) : notFoundResponse();
};
