import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestPasswordReset, resetPassword } from '../../src/lib/server/accounts/password-reset';
import { confirmEmailChange, requestEmailChange } from '../../src/lib/server/accounts/profile';
import { login } from '../../src/lib/server/accounts/login';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { findUserById } from '../../src/lib/server/db/users';
import { deliverMail } from '../../src/lib/server/mail/mailer';
import { passwordResetMessage } from '../../src/lib/server/mail/messages';
import { createTestContext, tokenOf, type TestContext } from '../helpers/context';
import { createUser, PASSWORD } from '../helpers/accounts';

let t: TestContext;
beforeEach(() => {
  t = createTestContext();
});
afterEach(() => t.db.cleanup());

describe('password reset', () => {
  it('answers the same whether or not the address exists, and sends a link only to a real account', async () => {
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    expect(await requestPasswordReset(t.ctx(), { email: 'oppija@example.fi' })).toEqual({ ok: true });
    expect(await requestPasswordReset(t.ctx(), { email: 'ei-ole@example.fi' })).toEqual({ ok: true });
    expect(t.mail.map((m) => m.to)).toEqual(['oppija@example.fi', 'ei-ole@example.fi']);
    expect(t.lastLink('oppija@example.fi')).toContain('/salasana/uusi/');
    expect(t.mail[1]!.text).toContain('ei ole käytössä olevaa tiliä');
    expect(t.lastLink('ei-ole@example.fi')).toBeUndefined();
  });

  it('sets a new password once, within an hour, and ends every session', async () => {
    const user = await createUser(t.db.db, { email: 'oppija@example.fi' });
    const before = createSession(t.db.db, user, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now());
    await requestPasswordReset(t.ctx(), { email: 'oppija@example.fi' });
    const token = tokenOf(t.lastLink('oppija@example.fi'));
    expect(await resetPassword(t.ctx(), { token, password: 'qwertyuiop' })).toMatchObject({ ok: false, error: 'common' });
    expect((await resetPassword(t.ctx(), { token, password: 'aivan uusi salasana 7' })).ok).toBe(true);
    expect(validateSessionToken(t.db.db, before.token, DEFAULT_SESSION_TIMEOUTS, t.now())).toBeNull();
    expect((await login(t.ctx(), { email: 'oppija@example.fi', password: 'aivan uusi salasana 7' })).ok).toBe(true);
    expect((await login(t.ctx(), { email: 'oppija@example.fi', password: PASSWORD })).ok).toBe(false);
    expect(await resetPassword(t.ctx(), { token, password: 'vielä uudempi salasana' })).toMatchObject({ ok: false, error: 'used' });
    expect(t.mail.at(-1)!.subject).toBe('Salasanasi vaihdettiin');
  });

  it('expires the link after one hour', async () => {
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    await requestPasswordReset(t.ctx(), { email: 'oppija@example.fi' });
    const token = tokenOf(t.lastLink('oppija@example.fi'));
    t.advance(3_600_000 + 1);
    expect(await resetPassword(t.ctx(), { token, password: 'aivan uusi salasana 7' })).toMatchObject({ ok: false, error: 'expired' });
  });

  it('is rate limited per account', async () => {
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    for (let i = 0; i < 3; i += 1) await requestPasswordReset(t.ctx(`10.0.0.${i}`), { email: 'oppija@example.fi' });
    expect(await requestPasswordReset(t.ctx('10.0.0.9'), { email: 'oppija@example.fi' })).toMatchObject({ ok: false, error: 'rate_limited' });
  });
});

describe('email change', () => {
  it('is confirmed through the new address and the old one is told', async () => {
    const user = await createUser(t.db.db, { email: 'vanha@example.fi' });
    await createUser(t.db.db, { email: 'varattu@example.fi' });
    expect(await requestEmailChange(t.ctx(), user.id, { email: 'uusi@example.fi', password: 'väärä salasana tässä' })).toMatchObject({ ok: false, error: 'wrong_password' });
    expect(await requestEmailChange(t.ctx(), user.id, { email: 'varattu@example.fi', password: PASSWORD })).toMatchObject({ ok: false, error: 'taken' });
    expect(await requestEmailChange(t.ctx(), user.id, { email: 'Uusi@Example.fi', password: PASSWORD })).toEqual({ ok: true });
    expect(findUserById(t.db.db, user.id)!.email).toBe('vanha@example.fi');
    const token = tokenOf(t.lastLink('uusi@example.fi'));
    expect((await confirmEmailChange(t.ctx(), token)).ok).toBe(true);
    expect(findUserById(t.db.db, user.id)!.email).toBe('uusi@example.fi');
    expect(t.mail.at(-1)).toMatchObject({ to: 'vanha@example.fi', subject: 'Sähköpostiosoitteesi vaihdettiin' });
    expect(await confirmEmailChange(t.ctx(), token)).toMatchObject({ ok: false, error: 'used' });
  });
});

describe('mail without SMTP', () => {
  it('writes every message to data/outbox as .eml, plain and HTML, and logs the link outside production', async () => {
    const outboxDir = path.join(t.db.dir, 'outbox');
    const logged: string[] = [];
    const result = await deliverMail({ smtpUrl: undefined, mailFrom: 'Testi <tuki@example.fi>', outboxDir, isProduction: false }, passwordResetMessage('maija@example.fi', 'https://oppiminen.example.fi/salasana/uusi/abc', 'Testialue'), t.now(), { log: (l) => logged.push(l) });
    expect(result).toEqual({ ok: true });
    const files = fs.readdirSync(outboxDir);
    expect(files).toHaveLength(1);
    const eml = fs.readFileSync(path.join(outboxDir, files[0]!), 'utf8');
    expect(eml).toContain('To: maija@example.fi');
    expect(eml).toMatch(/Content-Type: text\/plain/);
    expect(eml).toMatch(/Content-Type: text\/html/);
    expect(logged.join('\n')).toContain('https://oppiminen.example.fi/salasana/uusi/abc');
    const quiet: string[] = [];
    await deliverMail({ smtpUrl: undefined, mailFrom: 'x <x@example.fi>', outboxDir, isProduction: true }, passwordResetMessage('maija@example.fi', 'https://x/y', 'T'), t.now(), { log: (l) => quiet.push(l) });
    expect(quiet).toEqual([]);
  });
});
