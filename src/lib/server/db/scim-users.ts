/** Data access for people provisioned over SCIM. */
import { and, eq } from 'drizzle-orm';
import type { DbClient } from './client';
import { scimUser } from './schema';

export type ScimUserRow = typeof scimUser.$inferSelect;

export function findScimUser(db: DbClient, providerId: number, id: string): ScimUserRow | undefined {
  return db.select().from(scimUser).where(and(eq(scimUser.providerId, providerId), eq(scimUser.id, id))).get();
}

export function findScimUserByExternalId(db: DbClient, providerId: number, externalId: string): ScimUserRow | undefined {
  return db.select().from(scimUser).where(and(eq(scimUser.providerId, providerId), eq(scimUser.externalId, externalId))).get();
}

export function findScimUserByUserName(db: DbClient, providerId: number, userName: string): ScimUserRow | undefined {
  return db.select().from(scimUser).where(and(eq(scimUser.providerId, providerId), eq(scimUser.userName, userName.trim().toLowerCase()))).get();
}

export function findScimUserOfUser(db: DbClient, providerId: number, userId: number): ScimUserRow | undefined {
  return db.select().from(scimUser).where(and(eq(scimUser.providerId, providerId), eq(scimUser.userId, userId))).get();
}

export function insertScimUser(db: DbClient, row: ScimUserRow): void {
  db.insert(scimUser).values({ ...row, userName: row.userName.trim().toLowerCase() }).run();
}

export function updateScimUser(db: DbClient, id: string, values: Partial<Pick<ScimUserRow, 'externalId' | 'userName' | 'active' | 'leftNodeId' | 'deletedAt' | 'updatedAt'>>): void {
  const set = { ...values };
  if (set.userName) set.userName = set.userName.trim().toLowerCase();
  db.update(scimUser).set(set).where(eq(scimUser.id, id)).run();
}
