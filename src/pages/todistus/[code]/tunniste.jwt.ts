import type { APIRoute } from 'astro';
import { getConfig } from '../../../lib/server/config';
import { getDb } from '../../../lib/server/db/client';
import { requirePageAccess } from '../../../lib/server/web/guard';
import { findCertificateByCode } from '../../../lib/server/db/certificates';
import { normaliseCertificateCode } from '../../../lib/server/certificates/code';
import { signCertificateCredential } from '../../../lib/server/certificates/credential';

export const prerender = false;

/**
 * The signed Open Badges 3.0 credential (VC-JWT), for the certificate's holder
 * only: served as OB 3.0 says for a VC-JWT web resource (`text/plain`), as a
 * download.
 */
export const GET: APIRoute = async (context) => {
  const access = requirePageAccess(context, 'learning.track');
  if (!access.ok) return access.response;
  const code = normaliseCertificateCode(context.params.code ?? '');
  const db = getDb();
  const cert = code ? findCertificateByCode(db, code) : undefined;
  if (!cert || cert.userId !== access.user.id) return new Response('Ei löytynyt', { status: 404 });
  const jwt = await signCertificateCredential(db, cert, getConfig());
  return new Response(jwt, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': `attachment; filename="todistus-${cert.code}.jwt"`, 'cache-control': 'private, no-store' },
  });
};
