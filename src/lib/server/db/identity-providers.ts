/** Data access for identity providers (organisation sign-in and SCIM). */
import { asc, eq } from 'drizzle-orm';
import type { DbClient } from './client';
import { identityProvider } from './schema';

export type IdentityProviderRow = typeof identityProvider.$inferSelect;
export type IdentityProviderValues = Omit<typeof identityProvider.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'scimTokenHash'>;

export function listIdentityProviders(db: DbClient): IdentityProviderRow[] {
  return db.select().from(identityProvider).orderBy(asc(identityProvider.name), asc(identityProvider.id)).all();
}

export function findIdentityProvider(db: DbClient, id: number): IdentityProviderRow | undefined {
  return db.select().from(identityProvider).where(eq(identityProvider.id, id)).get();
}

export function findIdentityProviderBySlug(db: DbClient, slug: string): IdentityProviderRow | undefined {
  return db.select().from(identityProvider).where(eq(identityProvider.slug, slug)).get();
}

/** The provider whose SCIM token hashes to `hash` (the hash is unique, so the lookup is the comparison). */
export function findIdentityProviderByScimTokenHash(db: DbClient, hash: Uint8Array): IdentityProviderRow | undefined {
  return db.select().from(identityProvider).where(eq(identityProvider.scimTokenHash, Buffer.from(hash))).get();
}

export function insertIdentityProvider(db: DbClient, values: IdentityProviderValues, now: Date): number {
  return db.insert(identityProvider).values({ ...values, createdAt: now, updatedAt: now }).returning({ id: identityProvider.id }).get().id;
}

export function updateIdentityProvider(db: DbClient, id: number, values: Partial<IdentityProviderValues>, now: Date): void {
  db.update(identityProvider).set({ ...values, updatedAt: now }).where(eq(identityProvider.id, id)).run();
}

export function setScimTokenHash(db: DbClient, id: number, hash: Uint8Array | null, now: Date): void {
  db.update(identityProvider).set({ scimTokenHash: hash ? Buffer.from(hash) : null, updatedAt: now }).where(eq(identityProvider.id, id)).run();
}
