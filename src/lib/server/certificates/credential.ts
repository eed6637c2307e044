/**
 * Every certificate is also an Open Badges 3.0 OpenBadgeCredential, signed
 * as a VC-JWT (RS256, `kid` pointing at the published public key). The
 * learner appears as a random `urn:uuid` and a salted hash of their email,
 * never the email itself. `credentialStatus` points at our 1EdTech
 * revocation list, so a revoked or erased learner's credential stops
 * verifying.
 */
import { SignJWT } from 'jose';
import type { DbClient } from '../db/client';
import type { CertificateRow } from '../db/certificates';
import { currentSigningKey, privateKeyOf } from './keys';

export const OB3_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;

export const issuerId = (siteUrl: string) => `${siteUrl}/myontaja`;
export const revocationListUrl = (siteUrl: string) => `${siteUrl}/peruutuslista`;
export const keyUrl = (siteUrl: string, kid: string) => `${siteUrl}/avaimet/${kid}`;
export const achievementId = (siteUrl: string, courseId: string, version: string) => `${siteUrl}/kurssit/${courseId}?versio=${encodeURIComponent(version)}`;

/** The issuer's Profile, published at {@link issuerId}. */
export function issuerProfile(siteUrl: string, name: string, email: string) {
  return { '@context': [...OB3_CONTEXTS], id: issuerId(siteUrl), type: ['Profile'], name, email, url: siteUrl };
}

/** The credential document for a certificate. */
export function buildCredential(cert: CertificateRow, subjectId: string, siteUrl: string) {
  const identifier = cert.identityHash
    ? [{ type: 'IdentityObject', identityHash: cert.identityHash, identityType: 'emailAddress', hashed: true, salt: cert.identitySalt }]
    : [];
  return {
    '@context': [...OB3_CONTEXTS],
    id: cert.credentialId,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${cert.courseTitle} – todistus`,
    issuer: { id: issuerId(siteUrl), type: ['Profile'], name: cert.issuerName, email: cert.issuerEmail, url: siteUrl },
    validFrom: cert.issuedAt.toISOString(),
    ...(cert.validUntil ? { validUntil: cert.validUntil.toISOString() } : {}),
    credentialSubject: {
      id: subjectId,
      type: ['AchievementSubject'],
      identifier,
      achievement: {
        id: achievementId(siteUrl, cert.courseId, cert.version),
        type: ['Achievement'],
        achievementType: 'Course',
        name: cert.courseTitle,
        description: cert.description,
        criteria: { narrative: cert.criteria },
        creditsAvailable: cert.creditHours,
        version: cert.version,
        inLanguage: 'fi',
      },
    },
    credentialStatus: { id: revocationListUrl(siteUrl), type: '1EdTechRevocationList' },
  };
}

/** Signs the credential as a VC-JWT with the current key. */
export async function signCredential(db: DbClient, cert: CertificateRow, subjectId: string, siteUrl: string): Promise<string> {
  const key = currentSigningKey(db);
  if (!key) throw new Error('no signing key: the server creates one at start');
  const credential = buildCredential(cert, subjectId, siteUrl);
  const jwt = new SignJWT(credential as unknown as Record<string, unknown>)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keyUrl(siteUrl, key.kid) })
    .setIssuer(issuerId(siteUrl))
    .setJti(cert.credentialId)
    .setNotBefore(Math.floor(cert.issuedAt.getTime() / 1000))
    .setSubject(subjectId);
  if (cert.validUntil) jwt.setExpirationTime(Math.floor(cert.validUntil.getTime() / 1000));
  return jwt.sign(await privateKeyOf(key));
}

/** The revocation list in the 1EdTech format: every revoked credential and why. */
export function revocationList(siteUrl: string, revoked: CertificateRow[]) {
  return {
    id: revocationListUrl(siteUrl),
    type: '1EdTechRevocationList',
    issuer: issuerId(siteUrl),
    revokedCredentials: revoked.map((c) => ({ id: c.credentialId, revoked: true, revocationReason: c.revokedReason ?? '' })),
  };
}
