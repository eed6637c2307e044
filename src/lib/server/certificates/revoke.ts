/**
 * Revoking a certificate: an administrator's decision with a reason, written
 * to the audit log. The certificate stays in the holder's history and its
 * verification page and credential status say *peruttu* with the reason.
 */
import type { Result, ServiceContext } from '../accounts/context';
import { appendAuditEvent } from '../db/audit';
import { findCertificateByCode, listRevokedCertificates, revokeCertificate, type CertificateRow } from '../db/certificates';
import { normaliseCertificateCode } from './code';

export type RevokeError = 'not_found' | 'already_revoked' | 'reason';

export const REVOKE_REASON_MAX = 300;

/** Revokes the certificate with this code, stating why. */
export function revokeCertificateWithReason(ctx: ServiceContext, adminId: number, input: { code: string; reason: string }): Result<{ code: string }, RevokeError> {
  const reason = input.reason.trim().replace(/\s+/g, ' ');
  if (reason.length < 3 || reason.length > REVOKE_REASON_MAX) return { ok: false, error: 'reason', field: 'reason' };
  const code = normaliseCertificateCode(input.code);
  const cert = code ? findCertificateByCode(ctx.db, code) : undefined;
  if (!cert) return { ok: false, error: 'not_found' };
  const revoked = ctx.db.transaction((tx) => {
    if (!revokeCertificate(tx, cert.id, reason, adminId, ctx.now)) return false;
    appendAuditEvent(tx, { actorId: adminId, action: 'certificate.revoked', targetType: 'certificate', targetId: cert.id, ip: ctx.ip, details: { code: cert.code, reason } }, ctx.now);
    return true;
  });
  return revoked ? { ok: true, code: cert.code } : { ok: false, error: 'already_revoked' };
}

/** Every revoked certificate, for the public revocation list. */
export function listRevokedCertificatesFor(ctx: Pick<ServiceContext, 'db'>): CertificateRow[] {
  return listRevokedCertificates(ctx.db);
}
