/** Builders for people and organisations in integration tests, through the real flows where it matters. */
import { insertUser, getUserRoles } from '../../src/lib/server/db/users';
import { insertNode } from '../../src/lib/server/db/org';
import { startActiveMembership } from '../../src/lib/server/db/memberships';
import { replaceManagerScopes } from '../../src/lib/server/accounts/scope';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { Db } from '../../src/lib/server/db/client';
import type { Role, SessionUser } from '../../src/lib/server/auth/types';

export const PASSWORD = 'sininen kettu hyppää 42';
let cachedHash: Promise<string> | undefined;

/** One argon2 hash shared by every test user, so tests stay fast. */
export function passwordHash(): Promise<string> {
  cachedHash ??= hashPassword(PASSWORD);
  return cachedHash;
}

export interface Org {
  root: number;
  a: number;
  a1: number;
  b: number;
}

/** Root › A › A1 and Root › B. */
export function createOrg(db: Db, now = new Date('2026-11-01T00:00:00Z')): Org {
  const root = insertNode(db, { name: 'Testialue', type: 'hyvinvointialue', parentId: null }, now).id;
  const a = insertNode(db, { name: 'Kunta A', type: 'kunta', parentId: root }, now).id;
  const a1 = insertNode(db, { name: 'Tiimi A1', type: 'tiimi', parentId: a }, now).id;
  const b = insertNode(db, { name: 'Kunta B', type: 'kunta', parentId: root }, now).id;
  return { root, a, a1, b };
}

/** Inserts a user with roles and an active membership; managers get `scopes`. */
export async function createUser(
  db: Db,
  input: { email: string; name?: string; roles?: Role[]; nodeId?: number; scopes?: number[] },
  now = new Date('2026-11-01T00:00:00Z'),
): Promise<SessionUser> {
  const id = insertUser(db, { email: input.email, name: input.name ?? input.email.split('@')[0]!, passwordHash: await passwordHash(), roles: input.roles ?? ['learner'] }, now);
  if (input.nodeId) startActiveMembership(db, id, input.nodeId, null, now);
  if (input.scopes) replaceManagerScopes(db, id, input.scopes);
  return { id, name: input.name ?? input.email.split('@')[0]!, email: input.email, roles: getUserRoles(db, id) };
}
