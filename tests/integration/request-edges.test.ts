/**
 * The security edges of the manager's views, run through the real endpoint
 * functions and handlers with a real database and no build or browser:
 * a unit or person outside the manager's subtrees answers the same 404 as an
 * unknown id, in the exports as on the pages, and unfiltered each manager
 * sees only their own people. (The browser suite keeps the journeys.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { APIContext } from 'astro';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { saveTotpCredential } from '../../src/lib/server/db/totp';
import { handleExport } from '../../src/lib/server/reporting/export-endpoint';
import { loadAssignmentPage } from '../../src/lib/server/assignments/assignment-page';
import { loadLearnerPage } from '../../src/lib/server/reporting/learner-page';
import { listInvitableNodes, listMembershipRequests } from '../../src/lib/server/accounts/manager-pages';
import { assignCourse } from '../../src/lib/server/assignments/assign';
import { requestOrganisationChange } from '../../src/lib/server/accounts/memberships';
import type { SessionInfo, SessionUser } from '../../src/lib/server/auth/types';

let t: TestContext;
let org: Org;
let managerA: SessionUser;
let managerB: SessionUser;
let admin: SessionUser;
let learner: SessionUser;

const sessionOf = (user: SessionUser): SessionInfo => {
  const now = t.now();
  const later = new Date(now.getTime() + 3_600_000);
  return { id: `s-${user.id}`, userId: user.id, createdAt: now, lastSeenAt: now, idleExpiresAt: later, absoluteExpiresAt: later, twoFactorVerified: true };
};

/** The endpoint's context as Astro hands it over after our middleware ran. */
function endpointContext(user: SessionUser, pathAndQuery: string): APIContext {
  const url = new URL(pathAndQuery, t.config.siteUrl);
  const request = new Request(url);
  return {
    url,
    request,
    clientAddress: '198.51.100.7',
    params: {},
    locals: { user, session: sessionOf(user), pendingSession: null, pendingUser: null, formValues: {}, ctx: t.as(user, '198.51.100.7') },
    redirect: (path: string, status = 302) => new Response(null, { status, headers: { location: path } }),
    rewrite: (path: string) => Promise.resolve(new Response(`rewrite ${path}`, { status: 403 })),
  } as unknown as APIContext;
}

async function exportAs(user: SessionUser, format: 'csv' | 'xlsx', query: string) {
  const res = await handleExport(endpointContext(user, `/hallinta/raportit/suoritukset.${format}${query}`), format);
  return { status: res.status, body: format === 'csv' ? await res.text() : '' };
}

beforeEach(async () => {
  t = createTestContext();
  org = createOrg(t.db.db);
  managerA = await createUser(t.db.db, { email: 'a.esihenkilo@example.fi', name: 'Aino Esihenkilö', roles: ['manager'], nodeId: org.a, scopes: [org.a] });
  managerB = await createUser(t.db.db, { email: 'b.esihenkilo@example.fi', name: 'Bertta Esihenkilö', roles: ['manager'], nodeId: org.b, scopes: [org.b] });
  admin = await createUser(t.db.db, { email: 'yllapito@example.fi', roles: ['admin'], nodeId: org.root });
  learner = await createUser(t.db.db, { email: 'olli@example.fi', name: 'Olli Oppija', nodeId: org.a1 });
  // Managers and admins need a second factor for their roles to count.
  for (const u of [managerA, managerB, admin]) saveTotpCredential(t.db.db, u.id, new Uint8Array(20), t.now(), 0);
});
afterEach(() => t.db.cleanup());

describe('exports outside the scope', () => {
  it('answer 404 with the same body as an unknown unit, in CSV and XLSX', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      expect((await exportAs(managerA, format, `?yksikko=${org.a}`)).status, `own ${format}`).toBe(200);
      expect((await exportAs(admin, format, `?yksikko=${org.a}`)).status, `admin ${format}`).toBe(200);
      const other = await exportAs(managerB, format, `?yksikko=${org.a}`);
      const unknown = await exportAs(managerB, format, '?yksikko=999999');
      expect(other.status, `other ${format}`).toBe(404);
      expect(unknown.status).toBe(404);
      expect(other.body).toBe(unknown.body);
    }
  });

  it('unfiltered, list only the manager’s own people', async () => {
    const [course] = await t.catalog.reportCourses();
    expect(assignCourse(t.ctx(), admin, [course!.id], { courseId: course!.id, nodeId: org.root, dueDate: '2026-12-31' }).ok).toBe(true);
    expect((await exportAs(managerA, 'csv', '')).body).toContain('Olli Oppija');
    expect((await exportAs(managerB, 'csv', '')).body).not.toContain('Olli Oppija');
  });

  it('refuse a malformed filter with 400 and a learner with the no-access page', async () => {
    expect((await exportAs(managerA, 'csv', '?yksikko=abc')).status).toBe(400);
    expect((await exportAs(learner, 'csv', '')).status).toBe(403);
  });
});

describe('manager pages outside the scope', () => {
  it('answer not-found for a unit or person in another subtree, as for unknown ids', async () => {
    expect((await loadAssignmentPage(t.as(managerA), String(org.a))).ok).toBe(true);
    expect(await loadAssignmentPage(t.as(managerB), String(org.a))).toEqual({ ok: false, error: 'not-found' });
    expect(await loadAssignmentPage(t.as(managerB), '999999')).toEqual({ ok: false, error: 'not-found' });
    expect((await loadLearnerPage(t.as(managerA), String(learner.id))).ok).toBe(true);
    expect(await loadLearnerPage(t.as(managerB), String(learner.id))).toEqual({ ok: false, error: 'not-found' });
  });

  it('offer only units and membership requests inside the scope', async () => {
    expect(listInvitableNodes(t.as(managerB)).map((n) => n.id)).toEqual([org.b]);
    expect(listInvitableNodes(t.as(managerA)).map((n) => n.id).sort()).toEqual([org.a, org.a1].sort());
    const newcomer = await createUser(t.db.db, { email: 'uusi@example.fi', name: 'Uusi Tulokas' });
    const asked = requestOrganisationChange(t.ctx(), newcomer.id, org.a1);
    expect(asked.ok).toBe(true);
    expect(listMembershipRequests(t.as(managerA)).map((p) => p.userName)).toEqual(['Uusi Tulokas']);
    expect(listMembershipRequests(t.as(managerB))).toEqual([]);
  });
});
