/**
 * The manager dashboard's figures from a real database: per course, per
 * child unit, the people in a unit, the monthly chart by where people worked
 * when they completed, and a learner who is marked as having left.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/lib/server/reporting/dashboard';
import { resolveDashboardFocus } from '../../src/lib/server/reporting/dashboard-focus';
import { listCompletionRecords, type ReportCourse } from '../../src/lib/server/reporting/records';
import { assignCourse } from '../../src/lib/server/assignments/assign';
import { markLearnerLeft } from '../../src/lib/server/accounts/memberships';
import { startActiveMembership } from '../../src/lib/server/db/memberships';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { markRead } from '../../src/lib/server/learning/progress';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';

const fixture = loadFixtureCourse();
const COURSES: ReportCourse[] = [{ id: 'testikurssi', title: 'Testikurssi', version: '1.0' }, { id: 'toinen', title: 'Toinen kurssi', version: '1.0' }];
let t: TestContext;
let org: Org;
let manager: SessionUser;
let done: SessionUser;
let mover: SessionUser;

beforeEach(async () => {
  t = createTestContext();
  org = createOrg(t.db.db);
  manager = await createUser(t.db.db, { email: 'm@example.fi', roles: ['manager'], nodeId: org.root, scopes: [org.a] });
  done = await createUser(t.db.db, { email: 'done@example.fi', name: 'Valmis Vilma', nodeId: org.a1 });
  await createUser(t.db.db, { email: 'idle@example.fi', name: 'Aloittamaton Aapo', nodeId: org.a1 });
  mover = await createUser(t.db.db, { email: 'mover@example.fi', name: 'Siirtyvä Sami', nodeId: org.b });
  assignCourse(t.ctx(), manager, COURSES.map((c) => c.id), { courseId: 'testikurssi', nodeId: org.a, dueDate: '2026-12-31' });
  // Sami completes in Kunta B in August, then moves to Kunta A: that completion is B's, not A's.
  t.setTime('2026-08-10T10:00:00Z');
  const samiLearner = { userId: mover.id, issuer: issuerFromConfig(t.config) };
  completeLessons(t.db.db, fixture, samiLearner, t.now());
  passFinal(t.db.db, fixture, samiLearner, 's1', t.now());
  startActiveMembership(t.db.db, mover.id, org.a1, null, new Date('2026-09-01T08:00:00Z'));
  t.setTime('2026-11-23T10:00:00Z');
  const learner = { userId: done.id, issuer: issuerFromConfig(t.config) };
  completeLessons(t.db.db, fixture, learner, t.now());
  passFinal(t.db.db, fixture, learner, 'n1', t.now());
});
afterEach(() => t.db.cleanup());

function dashboard(nodeId?: number, courseId?: string) {
  const focus = resolveDashboardFocus(t.db.db, manager, nodeId);
  if (!focus.ok) throw new Error('not found');
  return buildDashboard(t.db.db, { courses: COURSES, paths: focus.value.paths, focus: focus.value.focus, units: focus.value.units, courseId, now: t.now() });
}

describe('the dashboard', () => {
  it('counts per course and per unit down the tree, and agrees with the export records', () => {
    const top = dashboard();
    expect(top.members).toBe(3);
    // One subtree: the dashboard starts at its top and breaks it down by its units.
    expect(top.perUnit.map((u) => [u.node.name, u.figures.people])).toEqual([['Tiimi A1', 3]]);
    expect(top.perCourse[0]!.figures).toEqual({ people: 3, started: 2, completed: 2, assigned: 3, overdue: 0, expiring: 0 });
    expect(top.perCourse[1]!.figures).toEqual({ people: 3, started: 0, completed: 0, assigned: 0, overdue: 0, expiring: 0 });
    expect(top.headline).toEqual({ people: 3, started: 2, completed: 2, assigned: 3, overdue: 0, expiring: 0 });
    const records = listCompletionRecords(t.db.db, COURSES, { paths: [`/${org.root}/${org.a}/`] }, t.now());
    expect(records.filter((r) => r.status === 'valmis')).toHaveLength(2);

    const kuntaA = dashboard(org.a);
    expect(kuntaA.perUnit.map((u) => u.node.name)).toEqual(['Tiimi A1']);
    const team = dashboard(org.a1, 'testikurssi');
    expect(team.learners.map((l) => [l.name, l.statuses.get('testikurssi')?.status])).toEqual([
      ['Aloittamaton Aapo', 'ei aloitettu'],
      ['Siirtyvä Sami', 'valmis'],
      ['Valmis Vilma', 'valmis'],
    ]);
  });

  it('charts completions where people worked when they completed', () => {
    const months = dashboard().monthly;
    expect(months.find((m) => m.month === '2026-11')!.count).toBe(1);
    expect(months.find((m) => m.month === '2026-08')!.count).toBe(0);
  });

  it('answers not found for a unit outside the scope or unknown', () => {
    expect(resolveDashboardFocus(t.db.db, manager, org.b)).toEqual({ ok: false });
    expect(resolveDashboardFocus(t.db.db, manager, 999_999)).toEqual({ ok: false });
  });

  it('drops a learner marked as having left from the figures from then on, keeping their history', () => {
    markRead(t.db.db, fixture.structure, 'perusteet', { userId: done.id }, t.now());
    expect(markLearnerLeft(t.ctx(), { ...manager, roles: ['learner'] }, done.id)).toEqual({ ok: false, error: 'not_found' });
    expect(markLearnerLeft(t.ctx(), manager, done.id)).toEqual({ ok: true });
    expect(listAuditEvents(t.db.db, { action: 'membership.left', limit: 5 })).toHaveLength(1);
    const after = dashboard();
    expect(after.members).toBe(2);
    expect(after.perCourse[0]!.figures.completed).toBe(1);
    expect(t.db.sqlite.prepare('SELECT COUNT(*) AS n FROM certificate WHERE user_id = ?').get(done.id)).toEqual({ n: 1 });
    // Outside the scope and for the second time it is not found.
    expect(markLearnerLeft(t.ctx(), manager, done.id)).toEqual({ ok: false, error: 'not_found' });
  });
});
