import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, invalidateUserSessions, listUserSessions, TOUCH_INTERVAL_MS, validateSessionToken } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { changeUserRoles, setUserDisabled } from '../../src/lib/server/accounts/admin-users';
import { changePassword } from '../../src/lib/server/accounts/profile';
import { findSessionWithUser } from '../../src/lib/server/db/sessions';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, PASSWORD } from '../helpers/accounts';

let t: TestContext;
beforeEach(() => {
  t = createTestContext();
});
afterEach(() => t.db.cleanup());

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('sessions with an injected clock', () => {
  it('stores only the hash of the secret and validates the token', async () => {
    const user = await createUser(t.db.db, { email: 'oppija@example.fi' });
    const { token, session } = createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    const row = findSessionWithUser(t.db.db, session.id)!.session;
    expect(row.secretHash.length).toBe(32);
    expect(Buffer.from(row.secretHash).toString('utf8')).not.toContain(token.split('.')[1]);
    expect(validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now())?.user.id).toBe(user.id);
    // A token with the right id and a wrong secret is refused.
    const forged = `${session.id}.${'a'.repeat(token.split('.')[1]!.length)}`;
    expect(validateSessionToken(t.db.db, forged, DEFAULT_SESSION_TIMEOUTS, t.now())).toBeNull();
  });

  it('ends a learner session after 24 h idle, and not before', async () => {
    const user = await createUser(t.db.db, { email: 'oppija@example.fi' });
    const { token } = createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    t.advance(24 * HOUR - MIN);
    expect(validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now())).not.toBeNull();
    // That request refreshed the idle clock: another 23 h are fine.
    t.advance(23 * HOUR);
    expect(validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now())).not.toBeNull();
    t.advance(24 * HOUR);
    expect(validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now())).toBeNull();
  });

  it('ends a learner session after 14 days however active', async () => {
    const user = await createUser(t.db.db, { email: 'oppija@example.fi' });
    const { token } = createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    for (let i = 0; i < 13; i += 1) {
      t.advance(24 * HOUR - MIN);
      expect(validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now()), `day ${i + 1}`).not.toBeNull();
    }
    t.advance(24 * HOUR);
    expect(validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now())).toBeNull();
  });

  it('gives a learner who is also a manager the manager limits: 30 min idle', async () => {
    const org = createOrg(t.db.db);
    const user = await createUser(t.db.db, { email: 'esihenkilo@example.fi', roles: ['learner', 'manager'], scopes: [org.a] });
    const { token, session } = createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    expect(session.idleExpiresAt.getTime() - t.now().getTime()).toBe(30 * MIN);
    expect(session.absoluteExpiresAt.getTime() - t.now().getTime()).toBe(10 * HOUR);
    t.advance(30 * MIN + 1);
    expect(validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now())).toBeNull();
  });

  it('writes the idle clock at most once a minute', async () => {
    const user = await createUser(t.db.db, { email: 'oppija@example.fi' });
    const { token, session } = createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    t.advance(TOUCH_INTERVAL_MS - 1000);
    validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now());
    expect(findSessionWithUser(t.db.db, session.id)!.session.lastSeenAt.getTime()).toBe(session.lastSeenAt.getTime());
    t.advance(2000);
    validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now());
    expect(findSessionWithUser(t.db.db, session.id)!.session.lastSeenAt.getTime()).toBe(t.now().getTime());
  });

  it('end all of a user\'s sessions on password change (keeping the one that changed it), role change and disabling', async () => {
    const org = createOrg(t.db.db);
    const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'], nodeId: org.root });
    const user = await createUser(t.db.db, { email: 'oppija@example.fi', nodeId: org.a });
    const open = () => createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    const valid = (token: string) => validateSessionToken(t.db.db, token, DEFAULT_SESSION_TIMEOUTS, t.now()) !== null;

    const [s1, s2] = [open(), open()];
    const changed = await changePassword(t.ctx(), user.id, s1.session.id, { current: PASSWORD, password: 'uusi pitkä salasana 2026' });
    expect(changed.ok).toBe(true);
    expect(valid(s1.token)).toBe(true);
    expect(valid(s2.token)).toBe(false);

    const s3 = open();
    changeUserRoles(t.ctx(), admin.id, user.id, ['learner', 'trainer']);
    expect(valid(s1.token)).toBe(false);
    expect(valid(s3.token)).toBe(false);

    const s4 = open();
    setUserDisabled(t.ctx(), admin.id, user.id, true);
    expect(valid(s4.token)).toBe(false);
    // And a disabled user's new session (should one be made) is refused too.
    expect(valid(open().token)).toBe(false);
  });

  it('lists a user\'s sessions and ends them on request', async () => {
    const user = await createUser(t.db.db, { email: 'oppija@example.fi' });
    const a = createSession(t.db.db, user, { twoFactorVerified: true, userAgent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/140.0' }, DEFAULT_SESSION_TIMEOUTS, t.now());
    createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    const list = listUserSessions(t.db.db, user.id, a.session.id);
    expect(list).toHaveLength(2);
    expect(list.find((s) => s.current)?.userAgent).toBe('Firefox, Windows');
    expect(invalidateUserSessions(t.db.db, user.id, a.session.id)).toBe(1);
    expect(listUserSessions(t.db.db, user.id)).toHaveLength(1);
  });
});
