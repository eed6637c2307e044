/**
 * A second factor only its owner can replace: a live session alone neither
 * replaces the app's key nor makes new recovery codes; the password plus the
 * current code or an unused recovery code does, and the owner is mailed. An
 * administrator's reset is audit-logged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disableTotp, enableTotp, regenerateRecoveryCodes, resetSecondFactorByAdmin } from '../../src/lib/server/accounts/second-factor';
import { generateTotpKey, totpCodeAt, totpStep } from '../../src/lib/server/auth/totp';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { findTotpCredential } from '../../src/lib/server/db/totp';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser, PASSWORD } from '../helpers/accounts';

let t: TestContext;
beforeEach(() => {
  t = createTestContext();
});
afterEach(() => t.db.cleanup());

async function enrolled() {
  const user = await createUser(t.db.db, { email: 'omistaja@example.fi', name: 'Olli Omistaja' });
  const { session } = createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
  const key = generateTotpKey();
  const first = await enableTotp(t.ctx(), user.id, session.id, { key, code: totpCodeAt(key, totpStep(t.now())) });
  if (!first.ok) throw new Error('enrolment failed');
  // Next 30-second step, so the current code is not a replay of the enrolment code.
  t.advance(30_000);
  return { user, session, key, recoveryCodes: first.recoveryCodes };
}

const keyBytes = (userId: number) => Buffer.from(findTotpCredential(t.db.db, userId)!.key).toString('hex');

describe('replacing the second factor', () => {
  it('is refused with a live session alone, and with a wrong password or code', async () => {
    const { user, session, key } = await enrolled();
    const before = keyBytes(user.id);
    const attackerKey = generateTotpKey();
    const code = totpCodeAt(attackerKey, totpStep(t.now()));
    expect(await enableTotp(t.ctx(), user.id, session.id, { key: attackerKey, code })).toMatchObject({ ok: false, error: 'proof_required' });
    expect(await enableTotp(t.ctx(), user.id, session.id, { key: attackerKey, code, proof: { password: 'väärä salasana', currentCode: totpCodeAt(key, totpStep(t.now())) } })).toMatchObject({ ok: false, error: 'wrong_password' });
    expect(await enableTotp(t.ctx(), user.id, session.id, { key: attackerKey, code, proof: { password: PASSWORD, currentCode: '123456' === totpCodeAt(key, totpStep(t.now())) ? '654321' : '123456' } })).toMatchObject({ ok: false, error: 'wrong_code' });
    expect(keyBytes(user.id)).toBe(before);
  });

  it('works with the password and the current code, and mails the owner', async () => {
    const { user, session, key } = await enrolled();
    const newKey = generateTotpKey();
    const result = await enableTotp(t.ctx(), user.id, session.id, { key: newKey, code: totpCodeAt(newKey, totpStep(t.now())), proof: { password: PASSWORD, currentCode: totpCodeAt(key, totpStep(t.now())) } });
    expect(result.ok).toBe(true);
    expect(keyBytes(user.id)).toBe(Buffer.from(newKey).toString('hex'));
    expect(t.mail.at(-1)).toMatchObject({ to: 'omistaja@example.fi', subject: 'Kaksivaiheisen tunnistuksen asetuksia muutettiin' });
    expect(t.mail.at(-1)!.text).toContain('todennussovellus vaihdettiin');
    expect(listAuditEvents(t.db.db, { action: 'totp.replaced' })).toHaveLength(1);
  });

  it('works with the password and an unused recovery code, which is then spent', async () => {
    const { user, session, recoveryCodes } = await enrolled();
    const newKey = generateTotpKey();
    const attempt = () => enableTotp(t.ctx(), user.id, session.id, { key: newKey, code: totpCodeAt(newKey, totpStep(t.now())), proof: { password: PASSWORD, currentCode: recoveryCodes[0]! } });
    expect((await attempt()).ok).toBe(true);
    t.advance(30_000);
    expect(await attempt()).toMatchObject({ ok: false, error: 'wrong_code' });
  });
});

describe('new recovery codes', () => {
  it('need the password and a code, replace the old ones, and mail the owner', async () => {
    const { user, key, recoveryCodes } = await enrolled();
    const mailBefore = t.mail.length;
    expect(await regenerateRecoveryCodes(t.ctx(), user.id, { password: 'väärä salasana', currentCode: totpCodeAt(key, totpStep(t.now())) })).toMatchObject({ ok: false, error: 'wrong_password' });
    expect(await regenerateRecoveryCodes(t.ctx(), user.id, { password: PASSWORD, currentCode: 'aaaa-bbbb-cccc-dddd' })).toMatchObject({ ok: false, error: 'wrong_code' });
    expect(t.mail.length).toBe(mailBefore);
    const fresh = await regenerateRecoveryCodes(t.ctx(), user.id, { password: PASSWORD, currentCode: recoveryCodes[1]! });
    expect(fresh.ok && fresh.recoveryCodes).toHaveLength(10);
    // The old codes no longer prove anything.
    expect(await regenerateRecoveryCodes(t.ctx(), user.id, { password: PASSWORD, currentCode: recoveryCodes[2]! })).toMatchObject({ ok: false, error: 'wrong_code' });
    expect(t.mail.at(-1)!.text).toContain('uudet varakoodit luotiin');
  });
});

describe('turning the second factor off', () => {
  it('needs the password and a code too', async () => {
    const { user, key } = await enrolled();
    expect(await disableTotp(t.ctx(), user.id, { password: PASSWORD, currentCode: 'aaaa-bbbb-cccc-dddd' })).toMatchObject({ ok: false, error: 'wrong_code' });
    expect(findTotpCredential(t.db.db, user.id)).toBeDefined();
    expect(await disableTotp(t.ctx(), user.id, { password: PASSWORD, currentCode: totpCodeAt(key, totpStep(t.now())) })).toEqual({ ok: true });
    expect(findTotpCredential(t.db.db, user.id)).toBeUndefined();
  });
});

describe("an administrator's reset", () => {
  it('removes the factor, ends the sessions, tells the owner and is audit-logged', async () => {
    const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'] });
    const { user } = await enrolled();
    const other = createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    expect(resetSecondFactorByAdmin(t.ctx(), admin.id, user.id)).toEqual({ ok: true });
    expect(findTotpCredential(t.db.db, user.id)).toBeUndefined();
    expect(validateSessionToken(t.db.db, other.token, DEFAULT_SESSION_TIMEOUTS, t.now())).toBeNull();
    expect(listAuditEvents(t.db.db, { action: 'totp.reset_by_admin' })).toMatchObject([{ actorId: admin.id, targetId: String(user.id) }]);
    expect(t.mail.at(-1)).toMatchObject({ to: 'omistaja@example.fi' });
    expect(resetSecondFactorByAdmin(t.ctx(), admin.id, user.id)).toMatchObject({ ok: false, error: 'no_totp' });
  });
});
