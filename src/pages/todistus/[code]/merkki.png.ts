import type { APIRoute } from 'astro';
import { getConfig } from '../../../lib/server/config';
import { getDb } from '../../../lib/server/db/client';
import { requirePageAccess } from '../../../lib/server/web/guard';
import { findCertificateByCode } from '../../../lib/server/db/certificates';
import { normaliseCertificateCode } from '../../../lib/server/certificates/code';
import { signCertificateCredential } from '../../../lib/server/certificates/credential';
import { badgePng, bakePng } from '../../../lib/server/certificates/badge-image';

export const prerender = false;

/** The course badge with the holder's signed credential baked in (OB 3.0 PNG baking), for the holder only. */
export const GET: APIRoute = async (context) => {
  const access = requirePageAccess(context, 'learning.track');
  if (!access.ok) return access.response;
  const code = normaliseCertificateCode(context.params.code ?? '');
  const db = getDb();
  const cert = code ? findCertificateByCode(db, code) : undefined;
  if (!cert || cert.userId !== access.user.id) return new Response('Ei löytynyt', { status: 404 });
  const config = getConfig();
  const jwt = await signCertificateCredential(db, cert, config);
  const png = bakePng(badgePng({ courseId: cert.courseId, courseTitle: cert.courseTitle, orgName: cert.issuerName }), jwt);
  return new Response(new Uint8Array(png), {
    headers: { 'content-type': 'image/png', 'content-disposition': `attachment; filename="osaamismerkki-${cert.code}.png"`, 'cache-control': 'private, no-store' },
  });
};
