/**
 * A certificate as the verification page, its JSON and the PDF state it:
 * every fact printed on the certificate, and its status now.
 */
import type { CertificateRow } from '../db/certificates';
import { certificateStatus, STATUS_LABELS, type CertificateStatus } from './status';
import { verificationUrl } from './issue';

export interface CertificateView {
  code: string;
  status: CertificateStatus;
  statusLabel: string;
  holderName: string;
  courseTitle: string;
  courseId: string;
  version: string;
  contentHash: string;
  creditHours: number;
  outcomes: string[];
  criteria: string;
  issuedAt: Date;
  validUntil: Date | null;
  issuerName: string;
  issuerEmail: string;
  revokedAt: Date | null;
  revokedReason: string | null;
  verifyUrl: string;
}

export function viewCertificate(c: CertificateRow, siteUrl: string, now: Date): CertificateView {
  const status = certificateStatus(c, now);
  return {
    code: c.code,
    status,
    statusLabel: STATUS_LABELS[status],
    holderName: c.holderName,
    courseTitle: c.courseTitle,
    courseId: c.courseId,
    version: c.version,
    contentHash: c.contentHash,
    creditHours: c.creditHours,
    outcomes: c.outcomes,
    criteria: c.criteria,
    issuedAt: c.issuedAt,
    validUntil: c.validUntil,
    issuerName: c.issuerName,
    issuerEmail: c.issuerEmail,
    revokedAt: c.revokedAt,
    revokedReason: c.revokedReason,
    verifyUrl: verificationUrl(siteUrl, c.code),
  };
}

/** The machine-readable form (Finnish dates as ISO, status as a word). */
export function certificateJson(v: CertificateView) {
  return {
    code: v.code,
    status: v.status,
    holderName: v.holderName,
    course: { id: v.courseId, title: v.courseTitle, version: v.version, contentHash: v.contentHash, creditHours: v.creditHours, outcomes: v.outcomes, criteria: v.criteria },
    issuedAt: v.issuedAt.toISOString(),
    validUntil: v.validUntil?.toISOString() ?? null,
    issuer: { name: v.issuerName, email: v.issuerEmail },
    revoked: v.revokedAt ? { at: v.revokedAt.toISOString(), reason: v.revokedReason } : null,
    verificationUrl: v.verifyUrl,
  };
}
