/** Data access for certificates. */
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { certificate } from './schema';

export type CertificateRow = typeof certificate.$inferSelect;

/** Inserts the certificate of a completion unless it exists; returns the stored one either way. */
export function insertCertificateOnce(db: DbClient, row: typeof certificate.$inferInsert): { certificate: CertificateRow; created: boolean } {
  const inserted = db.insert(certificate).values(row).onConflictDoNothing({ target: certificate.completionId }).returning().get();
  if (inserted) return { certificate: inserted, created: true };
  return { certificate: db.select().from(certificate).where(eq(certificate.completionId, row.completionId)).get()!, created: false };
}

export function findCertificateByCode(db: DbClient, code: string): CertificateRow | undefined {
  return db.select().from(certificate).where(eq(certificate.code, code)).get();
}

/** The certificate whose credential has this id (`urn:uuid:…`, the JWT's `jti`). */
export function findCertificateByCredentialId(db: DbClient, credentialId: string): CertificateRow | undefined {
  return db.select().from(certificate).where(eq(certificate.credentialId, credentialId)).get();
}

export function findCertificateByCompletion(db: DbClient, completionId: number): CertificateRow | undefined {
  return db.select().from(certificate).where(eq(certificate.completionId, completionId)).get();
}

export function listCertificatesOfUser(db: DbClient, userId: number): CertificateRow[] {
  return db.select().from(certificate).where(eq(certificate.userId, userId)).orderBy(desc(certificate.issuedAt), desc(certificate.id)).all();
}

export function listRevokedCertificates(db: DbClient): CertificateRow[] {
  return db.select().from(certificate).where(isNotNull(certificate.revokedAt)).orderBy(certificate.id).all();
}

export function revokeCertificate(db: DbClient, id: number, reason: string, by: number | null, at: Date): boolean {
  return db.update(certificate).set({ revokedAt: at, revokedReason: reason, revokedBy: by }).where(and(eq(certificate.id, id), isNull(certificate.revokedAt))).run().changes === 1;
}

/** Erases the holder's identity from their certificates and revokes those still standing. */
export function eraseCertificateHolder(db: DbClient, userId: number, placeholder: string, reason: string, at: Date): void {
  db.update(certificate).set({ holderName: placeholder, identityHash: null, identitySalt: null }).where(eq(certificate.userId, userId)).run();
  db.update(certificate).set({ revokedAt: at, revokedReason: reason }).where(and(eq(certificate.userId, userId), isNull(certificate.revokedAt))).run();
}

export function searchCertificates(db: DbClient, query: { code?: string; userId?: number; limit?: number }): CertificateRow[] {
  return db
    .select()
    .from(certificate)
    .where(and(query.code ? eq(certificate.code, query.code) : undefined, query.userId ? eq(certificate.userId, query.userId) : undefined))
    .orderBy(desc(certificate.id))
    .limit(Math.min(200, query.limit ?? 50))
    .all();
}

export function countCertificates(db: DbClient): number {
  return db.select({ n: sql<number>`count(*)` }).from(certificate).get()!.n;
}
