/**
 * Every certificate is also an Open Badges 3.0 OpenBadgeCredential, signed
 * as a VC-JWT (RS256, `kid` the URL of the published public key). The
 * learner appears as a random `urn:uuid` and a salted hash of their email,
 * never the email itself. `credentialStatus` points at our 1EdTech
 * revocation list, so a revoked or erased learner's credential stops
 * verifying.
 *
 * What verifiers check, and so what this module guarantees:
 * - `nbf` equals `validFrom` and `exp` equals `validUntil` to the second
 *   (both are derived from the same whole-second instant);
 * - the achievement says what was learned: hours in `description`, the
 *   learning outcomes as a Markdown list in `criteria.narrative`, the content
 *   version, and a badge image served from this site;
 * - `evidence` links to the live verification page, so whoever holds only
 *   the file can find the certificate's status now.
 */
import { SignJWT } from 'jose';
import type { DbClient } from '../db/client';
import type { CertificateRow } from '../db/certificates';
import { findUserById } from '../db/users';
import type { AppConfig } from '../config';
import { asSentence, formatQuantity } from '../../format';
import { currentSigningKey, keyUrl, privateKeyOf } from './keys';

export { keyUrl };

export const OB3_CONTEXTS = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  // Defines 1EdTechRevocationList, the credentialStatus type used here.
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
] as const;

/** The JSON Schema 1EdTech publishes for OpenBadgeCredentials; named in `credentialSchema`. */
export const ACHIEVEMENT_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export const issuerId = (siteUrl: string) => `${siteUrl}/myontaja`;
export const revocationListUrl = (siteUrl: string) => `${siteUrl}/peruutuslista`;
export const achievementId = (siteUrl: string, courseId: string, version: string) => `${siteUrl}/kurssit/${courseId}?versio=${encodeURIComponent(version)}`;
/** The course's badge image (PNG), also the achievement's `image`. */
export const badgeImageUrl = (siteUrl: string, courseId: string) => `${siteUrl}/merkit/${courseId}.png`;
export const certificatePageUrl = (siteUrl: string, code: string) => `${siteUrl}/todistus/${code}`;

/** Where credentials are issued from, and the organisation's optional business ID (Y-tunnus). */
export interface CredentialSite {
  siteUrl: string;
  businessId?: string;
}

/** The issuing site from the configuration: `SITE_URL` and `ORG_BUSINESS_ID`. */
export const credentialSite = (config: Pick<AppConfig, 'siteUrl' | 'orgBusinessId'>): CredentialSite => ({ siteUrl: config.siteUrl, businessId: config.orgBusinessId });

const siteOf = (site: string | CredentialSite): CredentialSite => (typeof site === 'string' ? { siteUrl: site } : site);

/** The issuer as every credential and `/myontaja` state it (without `@context`). */
function issuerFields(site: CredentialSite, name: string, email: string) {
  return {
    id: issuerId(site.siteUrl),
    type: ['Profile'],
    name,
    url: site.siteUrl,
    email,
    ...(site.businessId ? { otherIdentifier: [{ type: 'IdentifierEntry', identifier: site.businessId, identifierType: 'identifier' }] } : {}),
  };
}

/** The issuer's Profile, published at {@link issuerId}. */
export function issuerProfile(site: string | CredentialSite, name: string, email: string) {
  return { '@context': [...OB3_CONTEXTS], ...issuerFields(siteOf(site), name, email) };
}

/** An instant cut to whole seconds: what `nbf`/`exp` can carry, so what `validFrom`/`validUntil` state. */
export const toWholeSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/** `validFrom` and `validUntil` of a certificate's credential, whole seconds (also for rows stored with milliseconds). */
export function credentialDates(cert: Pick<CertificateRow, 'issuedAt' | 'validUntil'>): { validFrom: Date; validUntil: Date | null } {
  return { validFrom: toWholeSecond(cert.issuedAt), validUntil: cert.validUntil ? toWholeSecond(cert.validUntil) : null };
}

/** ISO 8601 without milliseconds: `2026-11-23T10:00:00Z`. */
export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The achievement's description: the course description, then its extent in hours. */
export function achievementDescription(cert: Pick<CertificateRow, 'description' | 'creditHours'>): string {
  const hours = `Laajuus ${formatQuantity(cert.creditHours)} ${cert.creditHours === 1 ? 'opintotunti' : 'opintotuntia'}.`;
  return cert.description.trim() ? `${asSentence(cert.description)} ${hours}` : hours;
}

