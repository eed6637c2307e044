/** Data access for people's provider identities, sign-ins in progress and provider-opened sessions. */
import { and, eq, lt } from 'drizzle-orm';
import type { DbClient } from './client';
import { oidcFlow, oidcSession, userIdentity } from './schema';

export type UserIdentityRow = typeof userIdentity.$inferSelect;
export type OidcFlowRow = typeof oidcFlow.$inferSelect;

export function findIdentity(db: DbClient, issuer: string, subject: string): UserIdentityRow | undefined {
  return db.select().from(userIdentity).where(and(eq(userIdentity.issuer, issuer), eq(userIdentity.subject, subject))).get();
}

export function findIdentityOfUser(db: DbClient, providerId: number, userId: number): UserIdentityRow | undefined {
  return db.select().from(userIdentity).where(and(eq(userIdentity.providerId, providerId), eq(userIdentity.userId, userId))).get();
}

export function insertIdentity(db: DbClient, row: Omit<typeof userIdentity.$inferInsert, 'id'>): number {
  return db.insert(userIdentity).values(row).returning({ id: userIdentity.id }).get().id;
}

export function updateIdentity(db: DbClient, id: number, values: Partial<Pick<UserIdentityRow, 'externalId' | 'grantedScopes' | 'lastSignInAt'>>): void {
  db.update(userIdentity).set(values).where(eq(userIdentity.id, id)).run();
}

export function insertOidcFlow(db: DbClient, row: OidcFlowRow): void {
  db.insert(oidcFlow).values(row).run();
}

/** Removes and returns a flow: whatever happens next, it cannot be used twice. */
export function takeOidcFlow(db: DbClient, id: string): OidcFlowRow | undefined {
  return db.delete(oidcFlow).where(eq(oidcFlow.id, id)).returning().get();
}

export function deleteExpiredOidcFlows(db: DbClient, now: Date): number {
  return db.delete(oidcFlow).where(lt(oidcFlow.expiresAt, now)).run().changes;
}

export function insertOidcSession(db: DbClient, row: typeof oidcSession.$inferInsert): void {
  db.insert(oidcSession).values(row).run();
}

export function findOidcSession(db: DbClient, sessionId: string): typeof oidcSession.$inferSelect | undefined {
  return db.select().from(oidcSession).where(eq(oidcSession.sessionId, sessionId)).get();
}
