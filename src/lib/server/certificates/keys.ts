/**
 * The RSA keys that sign credentials (RS256, the Open Badges 3.0
 * interoperable minimum). Generated on first start and kept in the database,
 * so a backup carries them and a restored server still verifies what it
 * issued; a rotated key is retired, not deleted, so older credentials keep
 * verifying. The private key never leaves the server.
 *
 * A key is stored under its bare JWK thumbprint. It is published with `kid`
 * set to its full URL, `SITE_URL/avaimet/<thumbprint>`: the same string every
 * credential's JWT header carries, so generic JOSE libraries match header and
 * key, and the URL dereferences to that one key. The URL form is derived when
 * read, so keys stored before it (and credentials signed with them) need no
 * migration.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { desc, eq, isNull } from 'drizzle-orm';
import type { DbClient } from '../db/client';
import { signingKey } from '../db/schema';

export type SigningKeyRow = typeof signingKey.$inferSelect;

/** The key that signs new credentials, or undefined before the first start. */
export function currentSigningKey(db: DbClient): SigningKeyRow | undefined {
  return db.select().from(signingKey).where(isNull(signingKey.retiredAt)).orderBy(desc(signingKey.createdAt)).limit(1).get();
}

export function findSigningKey(db: DbClient, kid: string): SigningKeyRow | undefined {
  return db.select().from(signingKey).where(eq(signingKey.kid, kid)).get();
}

/** Every key's public half, retired ones included. */
export function listPublicKeys(db: DbClient): JWK[] {
  return db
    .select()
    .from(signingKey)
    .orderBy(signingKey.createdAt)
    .all()
    .map((k) => k.publicJwk as JWK);
}

/** The public URL of a key, which is also its published `kid`. */
export const keyUrl = (siteUrl: string, thumbprint: string) => `${siteUrl}/avaimet/${thumbprint}`;

/** A stored key's public half as published: `kid` is the key's URL. */
export function publishedKey(row: SigningKeyRow, siteUrl: string): JWK {
  const { kty, n, e, alg, use } = row.publicJwk as JWK;
  return { kty, n, e, alg: alg ?? 'RS256', use: use ?? 'sig', kid: keyUrl(siteUrl, row.kid) };
}

/** The JWKS at `/avaimet`: every key, retired ones included, with URL `kid`s. */
export function publishedKeySet(db: DbClient, siteUrl: string): { keys: JWK[] } {
  return { keys: db.select().from(signingKey).orderBy(signingKey.createdAt).all().map((k) => publishedKey(k, siteUrl)) };
}

/**
 * The stored key a `kid` names, when the `kid` is a key URL on this site's
 * own origin (`SITE_URL/avaimet/<thumbprint>`); undefined for anything else,
 * another host included. Never fetches.
 */
export function findKeyByUrl(db: DbClient, kid: unknown, siteUrl: string): SigningKeyRow | undefined {
  if (typeof kid !== 'string' || kid.length > 300) return undefined;
  const prefix = keyUrl(siteUrl, '');
  if (!kid.startsWith(prefix)) return undefined;
  const thumbprint = kid.slice(prefix.length);
  return /^[\w-]{20,100}$/.test(thumbprint) ? findSigningKey(db, thumbprint) : undefined;
}

async function newKey(now: Date): Promise<typeof signingKey.$inferInsert> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' },
    createdAt: now,
  };
}

/** Makes sure a signing key exists (first start); returns the current one. */
export async function ensureSigningKey(db: DbClient, now: Date = new Date()): Promise<SigningKeyRow> {
  const existing = currentSigningKey(db);
  if (existing) return existing;
  const row = await newKey(now);
  // Key generation is async; the insert is one statement, and a concurrent first start loses to the existing row.
  db.insert(signingKey).values(row).onConflictDoNothing().run();
  return currentSigningKey(db)!;
}

/** Retires the current key and starts signing with a new one. */
export async function rotateSigningKey(db: DbClient, now: Date = new Date()): Promise<SigningKeyRow> {
  const row = await newKey(now);
  db.transaction((tx) => {
    tx.update(signingKey).set({ retiredAt: now }).where(isNull(signingKey.retiredAt)).run();
    tx.insert(signingKey).values(row).run();
  });
  return currentSigningKey(db)!;
}

/** The private key of a stored key, for signing. */
export function privateKeyOf(row: SigningKeyRow) {
  return importJWK(row.privateJwk as JWK, 'RS256');
}
