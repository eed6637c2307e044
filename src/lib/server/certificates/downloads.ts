/**
 * The holder's own files of a certificate: the PDF, the signed credential and
 * the baked badge. The holder check is here, once: anyone but the holder
 * (and, for the PDF, an administrator) gets the same `not-found` as for an
 * unknown code, so a code reveals nothing.
 */
import { fail, ok, type Result } from '../../result';
import type { RequestContext } from '../context';
import { findCertificateByCode, type CertificateRow } from '../db/certificates';
import { hasPermission } from '../auth/permissions';
import { normaliseCertificateCode } from './code';
import { signCertificateCredential } from './credential';
import { renderCertificatePdf } from './pdf';
import { verificationUrl } from './issue';
import { badgePng, bakePng } from './badge-image';

/** A file to send: its bytes (or text), type and download name. */
export interface CertificateFile {
  body: Uint8Array | string;
  contentType: string;
  filename: string;
}

type Holder = 'holder' | 'holder-or-admin';

/** The certificate behind `rawCode` when the actor holds it (or, with `holder-or-admin`, is an admin). */
function heldCertificate(ctx: RequestContext, rawCode: string, who: Holder): Result<CertificateRow, 'not-found'> {
  const actor = ctx.actor;
  const code = normaliseCertificateCode(rawCode);
  const cert = actor && code ? findCertificateByCode(ctx.db, code) : undefined;
  if (!cert || !actor) return fail('not-found');
  const mayRead = cert.userId === actor.id || (who === 'holder-or-admin' && hasPermission(actor.roles, 'admin.certificates'));
  return mayRead ? ok(cert) : fail('not-found');
}

/** The PDF with the holder's signed credential attached (the same one the holder downloads). */
export async function downloadCertificatePdf(ctx: RequestContext, rawCode: string): Promise<Result<CertificateFile, 'not-found'>> {
  const held = heldCertificate(ctx, rawCode, 'holder-or-admin');
  if (!held.ok) return held;
  const cert = held.value;
  const credentialJwt = await signCertificateCredential(ctx.db, cert, ctx.config);
  const pdf = await renderCertificatePdf({ certificate: cert, verifyUrl: verificationUrl(ctx.config.siteUrl, cert.code), credentialJwt });
  return ok({ body: pdf, contentType: 'application/pdf', filename: `todistus-${cert.code}.pdf` });
}

/** The signed Open Badges 3.0 credential (VC-JWT), served as OB 3.0 says for a VC-JWT web resource. */
export async function downloadCertificateCredential(ctx: RequestContext, rawCode: string): Promise<Result<CertificateFile, 'not-found'>> {
  const held = heldCertificate(ctx, rawCode, 'holder');
  if (!held.ok) return held;
  const jwt = await signCertificateCredential(ctx.db, held.value, ctx.config);
  return ok({ body: jwt, contentType: 'text/plain; charset=utf-8', filename: `todistus-${held.value.code}.jwt` });
}

/** The course badge with the holder's signed credential baked in (OB 3.0 PNG baking). */
export async function downloadBakedBadge(ctx: RequestContext, rawCode: string): Promise<Result<CertificateFile, 'not-found'>> {
  const held = heldCertificate(ctx, rawCode, 'holder');
  if (!held.ok) return held;
  const cert = held.value;
  const jwt = await signCertificateCredential(ctx.db, cert, ctx.config);
  const png = bakePng(badgePng({ courseId: cert.courseId, courseTitle: cert.courseTitle, orgName: cert.issuerName }), jwt);
  return ok({ body: new Uint8Array(png), contentType: 'image/png', filename: `osaamismerkki-${cert.code}.png` });
}
