/** Data access for sessions. */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbClient } from './client';
import { session, user, userRole } from './schema';
import type { Role } from '../auth/types';
import { prepareOnce } from './prepared';

export type SessionRow = typeof session.$inferSelect;

export function insertSession(db: DbClient, row: typeof session.$inferInsert): void {
  db.insert(session).values(row).run();
}

/** The session with its user and roles, or undefined. */
export function findSessionWithUser(
  db: DbClient,
  id: string,
): { session: SessionRow; user: typeof user.$inferSelect; roles: Role[] } | undefined {
  const findRow = prepareOnce(db, 'sessions.findWithUser', (d) =>
    d.select({ session, user }).from(session).innerJoin(user, eq(session.userId, user.id)).where(eq(session.id, sql.placeholder('id'))).prepare(),
  );
  const row = findRow.get({ id });
  if (!row) return undefined;
  const findRoles = prepareOnce(db, 'sessions.roles', (d) => d.select({ role: userRole.role }).from(userRole).where(eq(userRole.userId, sql.placeholder('userId'))).prepare());
  const roles = findRoles.all({ userId: row.user.id }).map((r) => r.role);
  return { ...row, roles };
}

export function touchSession(db: DbClient, id: string, at: Date): void {
  prepareOnce(db, 'sessions.touch', (d) => d.update(session).set({ lastSeenAt: sql`${sql.placeholder('at')}` }).where(eq(session.id, sql.placeholder('id'))).prepare()).run({ id, at: at.getTime() });
}

export function setSessionTwoFactorVerified(db: DbClient, id: string): void {
  db.update(session).set({ twoFactorVerified: true }).where(eq(session.id, id)).run();
}

export function deleteSession(db: DbClient, id: string): void {
  db.delete(session).where(eq(session.id, id)).run();
}

/** Ends every session of a user, optionally keeping one (the one making the change). */
export function deleteUserSessions(db: DbClient, userId: number, exceptId?: string): number {
  const where = exceptId ? and(eq(session.userId, userId), ne(session.id, exceptId)) : eq(session.userId, userId);
  return db.delete(session).where(where).run().changes;
}

export function listSessionsOfUser(db: DbClient, userId: number): SessionRow[] {
  return db.select().from(session).where(eq(session.userId, userId)).orderBy(session.lastSeenAt).all();
}
