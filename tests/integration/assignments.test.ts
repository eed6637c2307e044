/**
 * Assignments, the statuses managers see, and the reminder scheduler, on a
 * real database with the fixture course and an injected clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignCourse, changeAssignmentDue, withdrawAssignment } from '../../src/lib/server/assignments/assign';
import { runReminders } from '../../src/lib/server/assignments/reminders';
import { listCompletionRecords, type ReportCourse } from '../../src/lib/server/reporting/records';
import { startActiveMembership, endActiveMembership, requestMembership } from '../../src/lib/server/db/memberships';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { eraseAccount } from '../../src/lib/server/privacy/erase';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import { markRead } from '../../src/lib/server/learning/progress';
import type { MailMessage } from '../../src/lib/server/mail/mailer';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';

const DAY = 86_400_000;
const fixture = loadFixtureCourse();
const COURSES: ReportCourse[] = [{ id: 'testikurssi', title: 'Testikurssi', version: '1.0' }];
let t: TestContext;
let org: Org;
let manager: SessionUser;
let learnerA: SessionUser;
let learnerB: SessionUser;

beforeEach(async () => {
  t = createTestContext();
  org = createOrg(t.db.db);
  manager = await createUser(t.db.db, { email: 'esihenkilo@example.fi', name: 'Eeva Esihenkilö', roles: ['manager'], nodeId: org.a, scopes: [org.a] });
  learnerA = await createUser(t.db.db, { email: 'a@example.fi', name: 'Aino A', nodeId: org.a1 });
  learnerB = await createUser(t.db.db, { email: 'b@example.fi', name: 'Bertta B', nodeId: org.b });
});
afterEach(() => t.db.cleanup());

const records = (filter = {}) => listCompletionRecords(t.db.db, COURSES, filter, t.now());
const statusOf = (userId: number) => records().find((r) => r.userId === userId)?.status;

describe('assigning a course', () => {
  it('to a unit covers its subtree, with the due date, and is audit-logged', () => {
    const result = assignCourse(t.ctx(), manager, ['testikurssi'], { courseId: 'testikurssi', nodeId: org.a, dueDate: '2026-12-31' });
    expect(result).toEqual({ ok: true, created: 1, updated: 0 });
    const rows = records();
    expect(rows.map((r) => [r.name, r.status, r.dueDate, r.assignedBy])).toEqual([
      ['Eeva Esihenkilö', 'ei aloitettu', '2026-12-31', 'Eeva Esihenkilö'],
      ['Aino A', 'ei aloitettu', '2026-12-31', 'Eeva Esihenkilö'],
    ]);
    expect(listAuditEvents(t.db.db, { action: 'assignment.created', limit: 5 })).toHaveLength(1);
  });

  it('refuses what is outside the manager’s subtree as not found, and bad dates with a reason', () => {
    const ctx = t.ctx();
    expect(assignCourse(ctx, manager, ['testikurssi'], { courseId: 'testikurssi', nodeId: org.b, dueDate: '2026-12-31' })).toMatchObject({ ok: false, error: 'not_found' });
    expect(assignCourse(ctx, manager, ['testikurssi'], { courseId: 'testikurssi', userIds: [learnerB.id], dueDate: '2026-12-31' })).toMatchObject({ ok: false, error: 'not_found' });
    expect(assignCourse(ctx, manager, ['testikurssi'], { courseId: 'testikurssi', userIds: [learnerA.id, learnerB.id], dueDate: '2026-12-31' })).toMatchObject({ ok: false, error: 'not_found' });
    expect(assignCourse(ctx, manager, ['testikurssi'], { courseId: 'testikurssi', nodeId: org.a, dueDate: '2026-11-22' })).toMatchObject({ ok: false, error: 'due_past', field: 'dueDate' });
    expect(assignCourse(ctx, manager, ['testikurssi'], { courseId: 'testikurssi', nodeId: org.a, dueDate: '2026-02-30' })).toMatchObject({ ok: false, error: 'due_date' });
    expect(assignCourse(ctx, manager, ['testikurssi'], { courseId: 'muu', nodeId: org.a, dueDate: '2026-12-31' })).toMatchObject({ ok: false, error: 'course' });
    const admin: SessionUser = { ...manager, roles: ['admin'] };
    expect(assignCourse(ctx, admin, ['testikurssi'], { courseId: 'testikurssi', userIds: [999_999], dueDate: '2026-12-31' })).toMatchObject({ ok: false, error: 'not_found' });
    expect(assignCourse(ctx, admin, ['testikurssi'], { courseId: 'testikurssi', nodeId: 999_999, dueDate: '2026-12-31' })).toMatchObject({ ok: false, error: 'not_found' });
    expect(records()).toEqual([]);
  });

  it('to chosen learners, moved and withdrawn, keeps one assignment per learner and course', () => {
    const ctx = t.ctx();
    assignCourse(ctx, manager, ['testikurssi'], { courseId: 'testikurssi', userIds: [learnerA.id], dueDate: '2026-12-31' });
    expect(assignCourse(ctx, manager, ['testikurssi'], { courseId: 'testikurssi', userIds: [learnerA.id], dueDate: '2027-01-15' })).toEqual({ ok: true, created: 0, updated: 1 });
    expect(records().map((r) => [r.userId, r.dueDate])).toEqual([[learnerA.id, '2027-01-15']]);
    const id = (t.db.sqlite.prepare('SELECT id FROM assignment').get() as { id: number }).id;
    expect(changeAssignmentDue(ctx, manager, id, '2027-02-01')).toEqual({ ok: true });
    expect(records()[0]!.dueDate).toBe('2027-02-01');
    expect(withdrawAssignment(ctx, manager, id)).toEqual({ ok: true });
    expect(records()).toEqual([]);
    expect(withdrawAssignment(ctx, manager, id)).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('reaches new members: the unit’s date, or 30 days after joining when later', async () => {
    assignCourse(t.ctx(), manager, ['testikurssi'], { courseId: 'testikurssi', nodeId: org.a, dueDate: '2026-12-10' });
    const early = await createUser(t.db.db, { email: 'early@example.fi' });
    startActiveMembership(t.db.db, early.id, org.a1, manager.id, new Date('2026-11-25T08:00:00Z'));
    const late = await createUser(t.db.db, { email: 'late@example.fi' });
    startActiveMembership(t.db.db, late.id, org.a1, manager.id, new Date('2026-11-28T08:00:00Z'));
    const due = new Map(records().map((r) => [r.userId, r.dueDate]));
    expect(due.get(early.id)).toBe('2026-12-25');
    expect(due.get(late.id)).toBe('2026-12-28');
    expect(due.get(learnerA.id)).toBe('2026-12-10');
  });
});

describe('statuses', () => {
  it('follow the learner: overdue, in progress, complete, expired, revoked; pending, left and erased people drop out', async () => {
    assignCourse(t.ctx(), manager, ['testikurssi'], { courseId: 'testikurssi', nodeId: org.a, dueDate: '2026-12-01' });
    expect(statusOf(learnerA.id)).toBe('ei aloitettu');
    markRead(t.db.db, fixture.structure, 'perusteet', { userId: learnerA.id }, t.now());
    expect(records().find((r) => r.userId === learnerA.id)).toMatchObject({ status: 'kesken', progressPercent: expect.any(Number) });
    t.setTime('2026-12-02T10:00:00Z');
    expect(statusOf(learnerA.id)).toBe('myöhässä');
    const learner = { userId: learnerA.id, issuer: issuerFromConfig(t.config) };
    completeLessons(t.db.db, fixture, learner, t.now());
    passFinal(t.db.db, fixture, learner, 'n1', t.now());
    const done = records().find((r) => r.userId === learnerA.id)!;
    expect(done).toMatchObject({ status: 'valmis', progressPercent: 100, finalScore: 100, dueDate: '2029-12-02', renewal: true });
    expect(done.certificateCode).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    t.setTime('2029-09-10T10:00:00Z');
    expect(records().find((r) => r.userId === learnerA.id)?.expiringSoon).toBe(true);
    t.setTime('2029-12-03T10:00:00Z');
    expect(statusOf(learnerA.id)).toBe('vanhentunut');
    t.db.sqlite.prepare("UPDATE certificate SET revoked_at = ?, revoked_reason = 'x'").run(t.now().getTime());
    expect(statusOf(learnerA.id)).toBe('peruttu');

    // Someone who left the unit drops out of its figures; their history stays.
    endActiveMembership(t.db.db, learnerA.id, t.now());
    expect(statusOf(learnerA.id)).toBeUndefined();
    expect(t.db.sqlite.prepare('SELECT COUNT(*) AS n FROM course_completion WHERE user_id = ?').get(learnerA.id)).toEqual({ n: 1 });
    const pending = await createUser(t.db.db, { email: 'pending@example.fi' });
    requestMembership(t.db.db, pending.id, org.a1, t.now());
    expect(statusOf(pending.id)).toBeUndefined();
    expect(eraseAccount(t.db, manager.id, null, t.config.outboxDir, t.now())).toEqual({ ok: true });
    expect(statusOf(manager.id)).toBeUndefined();
  });
});

describe('the reminder scheduler', () => {
  it('queues each reminder once, on its day, and catches up after a restart', async () => {
    const deps = { siteUrl: 'https://oppiminen.example.fi', orgName: 'Testialue' };
    const run = () => runReminders(t.db.db, COURSES, t.now(), deps);
    let seen = 0;
    const subjects = () => {
      const all = t.mail;
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh.map((m) => `${m.to}: ${m.subject}`).sort();
    };

    assignCourse(t.ctx(), manager, ['testikurssi'], { courseId: 'testikurssi', userIds: [learnerA.id], dueDate: '2026-12-31' });
    expect(await run()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect(subjects()).toEqual(['a@example.fi: Sinulle on määrätty kurssi: Testikurssi']);
    expect(subjects()).toEqual([]);
    expect(await run()).toEqual({ claimed: 0, sent: 0, failed: 0 });

    t.setTime('2026-12-17T06:00:00Z');
    expect(await run()).toMatchObject({ claimed: 1, sent: 1 });
    expect(subjects()).toEqual(['a@example.fi: Muistutus: Testikurssi – eräpäivä 31.12.2026']);
    expect(await run()).toMatchObject({ claimed: 0 });

    // Whether the mail server is up is the outbox's concern: the reminder is queued with its claim.
    t.setTime('2026-12-28T06:00:00Z');
    expect(await run()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect(await run()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    expect(subjects()).toEqual(['a@example.fi: Muistutus: Testikurssi – eräpäivään 3 päivää']);

    // Down over the due date: the first run after it says "missed" once.
    t.setTime('2027-01-05T06:00:00Z');
    expect(await run()).toMatchObject({ claimed: 1, sent: 1 });
    expect(subjects()).toEqual(['a@example.fi: Eräpäivä meni: Testikurssi']);
    t.advance(DAY);
    expect(await run()).toMatchObject({ claimed: 0 });

    // Completed: nothing more until the certificate nears its end (36 months), then 90, 30 and 7 days before.
    const learner = { userId: learnerA.id, issuer: issuerFromConfig(t.config) };
    completeLessons(t.db.db, fixture, learner, t.now());
    passFinal(t.db.db, fixture, learner, 'n1', t.now());
    expect(await run()).toMatchObject({ claimed: 0 });
    const validUntil = (t.db.sqlite.prepare('SELECT valid_until AS v FROM certificate').get() as { v: number }).v;
    const kinds: string[] = [];
    for (const daysBefore of [120, 89, 60, 29, 6, 0]) {
      t.setTime(new Date(validUntil - daysBefore * DAY - 3_600_000).toISOString());
      await run();
      kinds.push(...subjects());
    }
    expect(kinds).toEqual([
      expect.stringContaining('Todistuksesi vanhenee 6.1.2030'),
      expect.stringContaining('vanhenee kuukauden kuluttua'),
      expect.stringContaining('vanhenee viikon kuluttua'),
    ]);
    expect(t.db.sqlite.prepare('SELECT COUNT(*) AS n FROM assignment_notice WHERE sent_at IS NULL').get()).toEqual({ n: 0 });
  });

  it('tells nobody outside an assignment, and learners who joined a unit get their own assigned mail', async () => {
    const deps = { siteUrl: 'https://oppiminen.example.fi', orgName: 'Testialue' };
    const mail = { map: <T>(f: (m: MailMessage) => T) => t.mail.map(f) };
    assignCourse(t.ctx(), manager, ['testikurssi'], { courseId: 'testikurssi', nodeId: org.a1, dueDate: '2026-12-31' });
    await runReminders(t.db.db, COURSES, t.now(), deps);
    expect(mail.map((m) => m.to)).toEqual(['a@example.fi']);
    startActiveMembership(t.db.db, learnerB.id, org.a1, manager.id, new Date('2026-11-24T08:00:00Z'));
    t.setTime('2026-11-24T09:00:00Z');
    await runReminders(t.db.db, COURSES, t.now(), deps);
    expect(mail.map((m) => m.to)).toEqual(['a@example.fi', 'b@example.fi']);
    expect(t.mail[1]!.text).toContain('viimeistään 31.12.2026');
  });
});
