/**
 * People for tests against a running server: written straight into the
 * server's SQLite file (a second connection; WAL lets both work), with
 * sessions whose tokens the test sends as cookies.
 */
import { closeDatabase, openDatabase, type DatabaseHandle } from '../../../src/lib/server/db/client';
import { createSession } from '../../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../../src/lib/server/auth/session-policy';
import { saveTotpCredential } from '../../../src/lib/server/db/totp';
import { generateTotpKey } from '../../../src/lib/server/auth/totp';
import { createOrg, createUser, type Org } from '../../helpers/accounts';
import type { SessionUser } from '../../../src/lib/server/auth/types';

export type RoleName = 'anonymous' | 'learnerA' | 'learnerB' | 'trainer' | 'managerA' | 'managerB' | 'admin';
export const ROLE_NAMES: RoleName[] = ['anonymous', 'learnerA', 'learnerB', 'trainer', 'managerA', 'managerB', 'admin'];

export interface Cast {
  handle: DatabaseHandle;
  org: Org;
  users: Record<Exclude<RoleName, 'anonymous'>, SessionUser>;
  /** A user that admin actions may change freely. */
  target: SessionUser;
  /** A fresh session cookie value for a role (undefined for anonymous). */
  cookie: (role: RoleName) => string | undefined;
  close: () => void;
}

export async function createCast(databasePath: string): Promise<Cast> {
  const handle = openDatabase(databasePath);
  const db = handle.db;
  const org = createOrg(db);
  const users = {
    admin: await createUser(db, { email: 'admin@example.fi', name: 'Aino Ylläpitäjä', roles: ['admin'], nodeId: org.root }),
    learnerA: await createUser(db, { email: 'oppija.a@example.fi', name: 'Olli Oppija', nodeId: org.a1 }),
    learnerB: await createUser(db, { email: 'oppija.b@example.fi', name: 'Bea Oppija', nodeId: org.b }),
    trainer: await createUser(db, { email: 'kouluttaja@example.fi', name: 'Kalle Kouluttaja', roles: ['trainer'], nodeId: org.root }),
    managerA: await createUser(db, { email: 'esihenkilo.a@example.fi', name: 'Eeva Esihenkilö', roles: ['manager'], nodeId: org.a, scopes: [org.a] }),
    managerB: await createUser(db, { email: 'esihenkilo.b@example.fi', name: 'Erkki Esihenkilö', roles: ['manager'], nodeId: org.b, scopes: [org.b] }),
  };
  const target = await createUser(db, { email: 'kohde@example.fi', name: 'Kohde Käyttäjä', nodeId: org.a1 });
  for (const u of [users.admin, users.managerA, users.managerB]) saveTotpCredential(db, u.id, generateTotpKey(), new Date(), 0);
  return {
    handle,
    org,
    users,
    target,
    cookie: (role) => {
      if (role === 'anonymous') return undefined;
      return createSession(db, users[role], { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, new Date()).token;
    },
    close: () => closeDatabase(handle),
  };
}
