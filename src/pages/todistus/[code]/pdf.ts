import type { APIRoute } from 'astro';
import { getConfig } from '../../../lib/server/config';
import { getDb } from '../../../lib/server/db/client';
import { requirePageAccess } from '../../../lib/server/web/guard';
import { findCertificateByCode } from '../../../lib/server/db/certificates';
import { normaliseCertificateCode } from '../../../lib/server/certificates/code';
import { signCertificateCredential } from '../../../lib/server/certificates/credential';
import { renderCertificatePdf } from '../../../lib/server/certificates/pdf';
import { verificationUrl } from '../../../lib/server/certificates/issue';
import { hasPermission } from '../../../lib/server/auth/permissions';

export const prerender = false;

/**
 * The PDF certificate, for its holder (and admins), with the holder's signed
 * credential attached. Anyone else gets the same 404 as for an unknown code.
 */
export const GET: APIRoute = async (context) => {
  const access = requirePageAccess(context, 'learning.track');
  if (!access.ok) return access.response;
  const code = normaliseCertificateCode(context.params.code ?? '');
  const db = getDb();
  const cert = code ? findCertificateByCode(db, code) : undefined;
  if (!cert || (cert.userId !== access.user.id && !hasPermission(access.user.roles, 'admin.certificates'))) return new Response('Ei löytynyt', { status: 404 });
  const config = getConfig();
  const { siteUrl } = config;
  // The same credential the holder downloads, so the PDF verifies offline exactly as the .jwt does.
  const credentialJwt = await signCertificateCredential(db, cert, config);
  const pdf = await renderCertificatePdf({ certificate: cert, verifyUrl: verificationUrl(siteUrl, cert.code), credentialJwt });
  return new Response(Buffer.from(pdf), {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="todistus-${cert.code}.pdf"`, 'cache-control': 'private, no-store' },
  });
};
