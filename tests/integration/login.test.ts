import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { login, verifyLoginSecondFactor } from '../../src/lib/server/accounts/login';
import { enableTotp } from '../../src/lib/server/accounts/profile';
import { generateTotpKey, totpCodeAt, totpStep } from '../../src/lib/server/auth/totp';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, PASSWORD } from '../helpers/accounts';

let t: TestContext;
beforeEach(() => {
  t = createTestContext();
});
afterEach(() => t.db.cleanup());

describe('login', () => {
  it('opens a session with the right password and records it', async () => {
    const user = await createUser(t.db.db, { email: 'oppija@example.fi' });
    const result = await login(t.ctx(), { email: ' Oppija@Example.fi ', password: PASSWORD });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.needsSecondFactor).toBe(false);
    expect(validateSessionToken(t.db.db, result.token, DEFAULT_SESSION_TIMEOUTS, t.now())?.user.id).toBe(user.id);
    expect(listAuditEvents(t.db.db, { action: 'auth.login' })[0]?.actorId).toBe(user.id);
    // A new token at every login.
    const again = await login(t.ctx(), { email: 'oppija@example.fi', password: PASSWORD });
    expect(again.ok && again.token).not.toBe(result.token);
  });

  it('answers a wrong password and an unknown address the same way', async () => {
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    const wrong = await login(t.ctx(), { email: 'oppija@example.fi', password: 'väärä salasana täysin' });
    const unknown = await login(t.ctx(), { email: 'ei-ole@example.fi', password: 'väärä salasana täysin' });
    expect(wrong).toEqual({ ok: false, error: 'invalid' });
    expect(unknown).toEqual({ ok: false, error: 'invalid' });
  });

  it('runs one argon2 verification against a dummy hash for an unknown address', async () => {
    const verify = vi.fn(verifyPassword);
    await login(t.ctx(), { email: 'ei-ole@example.fi', password: 'mikä tahansa salasana' }, { verifyPassword: verify });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(verify.mock.calls[0]![1]).toBe('mikä tahansa salasana');
  });

  it('refuses a disabled user with the same answer', async () => {
    const user = await createUser(t.db.db, { email: 'oppija@example.fi' });
    t.db.sqlite.prepare('UPDATE user SET disabled_at = ? WHERE id = ?').run(t.now().getTime(), user.id);
    expect(await login(t.ctx(), { email: 'oppija@example.fi', password: PASSWORD })).toEqual({ ok: false, error: 'invalid' });
  });

  it('limits failed logins per account, with the wait time, and the right password waits too', async () => {
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    for (let i = 0; i < 10; i += 1) {
      expect(await login(t.ctx(`10.0.0.${i}`), { email: 'oppija@example.fi', password: `väärin ${i} kertaa` })).toEqual({ ok: false, error: 'invalid' });
    }
    const blocked = await login(t.ctx('10.0.1.1'), { email: 'oppija@example.fi', password: PASSWORD });
    expect(blocked.ok).toBe(false);
    expect(!blocked.ok && blocked.error).toBe('rate_limited');
    expect(!blocked.ok && blocked.retryAfterMs).toBeGreaterThan(14 * 60_000);
    t.advance(15 * 60_000 + 1);
    expect((await login(t.ctx('10.0.1.1'), { email: 'oppija@example.fi', password: PASSWORD })).ok).toBe(true);
  });

  it('keeps the counters across a restart (they live in SQLite)', async () => {
    const ctx = t.ctx();
    const strict = { ...t.config, rateLimits: { ...t.config.rateLimits, 'login.account': { max: 2, windowMs: 600_000 } } };
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    for (let i = 0; i < 2; i += 1) await login({ ...ctx, config: strict }, { email: 'oppija@example.fi', password: 'väärin väärin väärin' });
    // A new connection to the same file, as after a restart.
    const reopened = openDatabase(t.db.path);
    const result = await login({ ...ctx, db: reopened.db, config: strict }, { email: 'oppija@example.fi', password: PASSWORD });
    expect(!result.ok && result.error).toBe('rate_limited');
    closeDatabase(reopened);
  });

  it('limits attempts per address generously', async () => {
    const config = { ...t.config, rateLimits: { ...t.config.rateLimits, 'login.ip': { max: 3, windowMs: 600_000 } } };
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    for (let i = 0; i < 3; i += 1) await login({ ...t.ctx('203.0.113.5'), config }, { email: `muu${i}@example.fi`, password: 'väärin väärin väärin' });
    const result = await login({ ...t.ctx('203.0.113.5'), config }, { email: 'oppija@example.fi', password: PASSWORD });
    expect(!result.ok && result.error).toBe('rate_limited');
    // Another address is unaffected.
    expect((await login({ ...t.ctx('203.0.113.6'), config }, { email: 'oppija@example.fi', password: PASSWORD })).ok).toBe(true);
  });
});

describe('second factor', () => {
  it('is required at login once enabled, accepts each code once, and takes a recovery code once', async () => {
    const org = createOrg(t.db.db);
    const user = await createUser(t.db.db, { email: 'esihenkilo@example.fi', roles: ['manager'], nodeId: org.a, scopes: [org.a] });
    const first = await login(t.ctx(), { email: 'esihenkilo@example.fi', password: PASSWORD });
    expect(first.ok && first.mustEnrolSecondFactor).toBe(true);
    const key = generateTotpKey();
    const setupSession = createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    expect((await enableTotp(t.ctx(), user.id, setupSession.session.id, { key, code: '000000' === totpCodeAt(key, totpStep(t.now())) ? '111111' : '000000' })).ok).toBe(false);
    const enabled = await enableTotp(t.ctx(), user.id, setupSession.session.id, { key, code: totpCodeAt(key, totpStep(t.now())) });
    expect(enabled.ok).toBe(true);
    const recovery = enabled.ok ? enabled.recoveryCodes : [];
    expect(recovery).toHaveLength(10);

    t.advance(60_000);
    const second = await login(t.ctx(), { email: 'esihenkilo@example.fi', password: PASSWORD });
    if (!second.ok) throw new Error('login failed');
    expect(second.needsSecondFactor).toBe(true);
    // The session is not usable until the code is entered.
    expect(validateSessionToken(t.db.db, second.token, DEFAULT_SESSION_TIMEOUTS, t.now())?.session.twoFactorVerified).toBe(false);
    const code = totpCodeAt(key, totpStep(t.now()));
    expect(verifyLoginSecondFactor(t.ctx(), second.session, { code: '123 456' === code ? '654321' : '123456' }).ok).toBe(false);
    expect(verifyLoginSecondFactor(t.ctx(), second.session, { code }).ok).toBe(true);
    expect(validateSessionToken(t.db.db, second.token, DEFAULT_SESSION_TIMEOUTS, t.now())?.session.twoFactorVerified).toBe(true);

    // The same code cannot be replayed in another login within its window.
    const third = await login(t.ctx(), { email: 'esihenkilo@example.fi', password: PASSWORD });
    if (!third.ok) throw new Error('login failed');
    expect(verifyLoginSecondFactor(t.ctx(), third.session, { code }).ok).toBe(false);
    expect(verifyLoginSecondFactor(t.ctx(), third.session, { code: recovery[0]! }).ok).toBe(true);
    const fourth = await login(t.ctx(), { email: 'esihenkilo@example.fi', password: PASSWORD });
    if (!fourth.ok) throw new Error('login failed');
    expect(verifyLoginSecondFactor(t.ctx(), fourth.session, { code: recovery[0]! }).ok).toBe(false);
  });
});
