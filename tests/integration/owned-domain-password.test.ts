/**
 * An owned domain keeps the password only for administrators, and answers
 * every other address the same way: the flows behave alike for an unknown
 * address, a learner and an administrator with a wrong password, so nobody
 * can tell which addresses there are administrators'.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser, PASSWORD } from '../helpers/accounts';
import { login } from '../../src/lib/server/accounts/login';
import { requestPasswordReset } from '../../src/lib/server/accounts/password-reset';
import { auditLog } from '../../src/lib/server/db/schema';

let t: TestContext;
beforeEach(async () => {
  t = createTestContext();
  await createUser(t.db.db, { email: 'oppija@kunta-a.fi' });
  await createUser(t.db.db, { email: 'paakayttaja@kunta-a.fi', roles: ['admin'] });
});
afterEach(() => t.db.cleanup());

describe('password sign-in limited to administrators', () => {
  it('signs in an administrator with the right password and refuses everyone else alike', async () => {
    const admin = await login(t.ctx(), { email: 'paakayttaja@kunta-a.fi', password: PASSWORD, onlyRoles: ['admin'] });
    expect(admin.ok).toBe(true);
    const outcomes = await Promise.all([
      login(t.ctx(), { email: 'oppija@kunta-a.fi', password: PASSWORD, onlyRoles: ['admin'] }),
      login(t.ctx(), { email: 'ei-tilia@kunta-a.fi', password: PASSWORD, onlyRoles: ['admin'] }),
      login(t.ctx(), { email: 'paakayttaja@kunta-a.fi', password: 'väärä salasana tässä', onlyRoles: ['admin'] }),
    ]);
    expect(outcomes).toEqual([
      { ok: false, error: 'invalid' },
      { ok: false, error: 'invalid' },
      { ok: false, error: 'invalid' },
    ]);
    const reasons = t.db.db.select().from(auditLog).all().filter((a) => a.action === 'auth.login_failed').map((a) => (a.details as { reason: string }).reason).sort();
    expect(reasons).toEqual(['password_off', 'unknown_account', 'wrong_password']);
  });
});

describe('password reset limited to administrators', () => {
  it('mails only the administrator, and counts every address the same', async () => {
    for (const email of ['oppija@kunta-a.fi', 'ei-tilia@kunta-a.fi', 'paakayttaja@kunta-a.fi']) {
      for (let i = 0; i < 3; i += 1) expect(await requestPasswordReset(t.ctx(), { email, onlyRoles: ['admin'] })).toEqual({ ok: true });
      expect(await requestPasswordReset(t.ctx(), { email, onlyRoles: ['admin'] }), email).toMatchObject({ ok: false, error: 'rate_limited' });
    }
    expect(t.mail.map((m) => m.to)).toEqual(['paakayttaja@kunta-a.fi', 'paakayttaja@kunta-a.fi', 'paakayttaja@kunta-a.fi']);
  });
});
