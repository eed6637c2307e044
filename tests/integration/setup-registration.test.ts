import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeSetup, hasSetupCode, isSetupComplete, issueSetupCode, resetSetupCache } from '../../src/lib/server/accounts/setup';
import { confirmRegistration, isRegistrationOpen, requestRegistration, setRegistrationOpen } from '../../src/lib/server/accounts/registration';
import { findUserByEmail, getUserRoles } from '../../src/lib/server/db/users';
import { findActiveMembership, findPendingMembership } from '../../src/lib/server/db/memberships';
import { findRootNode } from '../../src/lib/server/db/org';
import { listUsers } from '../../src/lib/server/db/users';
import { createTestContext, tokenOf, type TestContext } from '../helpers/context';
import { createOrg, createUser } from '../helpers/accounts';

let t: TestContext;
beforeEach(() => {
  resetSetupCache();
  t = createTestContext();
});
afterEach(() => {
  resetSetupCache();
  t.db.cleanup();
});

describe('first-run setup', () => {
  const input = { name: 'Aino Ylläpitäjä', email: 'aino@example.fi', password: 'pitkä ja hyvä salasana', orgName: 'Testialue', orgType: 'hyvinvointialue' as const };

  it('needs the one-time code, creates the root node and the first administrator, then is done', async () => {
    expect(isSetupComplete(t.db.db)).toBe(false);
    const code = issueSetupCode(t.db.db, t.now())!;
    expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    expect(await completeSetup(t.ctx(), { ...input, code: 'AAAA-BBBB-CCCC-DDDD' })).toMatchObject({ ok: false, error: 'bad_code' });
    expect(await completeSetup(t.ctx(), { ...input, code, password: 'lyhyt' })).toMatchObject({ ok: false, error: 'too_short' });
    const done = await completeSetup(t.ctx(), { ...input, code: code.toLowerCase() });
    expect(done.ok).toBe(true);
    const admin = findUserByEmail(t.db.db, 'aino@example.fi')!;
    expect(getUserRoles(t.db.db, admin.id).sort()).toEqual(['admin', 'learner']);
    const root = findRootNode(t.db.db)!;
    expect(root).toMatchObject({ name: 'Testialue', type: 'hyvinvointialue' });
    expect(findActiveMembership(t.db.db, admin.id)?.nodeId).toBe(root.id);
    expect(isSetupComplete(t.db.db)).toBe(true);
    expect(hasSetupCode(t.db.db)).toBe(false);
    // A second attempt, even with a fresh code, changes nothing.
    expect(issueSetupCode(t.db.db, t.now())).toBeUndefined();
    expect(await completeSetup(t.ctx(), { ...input, email: 'toinen@example.fi', code })).toMatchObject({ ok: false, error: 'already_done' });
  });

  it('issues a new code at each start and only the newest works', async () => {
    const old = issueSetupCode(t.db.db, t.now())!;
    const fresh = issueSetupCode(t.db.db, t.now())!;
    expect(await completeSetup(t.ctx(), { ...input, code: old })).toMatchObject({ ok: false, error: 'bad_code' });
    expect((await completeSetup(t.ctx(), { ...input, code: fresh })).ok).toBe(true);
  });
});

describe('registration', () => {
  it('answers the same for a new and a known address; the known one gets an "already have an account" mail', async () => {
    const org = createOrg(t.db.db);
    await createUser(t.db.db, { email: 'olemassa@example.fi', nodeId: org.a });
    const fresh = await requestRegistration(t.ctx(), { name: 'Uusi Oppija', email: 'uusi@example.fi', password: 'pitkä ja hyvä salasana', nodeId: org.a1 });
    const known = await requestRegistration(t.ctx(), { name: 'Joku', email: 'Olemassa@example.fi', password: 'pitkä ja hyvä salasana', nodeId: org.a1 });
    expect(fresh).toEqual({ ok: true });
    expect(known).toEqual({ ok: true });
    expect(t.mail.map((m) => [m.to, m.subject])).toEqual([
      ['uusi@example.fi', 'Vahvista rekisteröitymisesi Työkykyakatemiaan'],
      ['olemassa@example.fi', 'Sinulla on jo tili Työkykyakatemiassa'],
    ]);
    expect(t.mail[0]!.text).toContain('https://oppiminen.example.fi/rekisteroidy/vahvista/');
    expect(findUserByEmail(t.db.db, 'uusi@example.fi')).toBeUndefined();
  });

  it('creates the account from the link once; the chosen node stays pending and counts in no manager view', async () => {
    const org = createOrg(t.db.db);
    await requestRegistration(t.ctx(), { name: 'Uusi Oppija', email: 'uusi@example.fi', password: 'pitkä ja hyvä salasana', nodeId: org.a1 });
    const token = tokenOf(t.lastLink('uusi@example.fi'));
    const confirmed = confirmRegistration(t.ctx(), token);
    expect(confirmed.ok).toBe(true);
    const user = findUserByEmail(t.db.db, 'uusi@example.fi')!;
    expect(findActiveMembership(t.db.db, user.id)).toBeUndefined();
    expect(findPendingMembership(t.db.db, user.id)?.nodeId).toBe(org.a1);
    expect(listUsers(t.db.db, { nodePaths: [`/${org.root}/${org.a}/`] }).items.map((u) => u.id)).not.toContain(user.id);
    expect(confirmRegistration(t.ctx(), token)).toMatchObject({ ok: false, error: 'used' });
  });

  it('expires the link after 24 hours and refuses tampered links', async () => {
    const org = createOrg(t.db.db);
    await requestRegistration(t.ctx(), { name: 'Uusi', email: 'uusi@example.fi', password: 'pitkä ja hyvä salasana', nodeId: org.a });
    const token = tokenOf(t.lastLink('uusi@example.fi'));
    expect(confirmRegistration(t.ctx(), `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`)).toMatchObject({ ok: false, error: 'invalid' });
    t.advance(24 * 3_600_000 + 1);
    expect(confirmRegistration(t.ctx(), token)).toMatchObject({ ok: false, error: 'expired' });
  });

  it('is refused when admins have switched it off, and checks the password and node', async () => {
    const org = createOrg(t.db.db);
    expect(await requestRegistration(t.ctx(), { name: 'X', email: 'x@example.fi', password: 'salasana123', nodeId: org.a })).toMatchObject({ ok: false, error: 'common' });
    expect(await requestRegistration(t.ctx(), { name: 'X', email: 'x@example.fi', password: 'pitkä ja hyvä salasana', nodeId: 9999 })).toMatchObject({ ok: false, error: 'node' });
    expect(isRegistrationOpen(t.db.db)).toBe(true);
    setRegistrationOpen(t.ctx(), 1, false);
    expect(await requestRegistration(t.ctx(), { name: 'X', email: 'x@example.fi', password: 'pitkä ja hyvä salasana', nodeId: org.a })).toMatchObject({ ok: false, error: 'closed' });
    expect(t.mail).toHaveLength(0);
  });

  it('limits sign-ups per address and per email', async () => {
    const org = createOrg(t.db.db);
    for (let i = 0; i < 3; i += 1) expect((await requestRegistration(t.ctx(`10.0.0.${i}`), { name: 'X', email: 'x@example.fi', password: 'pitkä ja hyvä salasana', nodeId: org.a })).ok).toBe(true);
    expect(await requestRegistration(t.ctx('10.0.0.9'), { name: 'X', email: 'x@example.fi', password: 'pitkä ja hyvä salasana', nodeId: org.a })).toMatchObject({ ok: false, error: 'rate_limited' });
  });
});
