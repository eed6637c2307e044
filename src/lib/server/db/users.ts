/** Data access for users and their roles. */
import { and, asc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbClient } from './client';
import { membership, orgNode, user, userRole } from './schema';
import type { Role } from '../auth/types';

export type UserRow = typeof user.$inferSelect;

/** Emails are compared lowercased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: DbClient, email: string): UserRow | undefined {
  return db.select().from(user).where(eq(user.email, normaliseEmail(email))).get();
}

export function findUserById(db: DbClient, id: number): UserRow | undefined {
  return db.select().from(user).where(eq(user.id, id)).get();
}

export function getUserRoles(db: DbClient, userId: number): Role[] {
  return db.select({ role: userRole.role }).from(userRole).where(eq(userRole.userId, userId)).all().map((r) => r.role);
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
}

/** Inserts a user with roles (always including learner); returns the id. */
export function insertUser(db: DbClient, input: NewUser, now: Date): number {
  const row = db
    .insert(user)
    .values({ email: normaliseEmail(input.email), name: input.name.trim(), passwordHash: input.passwordHash, createdAt: now, subjectId: `urn:uuid:${crypto.randomUUID()}` })
    .returning({ id: user.id })
    .get();
  setUserRoles(db, row.id, input.roles);
  return row.id;
}

/** Replaces a user's roles; learner is always kept. */
export function setUserRoles(db: DbClient, userId: number, roles: readonly Role[]): void {
  const all = [...new Set<Role>(['learner', ...roles])];
  db.delete(userRole).where(eq(userRole.userId, userId)).run();
  db.insert(userRole)
    .values(all.map((role) => ({ userId, role })))
    .run();
}

export function updateUser(db: DbClient, userId: number, values: Partial<Pick<UserRow, 'name' | 'email' | 'passwordHash' | 'disabledAt' | 'lastLoginAt' | 'inactivityWarnedAt'>>): void {
  const set = { ...values };
  if (set.email) set.email = normaliseEmail(set.email);
  if (set.name) set.name = set.name.trim();
  db.update(user).set(set).where(eq(user.id, userId)).run();
}

/** True when at least one enabled administrator exists. */
export function adminExists(db: DbClient): boolean {
  const row = db
    .select({ id: user.id })
    .from(user)
    .innerJoin(userRole, eq(userRole.userId, user.id))
    .where(and(eq(userRole.role, 'admin'), sql`${user.disabledAt} IS NULL`))
    .limit(1)
    .get();
  return row !== undefined;
}

export interface UserListItem {
  id: number;
  name: string;
  email: string;
  disabled: boolean;
  roles: Role[];
  nodeId: number | null;
  nodeName: string | null;
  pendingNodeName: string | null;
}

export interface UserListFilter {
  search?: string;
  role?: Role;
  /** Only users whose active membership lies under one of these node paths (pending ones count nowhere yet). */
  nodePaths?: string[];
  limit?: number;
  offset?: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Lists users with their current node, filtered and paged; sorted by name. */
export function listUsers(db: DbClient, filter: UserListFilter = {}): { items: UserListItem[]; total: number } {
  const conditions: SQL[] = [];
  if (filter.search?.trim()) {
    const q = `%${escapeLike(filter.search.trim().toLowerCase())}%`;
    conditions.push(or(sql`lower(${user.name}) LIKE ${q} ESCAPE '\\'`, sql`${user.email} LIKE ${q} ESCAPE '\\'`)!);
  }
  if (filter.role) conditions.push(inArray(user.id, db.select({ id: userRole.userId }).from(userRole).where(eq(userRole.role, filter.role))));
  if (filter.nodePaths) {
    if (filter.nodePaths.length === 0) return { items: [], total: 0 };
    const inScope = db
      .select({ id: membership.userId })
      .from(membership)
      .innerJoin(orgNode, eq(orgNode.id, membership.nodeId))
      .where(and(eq(membership.status, 'active'), or(...filter.nodePaths.map((p) => like(orgNode.path, `${escapeLike(p)}%`)))));
    conditions.push(inArray(user.id, inScope));
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: sql<number>`count(*)` }).from(user).where(where).get()!.n;
  const rows = db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      disabledAt: user.disabledAt,
      // Correlated subqueries name the outer table explicitly: both inner tables have an "id" too.
      nodeId: sql<number | null>`(SELECT m.node_id FROM membership m WHERE m.user_id = "user"."id" AND m.status = 'active')`,
      nodeName: sql<string | null>`(SELECT n.name FROM membership m JOIN org_node n ON n.id = m.node_id WHERE m.user_id = "user"."id" AND m.status = 'active')`,
      pendingNodeName: sql<string | null>`(SELECT n.name FROM membership m JOIN org_node n ON n.id = m.node_id WHERE m.user_id = "user"."id" AND m.status = 'pending')`,
      roles: sql<string>`(SELECT group_concat(r.role) FROM user_role r WHERE r.user_id = "user"."id")`,
    })
    .from(user)
    .where(where)
    .orderBy(asc(sql`lower(${user.name})`), asc(user.id))
    .limit(Math.min(200, Math.max(1, filter.limit ?? 50)))
    .offset(Math.max(0, filter.offset ?? 0))
    .all();
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      disabled: r.disabledAt !== null,
      roles: (r.roles ?? 'learner').split(',') as Role[],
      nodeId: r.nodeId,
      nodeName: r.nodeName,
      pendingNodeName: r.pendingNodeName,
    })),
  };
}
