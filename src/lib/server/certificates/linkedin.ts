/**
 * LinkedIn's documented "Add to profile" link for certifications: a plain
 * link that opens LinkedIn's own form filled in with the certificate's name,
 * the issuing organisation, issue and expiry month (in Helsinki), the code as
 * the credential ID and the verification page as the credential URL. Nothing
 * is loaded from LinkedIn; the learner decides there whether to save it.
 */
import { helsinkiParts } from '../../format';
import type { CertificateRow } from '../db/certificates';
import { certificatePageUrl } from './credential';

export const LINKEDIN_ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';

export function linkedInAddToProfileUrl(cert: Pick<CertificateRow, 'courseTitle' | 'issuerName' | 'issuedAt' | 'validUntil' | 'code'>, siteUrl: string): string {
  const issued = helsinkiParts(cert.issuedAt);
  const params: [string, string][] = [
    ['startTask', 'CERTIFICATION_NAME'],
    ['name', cert.courseTitle],
    ['organizationName', cert.issuerName],
    ['issueYear', issued.year],
    ['issueMonth', String(Number(issued.month))],
  ];
  if (cert.validUntil) {
    const until = helsinkiParts(cert.validUntil);
    params.push(['expirationYear', until.year], ['expirationMonth', String(Number(until.month))]);
  }
  params.push(['certUrl', certificatePageUrl(siteUrl, cert.code)], ['certId', cert.code]);
  // encodeURIComponent (%20 for a space), as LinkedIn's own examples write it.
  return `${LINKEDIN_ADD_TO_PROFILE}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}
