/**
 * The dashboard's figures add up on the demo organisation: for the regional
 * manager's whole scope and every unit below it, with all courses and with
 * each course, every row counts persons of one population, so
 * completed ≤ started ≤ people, overdue ≤ assigned ≤ people,
 * expiring ≤ completed and the rate is completed ÷ people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lib/server/config';
import { findUserByEmail, getUserRoles } from '../../src/lib/server/db/users';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { loadDemoCourses } from '../../src/lib/server/demo/courses';
import { buildDashboard } from '../../src/lib/server/reporting/dashboard';
import { resolveDashboardFocus } from '../../src/lib/server/reporting/dashboard-focus';
import { listCompletionRecords } from '../../src/lib/server/reporting/records';
import { completionRate, figureInconsistencies, type Figures } from '../../src/lib/reporting/figures';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const NOW = new Date('2026-11-23T10:00:00Z');
const courses = loadDemoCourses().map((c) => ({ id: c.structure.id, title: c.structure.title, version: c.structure.version }));
let t: TestDatabase;
let manager: SessionUser;

beforeAll(async () => {
  t = createTestDatabase();
  const config = loadConfig({ DATABASE_PATH: `${t.dir}/app.db`, SITE_URL: 'https://oppiminen.example.fi' });
  const seeded = await seedDemo(t, config, NOW);
  expect(seeded.ok).toBe(true);
  const row = findUserByEmail(t.db, 'esihenkilo.alue@demo.invalid')!;
  manager = { id: row.id, name: row.name, email: row.email, roles: getUserRoles(t.db, row.id) };
}, 120_000);
afterAll(() => t.cleanup());

function expectConsistent(f: Figures, where: string) {
  expect(figureInconsistencies(f), where).toEqual([]);
  expect(completionRate(f), where).toBe(f.people === 0 ? null : Math.floor((f.completed / f.people) * 100));
}

function dashboard(nodeId: number | undefined, courseId?: string) {
  const focus = resolveDashboardFocus(t.db, manager, nodeId);
  if (!focus.ok) throw new Error(`no focus ${nodeId}`);
  return { focus: focus.value, data: buildDashboard(t.db, { courses, paths: focus.value.paths, focus: focus.value.focus, units: focus.value.units, courseId, now: NOW }) };
}

describe('dashboard figures on the demo organisation', () => {
  it('add up in every row, for the whole scope and every unit, with all courses and with each', () => {
    const top = dashboard(undefined);
    expect(top.data.headline.people).toBeGreaterThan(150);
    expect(top.data.headline.completed).toBeGreaterThan(0);
    expect(top.data.headline.overdue).toBeGreaterThan(0);
    const nodes = [undefined, ...top.focus.units.map((u) => u.id)];
    // Walk the whole tree below the top units.
    for (let i = 1; i < nodes.length; i += 1) nodes.push(...dashboard(nodes[i]).focus.units.map((u) => u.id));
    expect(nodes.length).toBeGreaterThan(10);
    let rows = 0;
    for (const nodeId of nodes) {
      for (const courseId of [undefined, ...courses.map((c) => c.id)]) {
        const { data } = dashboard(nodeId, courseId);
        const where = `unit ${nodeId ?? 'top'}, course ${courseId ?? 'all'}`;
        expectConsistent(data.headline, `${where} headline`);
        expect(data.headline.people, where).toBe(data.members);
        for (const c of data.perCourse) {
          expectConsistent(c.figures, `${where} course ${c.course.id}`);
          // Every course row counts the same population as the headline.
          expect(c.figures.people, `${where} course ${c.course.id}`).toBe(data.headline.people);
          // The headline counts a person once over the courses shown: at least as many as any one course, at most their sum.
          if (!courseId) expect(data.headline.completed).toBeGreaterThanOrEqual(c.figures.completed);
        }
        if (courseId) expect(data.headline).toEqual(data.perCourse.find((c) => c.course.id === courseId)!.figures);
        else expect(data.headline.completed).toBeLessThanOrEqual(data.perCourse.reduce((n, c) => n + c.figures.completed, 0));
        for (const u of data.perUnit) expectConsistent(u.figures, `${where} unit ${u.node.name}`);
        // Units split the people below the focus: their people never add up to more than the headline.
        expect(data.perUnit.reduce((n, u) => n + u.figures.people, 0), where).toBeLessThanOrEqual(data.headline.people);
        rows += 1 + data.perCourse.length + data.perUnit.length;
      }
    }
    expect(rows).toBeGreaterThan(100);
  });

  it('counts each completed person once, as the completion records list them', () => {
    const { data, focus } = dashboard(undefined);
    const records = listCompletionRecords(t.db, courses, { paths: focus.paths }, NOW);
    for (const c of data.perCourse) {
      const completed = new Set(records.filter((r) => r.courseId === c.course.id && r.status === 'valmis').map((r) => r.userId));
      expect(c.figures.completed, c.course.id).toBe(completed.size);
    }
    expect(data.headline.completed).toBe(new Set(records.filter((r) => r.status === 'valmis').map((r) => r.userId)).size);
  });
});
