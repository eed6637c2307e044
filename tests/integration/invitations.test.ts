import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptInvitation, describeInvitation, importInvitations, inviteUser } from '../../src/lib/server/accounts/invitations';
import { parseInvitationCsv } from '../../src/lib/server/accounts/invitation-csv';
import { findUserByEmail, getUserRoles } from '../../src/lib/server/db/users';
import { findActiveMembership } from '../../src/lib/server/db/memberships';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import { createTestContext, tokenOf, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import type { SessionUser } from '../../src/lib/server/auth/types';

let t: TestContext;
let org: Org;
let admin: SessionUser;
let managerA: SessionUser;
beforeEach(async () => {
  t = createTestContext();
  org = createOrg(t.db.db);
  admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'], nodeId: org.root });
  managerA = await createUser(t.db.db, { email: 'esihenkilo.a@example.fi', roles: ['manager'], nodeId: org.a, scopes: [org.a] });
});
afterEach(() => t.db.cleanup());

const csv = (text: string) => new TextEncoder().encode(text);

describe('invitations', () => {
  it('lets a manager invite learners into their subtree only', async () => {
    expect(await inviteUser(t.ctx(), managerA, { name: 'Oppija A1', email: 'a1@example.fi', nodeId: org.a1, roles: ['learner'] })).toEqual({ ok: true });
    expect(await inviteUser(t.ctx(), managerA, { name: 'Oppija B', email: 'b@example.fi', nodeId: org.b, roles: ['learner'] })).toMatchObject({ ok: false, error: 'node' });
    expect(await inviteUser(t.ctx(), managerA, { name: 'Kouluttaja', email: 'k@example.fi', nodeId: org.a, roles: ['trainer'] })).toMatchObject({ ok: false, error: 'roles' });
    expect(await inviteUser(t.ctx(), managerA, { name: 'Olemassa', email: 'admin@example.fi', nodeId: org.a, roles: ['learner'] })).toMatchObject({ ok: false, error: 'exists' });
    expect(t.mail.map((m) => m.to)).toEqual(['a1@example.fi']);
  });

  it('lets an admin invite anyone with any role; accepting creates the account in the confirmed node', async () => {
    expect((await inviteUser(t.ctx(), admin, { name: 'Kaisa Kouluttaja', email: 'kaisa@example.fi', nodeId: org.b, roles: ['trainer', 'manager'] })).ok).toBe(true);
    const token = tokenOf(t.lastLink('kaisa@example.fi'));
    expect(describeInvitation(t.ctx(), token)).toMatchObject({ ok: true, name: 'Kaisa Kouluttaja', nodeName: 'Kunta B' });
    expect(await acceptInvitation(t.ctx(), { token, password: 'lyhyt' })).toMatchObject({ ok: false, error: 'too_short' });
    const accepted = await acceptInvitation(t.ctx(), { token, password: 'pitkä ja hyvä salasana' });
    expect(accepted.ok).toBe(true);
    const user = findUserByEmail(t.db.db, 'kaisa@example.fi')!;
    expect(getUserRoles(t.db.db, user.id).sort()).toEqual(['learner', 'manager', 'trainer']);
    expect(findActiveMembership(t.db.db, user.id)?.nodeId).toBe(org.b);
    expect(await acceptInvitation(t.ctx(), { token, password: 'pitkä ja hyvä salasana' })).toMatchObject({ ok: false, error: 'used' });
    expect(listAuditEvents(t.db.db, { action: 'user.invited' })[0]?.actorId).toBe(admin.id);
  });

  it('expire after 7 days, and a new invitation replaces the old link', async () => {
    await inviteUser(t.ctx(), admin, { name: 'X', email: 'x@example.fi', nodeId: org.a, roles: ['learner'] });
    const first = tokenOf(t.lastLink('x@example.fi'));
    await inviteUser(t.ctx(), admin, { name: 'X', email: 'x@example.fi', nodeId: org.a, roles: ['learner'] });
    const second = tokenOf(t.lastLink('x@example.fi'));
    expect(await acceptInvitation(t.ctx(), { token: first, password: 'pitkä ja hyvä salasana' })).toMatchObject({ ok: false, error: 'used' });
    t.advance(7 * 86_400_000 + 1);
    expect(await acceptInvitation(t.ctx(), { token: second, password: 'pitkä ja hyvä salasana' })).toMatchObject({ ok: false, error: 'expired' });
  });
});

describe('CSV import', () => {
  it('writes nothing when any row is bad, and reports each bad row by line and reason', async () => {
    const parsed = parseInvitationCsv(csv('nimi;sähköposti;organisaatio;roolit\nHyvä Rivi;hyva@example.fi;Testialue / Kunta A / Tiimi A1;oppija\nEi Osoitetta;;Testialue / Kunta A;oppija\nVäärä Paikka;vaara@example.fi;Testialue / Kunta C;oppija\nHyvä Rivi 2;hyva@example.fi;Testialue / Kunta A;oppija\n'));
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await importInvitations(t.ctx(), admin, parsed.rows);
    expect(result.ok).toBe(false);
    const problems = (result as { checks: { row: { line: number }; problems: string[] }[] }).checks.map((c) => [c.row.line, c.problems]);
    expect(problems).toEqual([
      [2, ['sama sähköpostiosoite on tiedostossa useammin kuin kerran']],
      [3, ['sähköpostiosoite ei ole kelvollinen']],
      [4, ['organisaatiota "Testialue / Kunta C" ei löydy']],
      [5, ['sama sähköpostiosoite on tiedostossa useammin kuin kerran']],
    ]);
    expect(t.mail).toHaveLength(0);
    expect(t.db.sqlite.prepare("SELECT COUNT(*) AS n FROM one_time_token WHERE kind = 'invitation'").get()).toEqual({ n: 0 });
  });

  it('invites every row when all are valid', async () => {
    const parsed = parseInvitationCsv(csv('nimi,sähköposti,organisaatio\nAnna,anna@example.fi,Testialue/Kunta A/Tiimi A1\nBertta,bertta@example.fi,testialue / kunta a\n'));
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await importInvitations(t.ctx(), managerA, parsed.rows);
    expect(result).toMatchObject({ ok: true, invited: 2 });
    expect(t.mail.map((m) => m.to).sort()).toEqual(['anna@example.fi', 'bertta@example.fi']);
  });

  it('keeps a manager inside their subtree and to learners', async () => {
    const parsed = parseInvitationCsv(csv('nimi;sähköposti;organisaatio;roolit\nB;b@example.fi;Testialue / Kunta B;oppija\nK;k@example.fi;Testialue / Kunta A;kouluttaja\n'));
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await importInvitations(t.ctx(), managerA, parsed.rows);
    const problems = (result as { checks: { problems: string[] }[] }).checks.map((c) => c.problems);
    expect(problems).toEqual([['organisaatiota ei löydy tai se ei ole sinun vastuullasi'], ['voit kutsua vain oppijoita']]);
  });
});
