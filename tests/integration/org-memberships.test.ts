import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveOrgNode, createOrgNode, listTree, moveOrgNode, renameOrgNode } from '../../src/lib/server/accounts/org-tree';
import { decideMembership, moveUserToNode, requestOrganisationChange } from '../../src/lib/server/accounts/memberships';
import { canManageUser, managedPaths } from '../../src/lib/server/accounts/scope';
import { findActiveMembership, findPendingMembership, listMembershipHistory } from '../../src/lib/server/db/memberships';
import { findNode } from '../../src/lib/server/db/org';
import { listUsers } from '../../src/lib/server/db/users';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import type { SessionUser } from '../../src/lib/server/auth/types';

let t: TestContext;
let org: Org;
let admin: SessionUser;
beforeEach(async () => {
  t = createTestContext();
  org = createOrg(t.db.db);
  admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'], nodeId: org.root });
});
afterEach(() => t.db.cleanup());

describe('organisation tree', () => {
  it('creates nodes of any depth with full paths, renames and moves them', () => {
    let parent = org.a1;
    for (let depth = 0; depth < 5; depth += 1) {
      const r = createOrgNode(t.ctx(), admin.id, { name: `Taso ${depth}`, type: 'tiimi', parentId: parent });
      if (!r.ok) throw new Error(r.error);
      parent = r.node.id;
    }
    const deepest = listTree(t.db.db).find((n) => n.id === parent)!;
    expect(deepest.depth).toBe(7);
    expect(deepest.label).toBe('Testialue › Kunta A › Tiimi A1 › Taso 0 › Taso 1 › Taso 2 › Taso 3 › Taso 4');
    expect(renameOrgNode(t.ctx(), admin.id, { id: org.a, name: 'Kunta Ä', type: 'kunta' }).ok).toBe(true);
    // Moving A1 under B carries its whole subtree.
    expect(moveOrgNode(t.ctx(), admin.id, { id: org.a1, parentId: org.b }).ok).toBe(true);
    expect(listTree(t.db.db).find((n) => n.id === parent)!.label.startsWith('Testialue › Kunta B › Tiimi A1 › Taso 0')).toBe(true);
    expect(findNode(t.db.db, parent)!.path.startsWith(`/${org.root}/${org.b}/${org.a1}/`)).toBe(true);
  });

  it('refuses moves into its own subtree, moving the root, and bad input', () => {
    expect(moveOrgNode(t.ctx(), admin.id, { id: org.a, parentId: org.a1 })).toMatchObject({ ok: false, error: 'cycle' });
    expect(moveOrgNode(t.ctx(), admin.id, { id: org.root, parentId: org.b })).toMatchObject({ ok: false, error: 'is_root' });
    expect(createOrgNode(t.ctx(), admin.id, { name: ' ', type: 'tiimi', parentId: org.a })).toMatchObject({ ok: false, error: 'name_required' });
    expect(createOrgNode(t.ctx(), admin.id, { name: 'X', type: 'planeetta', parentId: org.a })).toMatchObject({ ok: false, error: 'bad_type' });
  });

  it('moves only people who exist, and a manager only people in their subtrees', async () => {
    expect(moveUserToNode(t.ctx(), admin, 999_999, org.b)).toMatchObject({ ok: false, error: 'not_found' });
    const inA = await createUser(t.db.db, { email: 'in-a@example.fi', nodeId: org.a1 });
    const inB = await createUser(t.db.db, { email: 'in-b@example.fi', nodeId: org.b });
    const managerA = await createUser(t.db.db, { email: 'm-a@example.fi', roles: ['manager'], nodeId: org.a, scopes: [org.a] });
    // Pulling someone in from another subtree would hand them to this manager.
    expect(moveUserToNode(t.ctx(), managerA, inB.id, org.a1)).toMatchObject({ ok: false, error: 'not_found' });
    expect(moveUserToNode(t.ctx(), managerA, inA.id, org.b)).toMatchObject({ ok: false, error: 'not_found' });
    expect(moveUserToNode(t.ctx(), managerA, inA.id, org.a)).toEqual({ ok: true });
  });

  it('archives only nodes without members, keeping their history', async () => {
    const user = await createUser(t.db.db, { email: 'a1@example.fi', nodeId: org.a1 });
    expect(archiveOrgNode(t.ctx(), admin.id, { id: org.a })).toMatchObject({ ok: false, error: 'has_members' });
    expect(moveUserToNode(t.ctx(), admin, user.id, org.b).ok).toBe(true);
    expect(archiveOrgNode(t.ctx(), admin.id, { id: org.a }).ok).toBe(true);
    expect(listTree(t.db.db).map((n) => n.id)).not.toContain(org.a1);
    expect(findNode(t.db.db, org.a1)!.archivedAt).not.toBeNull();
    expect(listMembershipHistory(t.db.db, user.id).map((m) => [m.nodeName, m.status])).toEqual([
      ['Kunta B', 'active'],
      ['Tiimi A1', 'ended'],
    ]);
  });
});