/** The criteria narrative (Markdown): the learning outcomes as a list, then what completing the course took. */
export function criteriaNarrative(cert: Pick<CertificateRow, 'outcomes' | 'criteria'>): string {
  const outcomes = cert.outcomes.map((o) => `- ${o.trim().replace(/\s+/g, ' ')}`).join('\n');
  const parts = [];
  if (outcomes) parts.push(`Kurssin osaamistavoitteet:\n\n${outcomes}`);
  if (cert.criteria.trim()) parts.push(`Suoritusehdot: ${asSentence(cert.criteria)}`);
  return parts.join('\n\n');
}

/** The credential document for a certificate. */
export function buildCredential(cert: CertificateRow, subjectId: string, site: string | CredentialSite) {
  const s = siteOf(site);
  const { siteUrl } = s;
  const { validFrom, validUntil } = credentialDates(cert);
  const identifier = cert.identityHash
    ? [{ type: 'IdentityObject', identityHash: cert.identityHash, identityType: 'emailAddress', hashed: true, salt: cert.identitySalt }]
    : [];
  const pageUrl = certificatePageUrl(siteUrl, cert.code);
  return {
    '@context': [...OB3_CONTEXTS],
    id: cert.credentialId,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${cert.courseTitle} – todistus`,
    description: `Todistus verkkokurssin ${cert.courseTitle} (versio ${cert.version}) suorittamisesta. Todistuksen tunnus ${cert.code}; sen tila nyt: ${pageUrl}`,
    issuer: issuerFields(s, cert.issuerName, cert.issuerEmail),
    validFrom: isoSeconds(validFrom),
    ...(validUntil ? { validUntil: isoSeconds(validUntil) } : {}),
    credentialSubject: {
      id: subjectId,
      type: ['AchievementSubject'],
      identifier,
      achievement: {
        id: achievementId(siteUrl, cert.courseId, cert.version),
        type: ['Achievement'],
        achievementType: 'Course',
        name: cert.courseTitle,
        description: achievementDescription(cert),
        criteria: { narrative: criteriaNarrative(cert) },
        image: { id: badgeImageUrl(siteUrl, cert.courseId), type: 'Image', caption: `Osaamismerkki: ${cert.courseTitle}` },
        version: cert.version,
        inLanguage: 'fi',
      },
    },
    evidence: [
      {
        id: pageUrl,
        type: ['Evidence'],
        name: 'Todistuksen tarkistussivu',
        description: 'Todistuksen tiedot ja sen tila nyt (voimassa, vanhentunut tai peruttu).',
      },
    ],
    credentialSchema: [{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: { id: revocationListUrl(siteUrl), type: '1EdTechRevocationList' },
  };
}

export type OpenBadgeCredential = ReturnType<typeof buildCredential>;

/** Signs the credential as a VC-JWT with the current key: `nbf`/`exp` are `validFrom`/`validUntil` to the second. */
export async function signCredential(db: DbClient, cert: CertificateRow, subjectId: string, site: string | CredentialSite): Promise<string> {
  const key = currentSigningKey(db);
  if (!key) throw new Error('no signing key: the server creates one at start');
  const s = siteOf(site);
  const credential = buildCredential(cert, subjectId, s);
  const { validFrom, validUntil } = credentialDates(cert);
  const jwt = new SignJWT(credential as unknown as Record<string, unknown>)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keyUrl(s.siteUrl, key.kid) })
    .setIssuer(issuerId(s.siteUrl))
    .setJti(cert.credentialId)
    .setNotBefore(validFrom.getTime() / 1000)
    .setSubject(subjectId);
  if (validUntil) jwt.setExpirationTime(validUntil.getTime() / 1000);
  return jwt.sign(await privateKeyOf(key));
}

/** The signed credential of a certificate, for its holder's downloads (the `.jwt` and the baked badge). */
export async function signCertificateCredential(db: DbClient, cert: CertificateRow, config: Pick<AppConfig, 'siteUrl' | 'orgBusinessId'>): Promise<string> {
  const holder = findUserById(db, cert.userId);
  if (!holder) throw new Error(`no user ${cert.userId}`);
  return signCredential(db, cert, holder.subjectId, credentialSite(config));
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
