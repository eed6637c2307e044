/**
 * Issuing certificates. A certificate is issued in the same transaction as
 * the completion it proves, exactly once per completion (a unique key, then
 * re-select). It snapshots everything it states, so later edits to the
 * course or the person do not change an issued certificate.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DbClient } from '../db/client';
import { findUserById } from '../db/users';
import { eq, isNull } from 'drizzle-orm';
import { findCertificateByCompletion, insertCertificateOnce, type CertificateRow } from '../db/certificates';
import { certificate, courseCompletion } from '../db/schema';
import type { CompletionRow } from '../db/learning';
import { DEFAULT_SITE_URL, type AppConfig } from '../config';
import { generateCertificateCode } from './code';
import { addMonths } from './status';

/** Who issues, and where certificates are verified. */
export interface CertificateIssuer {
  name: string;
  email: string;
  siteUrl: string;
}

/**
 * The issuer from the configuration, or null when certificates must not be
 * issued: in production while `SITE_URL` is still the local default, because
 * every certificate prints a verification address that would not work.
 */
export function issuerFromConfig(config: Pick<AppConfig, 'orgName' | 'orgContactEmail' | 'siteUrl' | 'isProduction'>): CertificateIssuer | null {
  if (config.isProduction && config.siteUrl === DEFAULT_SITE_URL) return null;
  return { name: config.orgName, email: config.orgContactEmail, siteUrl: config.siteUrl };
}

/** Why certificates are not issued, for the log and admins; undefined when they are. */
export function certificateBlocker(config: Pick<AppConfig, 'siteUrl' | 'isProduction'>): string | undefined {
  if (config.isProduction && config.siteUrl === DEFAULT_SITE_URL) {
    return `Todistuksia ei myönnetä: SITE_URL on vielä oletusarvo ${DEFAULT_SITE_URL}. Aseta palvelun julkinen osoite, niin odottavat todistukset myönnetään.`;
  }
  return undefined;
}

/** The salted SHA-256 of an email, as Open Badges' IdentityObject carries it. */
export function hashIdentity(email: string, salt: string): string {
  return `sha256$${createHash('sha256').update(`${email.trim().toLowerCase()}${salt}`).digest('hex')}`;
}

/**
 * Issues the certificate for a completion (or returns the one already
 * issued), from the course facts frozen in the completion.
 */
export function issueCertificate(db: DbClient, completion: CompletionRow, issuer: CertificateIssuer): { certificate: CertificateRow; created: boolean } {
  const course = completion.snapshot;
  const existing = findCertificateByCompletion(db, completion.id);
  if (existing) return { certificate: existing, created: false };
  const holder = findUserById(db, completion.userId);
  if (!holder) throw new Error(`no user ${completion.userId}`);
  const salt = randomBytes(16).toString('hex');
  // Whole seconds: a credential's `nbf`/`exp` carry seconds, and OB 3.0 wants them equal to `validFrom`/`validUntil`.
  const issuedAt = new Date(Math.floor(completion.completedAt.getTime() / 1000) * 1000);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return insertCertificateOnce(db, {
        code: generateCertificateCode(),
        completionId: completion.id,
        userId: completion.userId,
        courseId: completion.courseId,
        version: completion.version,
        round: completion.round,
        contentHash: completion.contentHash,
        holderName: holder.name,
        courseTitle: course.title,
        creditHours: course.creditHours,
        outcomes: course.outcomes,
        criteria: course.criteria,
        description: course.description,
        issuedAt,
        validUntil: course.validityMonths ? addMonths(issuedAt, course.validityMonths) : null,
        issuerName: issuer.name,
        issuerEmail: issuer.email,
        credentialId: `urn:uuid:${randomUUID()}`,
        identityHash: hashIdentity(holder.email, salt),
        identitySalt: salt,
      });
    } catch (error) {
      // A code collision (about one in 10^17 per pair) gets a fresh code; anything else is a bug.
      if (attempt < 3 && String((error as Error).message).includes('certificate.code')) continue;
      throw error;
    }
  }
}

/** The verification page of a certificate. */
export function verificationUrl(siteUrl: string, code: string): string {
  return `${siteUrl}/todistus/${code}`;
}


/** Issues the certificates that waited (e.g. while SITE_URL was unset); returns how many. */
export function issuePendingCertificates(db: DbClient, issuer: CertificateIssuer): number {
  const pending = db
    .select({ c: courseCompletion })
    .from(courseCompletion)
    .leftJoin(certificate, eq(certificate.completionId, courseCompletion.id))
    .where(isNull(certificate.id))
    .all();
  let issued = 0;
  for (const { c } of pending) {
    const user = findUserById(db, c.userId);
    if (!user || user.erasedAt) continue;
    if (db.transaction((tx) => issueCertificate(tx, c, issuer)).created) issued += 1;
  }
  return issued;
}
