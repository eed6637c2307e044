import type { APIRoute } from 'astro';
import { getConfig } from '../../../lib/server/config';
import { getDb } from '../../../lib/server/db/client';
import { requirePageAccess } from '../../../lib/server/web/guard';
import { findCertificateByCode } from '../../../lib/server/db/certificates';
import { normaliseCertificateCode } from '../../../lib/server/certificates/code';
import { renderCertificatePdf } from '../../../lib/server/certificates/pdf';
import { viewCertificate } from '../../../lib/server/certificates/view';
import { hasPermission } from '../../../lib/server/auth/permissions';

export const prerender = false;

/** The PDF certificate, for its holder (and admins). Anyone else gets the same 404 as for an unknown code. */
export const GET: APIRoute = async (context) => {
  const access = requirePageAccess(context, 'learning.track');
  if (!access.ok) return access.response;
  const code = normaliseCertificateCode(context.params.code ?? '');
  const cert = code ? findCertificateByCode(getDb(), code) : undefined;
  if (!cert || (cert.userId !== access.user.id && !hasPermission(access.user.roles, 'admin.certificates'))) return new Response('Ei löytynyt', { status: 404 });
  const view = viewCertificate(cert, getConfig().siteUrl, new Date());
  const pdf = await renderCertificatePdf({ certificate: cert, verifyUrl: view.verifyUrl, statusLabel: view.statusLabel });
  return new Response(Buffer.from(pdf), {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="todistus-${cert.code}.pdf"`, 'cache-control': 'private, no-store' },
  });
};