describe('changing organisation', () => {
  it('stays pending until a manager of the new node confirms; the old membership ends then', async () => {
    const managerB = await createUser(t.db.db, { email: 'esihenkilo.b@example.fi', roles: ['manager'], nodeId: org.b, scopes: [org.b] });
    const managerA = await createUser(t.db.db, { email: 'esihenkilo.a@example.fi', roles: ['manager'], nodeId: org.a, scopes: [org.a] });
    const user = await createUser(t.db.db, { email: 'oppija@example.fi', nodeId: org.a1 });
    t.advance(86_400_000);
    expect(requestOrganisationChange(t.ctx(), user.id, org.b).ok).toBe(true);
    const pending = findPendingMembership(t.db.db, user.id)!;
    expect(findActiveMembership(t.db.db, user.id)?.nodeId).toBe(org.a1);
    // The manager of the old unit cannot decide; it answers as not found.
    expect(decideMembership(t.ctx(), managerA, pending.id, 'confirm')).toMatchObject({ ok: false, error: 'not_found' });
    expect(decideMembership(t.ctx(), managerB, pending.id, 'confirm').ok).toBe(true);
    const active = findActiveMembership(t.db.db, user.id)!;
    expect(active.nodeId).toBe(org.b);
    expect(active.joinedAt?.getTime()).toBe(t.now().getTime());
    const history = listMembershipHistory(t.db.db, user.id);
    expect(history.find((m) => m.nodeId === org.a1)).toMatchObject({ status: 'ended', leftAt: t.now() });
    expect(canManageUser(t.db.db, managerB, user.id)).toBe(true);
    expect(canManageUser(t.db.db, managerA, user.id)).toBe(false);
  });

  it('scopes managers to their subtrees and admins to everything', async () => {
    const managerA = await createUser(t.db.db, { email: 'esihenkilo.a@example.fi', roles: ['manager'], nodeId: org.a, scopes: [org.a] });
    const inA1 = await createUser(t.db.db, { email: 'a1@example.fi', nodeId: org.a1 });
    const inB = await createUser(t.db.db, { email: 'b@example.fi', nodeId: org.b });
    expect(canManageUser(t.db.db, managerA, inA1.id)).toBe(true);
    expect(canManageUser(t.db.db, managerA, inB.id)).toBe(false);
    expect(canManageUser(t.db.db, admin, inB.id)).toBe(true);
    const visible = listUsers(t.db.db, { nodePaths: managedPaths(t.db.db, managerA) }).items.map((u) => u.email);
    expect(visible.sort()).toEqual(['a1@example.fi', 'esihenkilo.a@example.fi']);
    const learner = await createUser(t.db.db, { email: 'oppija@example.fi', nodeId: org.a });
    expect(managedPaths(t.db.db, learner)).toEqual([]);
  });
});

describe('names of organisations and people', () => {
  it('refuse hidden characters and are stored in NFC, in the flows too', async () => {
    const { changeName } = await import('../../src/lib/server/accounts/profile');
    const { checkInvitationRows } = await import('../../src/lib/server/accounts/invitations');
    const { findUserById } = await import('../../src/lib/server/db/users');
    expect(createOrgNode(t.ctx(), admin.id, { name: 'Tiimi\u202eA', type: 'tiimi', parentId: org.a })).toMatchObject({ ok: false, error: 'name_characters', field: 'name' });
    expect(renameOrgNode(t.ctx(), admin.id, { id: org.a, name: 'Kunta\u200bA', type: 'kunta' })).toMatchObject({ ok: false, error: 'name_characters' });
    const created = createOrgNode(t.ctx(), admin.id, { name: 'Tiimi Pa\u0308ivi', type: 'tiimi', parentId: org.a });
    expect(created.ok && created.node.name).toBe('Tiimi Päivi');
    expect(changeName(t.ctx(), admin.id, 'Aino\u0000 Ylläpitäjä')).toMatchObject({ ok: false, error: 'name_characters' });
    expect(changeName(t.ctx(), admin.id, 'Aino Ylla\u0308pita\u0308ja\u0308').ok).toBe(true);
    expect(findUserById(t.db.db, admin.id)!.name).toBe('Aino Ylläpitäjä');
    const [row] = checkInvitationRows(t.ctx(), admin, [{ name: 'Olli\u2066 Oppija', email: 'olli@example.fi', nodePath: [findNode(t.db.db, org.a)!.name], roles: ['learner'], unknownRoles: [], line: 2 } as never]);
    expect(row!.problems).toContain('nimessä on ohjausmerkkejä, näkymättömiä merkkejä tai tekstin suunnan vaihtoja');
  });
});
