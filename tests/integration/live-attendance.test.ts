import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, tokenOf, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { parseSessionForm } from '../../src/lib/live/session-input';
import { registerForSession } from '../../src/lib/server/live/registration';
import { createLiveSession } from '../../src/lib/server/live/sessions';
import { checkIn, checkInCode, markAttendance, markWalkIn } from '../../src/lib/server/live/attendance';
import { findRegistration } from '../../src/lib/server/db/live-sessions';
import { listSessionsForManager, loadSessionForManager } from '../../src/lib/server/live/views';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { courseStatus, settleCompletion } from '../../src/lib/server/learning/progress';
import { describeMissing } from '../../src/lib/learning/completion';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { listCertificatesOfUser } from '../../src/lib/server/db/certificates';
import { listCompletionRecords } from '../../src/lib/server/reporting/records';
import { EXPORT_COLUMNS } from '../../src/lib/reporting/export-columns';
import { exportRoster } from '../../src/lib/server/live/roster-export';
import { parse } from 'csv-parse/sync';
import { confirmRegistration, requestRegistration } from '../../src/lib/server/accounts/registration';
import { auditLog } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth/types';

let t: TestContext;
let org: Org;
let trainer: SessionUser;
let sessionId: number;
const SECRET = 'testisalaisuus';

const ctx = () => ({ db: t.db.db, config: t.config, now: t.now() });
const checkInCtx = () => ({ ...ctx(), rateLimits: t.config.rateLimits, secret: SECRET });

beforeEach(async () => {
  t = createTestContext();
  org = createOrg(t.db.db);
  trainer = await createUser(t.db.db, { email: 'kouluttaja@example.fi', name: 'Kaisa Kouluttaja', roles: ['trainer'] });
  const input = parseSessionForm({ title: 'Webinaari', kind: 'webinar', meetingUrl: 'https://meet.example.fi/abc', startsAt: '2026-12-15T09:00', endsAt: '2026-12-15T11:00', capacity: '1' }, { courseIds: [], unitIds: new Set() }, t.now());
  if (!input.ok) throw new Error('bad fixture');
  sessionId = createLiveSession(ctx(), trainer, input.value);
});
afterEach(() => t.db.cleanup());

describe('the roll call', () => {
  it('records who marked whom and when, only around the session and only by its trainer', async () => {
    const learner = await createUser(t.db.db, { email: 'oppija@example.fi', nodeId: org.a1 });
    registerForSession(ctx(), learner, sessionId);
    expect(markAttendance(ctx(), trainer, sessionId, learner.id, true)).toEqual({ ok: false, error: 'not_open' });

    t.setTime('2026-12-15T07:05:00Z'); // 09.05 in Helsinki
    const other = await createUser(t.db.db, { email: 'toinen@example.fi', roles: ['trainer'] });
    expect(markAttendance(ctx(), other, sessionId, learner.id, true)).toEqual({ ok: false, error: 'not_found' });
    expect(markAttendance(ctx(), trainer, sessionId, learner.id, true)).toEqual({ ok: true, value: {} });
    expect(findRegistration(t.db.db, sessionId, learner.id)).toMatchObject({ attendedAt: t.now(), attendanceMarkedBy: trainer.id });
    expect(t.db.db.select().from(auditLog).all().map((a) => a.action)).toContain('live.attended');

    expect(markAttendance(ctx(), trainer, sessionId, learner.id, false).ok).toBe(true);
    expect(findRegistration(t.db.db, sessionId, learner.id)?.attendedAt).toBeNull();
    const stranger = await createUser(t.db.db, { email: 'vieras@example.fi' });
    expect(markAttendance(ctx(), trainer, sessionId, stranger.id, true)).toEqual({ ok: false, error: 'not_registered' });
  });

  it('takes a walk-in with an account even when the session is full', async () => {
    const [first, walkIn] = [await createUser(t.db.db, { email: 'eka@example.fi' }), await createUser(t.db.db, { email: 'Paikalle.Tullut@example.fi' })];
    registerForSession(ctx(), first, sessionId);
    t.setTime('2026-12-15T07:05:00Z');
    expect(markWalkIn(ctx(), trainer, sessionId, ' paikalle.tullut@EXAMPLE.fi ')).toEqual({ ok: true, value: { hasAccount: true } });
    expect(findRegistration(t.db.db, sessionId, walkIn.id)).toMatchObject({ status: 'registered', attendanceMarkedBy: trainer.id });
    expect(markWalkIn(ctx(), trainer, sessionId, 'ei osoite')).toEqual({ ok: false, error: 'email' });
  });

  it('gives a walk-in without an account their attendance when they register with that address', async () => {
    t.setTime('2026-12-15T07:05:00Z');
    expect(markWalkIn(ctx(), trainer, sessionId, 'uusi.osallistuja@example.fi')).toEqual({ ok: true, value: { hasAccount: false } });
    const marked = t.now();
    t.setTime('2026-12-16T08:00:00Z');
    await requestRegistration(t.ctx(), { name: 'Uusi Osallistuja', email: 'uusi.osallistuja@example.fi', password: 'pitkä ja hyvä salasana', nodeId: org.a1 });
    const confirmed = confirmRegistration(t.ctx(), tokenOf(t.lastLink('uusi.osallistuja@example.fi')));
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(findRegistration(t.db.db, sessionId, confirmed.userId)).toMatchObject({ status: 'registered', attendedAt: marked, attendanceMarkedBy: trainer.id });
  });
});

describe('checking in with the code', () => {
  it('records attendance with the right code during the session, and limits wrong guesses', async () => {
    const learner = await createUser(t.db.db, { email: 'oppija@example.fi' });
    registerForSession(ctx(), learner, sessionId);
    const code = checkInCode(SECRET, sessionId);
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    expect(checkIn(checkInCtx(), learner, sessionId, code)).toEqual({ ok: false, error: 'not_open' });

    t.setTime('2026-12-15T06:50:00Z'); // ten minutes before the start
    for (let i = 0; i < 10; i += 1) expect(checkIn(checkInCtx(), learner, sessionId, 'AAAAAA')).toEqual({ ok: false, error: 'code' });
    expect(checkIn(checkInCtx(), learner, sessionId, 'AAAAAA')).toMatchObject({ ok: false, error: 'rate_limited' });

    t.setTime('2026-12-15T07:10:00Z'); // a new window
    expect(checkIn(checkInCtx(), learner, sessionId, `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`)).toEqual({ ok: true, value: {} });
    expect(findRegistration(t.db.db, sessionId, learner.id)).toMatchObject({ attendedAt: t.now(), attendanceMarkedBy: learner.id });

    t.setTime('2026-12-15T09:00:01Z'); // after the end
    const late = await createUser(t.db.db, { email: 'myohassa@example.fi' });
    expect(checkIn(checkInCtx(), late, sessionId, code)).toEqual({ ok: false, error: 'not_registered' });
    expect(checkInCode(SECRET, sessionId + 1)).not.toBe(code);
  });
});

describe('the roster export', () => {
  it('opens in Finnish Excel with attendance, neutralises formulas, is audit-logged and only for the trainer', async () => {
    const learner = await createUser(t.db.db, { email: 'oppija@example.fi', name: '=HYPERLINK("x")' });
    registerForSession(ctx(), learner, sessionId);
    t.setTime('2026-12-15T07:05:00Z');
    markAttendance(ctx(), trainer, sessionId, learner.id, true);
    const file = exportRoster(ctx(), trainer, sessionId)!;
    expect(file.text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(file.text.slice(1), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual(['Nimi', 'Sähköposti', 'Tila', 'Ilmoittautunut', 'Läsnä', 'Läsnäolo kirjattu']);
    expect(rows[1]![0]).toBe("'=HYPERLINK(\"x\")");
    expect(rows[1]!.slice(2, 5)).toEqual(['ilmoittautunut', '23.11.2026 klo 12.00', 'kyllä']);
    expect(t.db.db.select().from(auditLog).all().some((a) => a.action === 'live.roster_exported')).toBe(true);
    const other = await createUser(t.db.db, { email: 'toinen@example.fi', roles: ['trainer'] });
    expect(exportRoster(ctx(), other, sessionId)).toBeUndefined();
  });
});

describe('managers see their own people only', () => {
  it('counts registrations and attendance of the subtree, and finds nothing where none of theirs registered', async () => {
    const managerA = await createUser(t.db.db, { email: 'esihenkilo.a@example.fi', roles: ['manager'], nodeId: org.a, scopes: [org.a] });
    const managerB = await createUser(t.db.db, { email: 'esihenkilo.b@example.fi', roles: ['manager'], nodeId: org.b, scopes: [org.b] });
    const [inA, inB] = [await createUser(t.db.db, { email: 'a@example.fi', nodeId: org.a1 }), await createUser(t.db.db, { email: 'b@example.fi', nodeId: org.b })];
    registerForSession(ctx(), inB, sessionId);
    registerForSession(ctx(), inA, sessionId); // capacity 1: waits
    t.setTime('2026-12-15T07:05:00Z');
    markAttendance(ctx(), trainer, sessionId, inA.id, true);

    const a = listSessionsForManager(t.db.db, managerA, t.now());
    expect(a.past.map((r) => ({ id: r.session.id, registered: r.registered, waiting: r.waiting, attended: r.attended }))).toEqual([{ id: sessionId, registered: 0, waiting: 1, attended: 1 }]);
    expect(loadSessionForManager(t.db.db, managerA, sessionId)!.people.map((p) => p.email)).toEqual(['a@example.fi']);
    const b = listSessionsForManager(t.db.db, managerB, t.now());
    expect(b.past[0]).toMatchObject({ registered: 1, waiting: 0, attended: 0 });

    const teamOnly = await createUser(t.db.db, { email: 'c@example.fi', roles: ['manager'], nodeId: org.root, scopes: [org.a1] });
    expect(loadSessionForManager(t.db.db, teamOnly, sessionId)?.people.map((p) => p.email)).toEqual(['a@example.fi']);
    const nobody = await createUser(t.db.db, { email: 'tyhja@example.fi', roles: ['manager'], scopes: [] });
    expect(loadSessionForManager(t.db.db, nobody, sessionId)).toBeUndefined();
    expect(listSessionsForManager(t.db.db, nobody, t.now())).toEqual({ upcoming: [], past: [] });
    expect(loadSessionForManager(t.db.db, managerA, sessionId + 1)).toBeUndefined();
  });
});

describe('a course that requires a live session', () => {
  it('is complete the moment attendance is recorded, and the certificate states the session', async () => {
    const fixture = loadFixtureCourse();
    const course = { ...fixture.structure, requiresLiveSession: true };
    const issuer = issuerFromConfig(t.config);
    const input = parseSessionForm({ title: 'Työpaja verkostoista', kind: 'workshop', place: 'Sali 1', address: 'Katu 2', startsAt: '2026-12-16T09:00', endsAt: '2026-12-16T12:00', capacity: '10', courseId: course.id }, { courseIds: [course.id], unitIds: new Set() }, t.now());
    if (!input.ok) throw new Error('bad fixture');
    const id = createLiveSession(ctx(), trainer, input.value);
    const learner = await createUser(t.db.db, { email: 'suorittaja@example.fi', name: 'Suorittaja', nodeId: org.a1 });
    completeLessons(t.db.db, { ...fixture, structure: course }, { userId: learner.id, issuer }, t.now());
    passFinal(t.db.db, { ...fixture, structure: course }, { userId: learner.id, issuer }, 'live', t.now());
    const before = courseStatus(t.db.db, course, learner.id);
    expect(before.complete).toBe(false);
    expect(describeMissing(before.missing)).toEqual([expect.stringMatching(/^Koulutustilaisuus: osallistu/)]);
    expect(listCertificatesOfUser(t.db.db, learner.id)).toHaveLength(0);

    registerForSession(ctx(), learner, id);
    t.setTime('2026-12-16T07:30:00Z');
    const settle = (tx: Parameters<typeof settleCompletion>[0], courseId: string, userId: number) => void (courseId === course.id && settleCompletion(tx, course, userId, t.now(), issuer));
    expect(markAttendance({ ...ctx(), settle }, trainer, id, learner.id, true).ok).toBe(true);
    expect(courseStatus(t.db.db, course, learner.id).complete).toBe(true);
    const [certificate] = listCertificatesOfUser(t.db.db, learner.id);
    expect(certificate?.criteria).toContain('osallistuminen koulutustilaisuuteen Työpaja verkostoista 16.12.2026');
    // The completion export names the session and the day of attendance.
    const [record] = listCompletionRecords(t.db.db, [{ id: course.id, title: course.title, version: course.version }], { userId: learner.id }, t.now());
    expect(record).toMatchObject({ liveSession: 'Työpaja verkostoista', attendedAt: t.now().getTime() });
    expect(EXPORT_COLUMNS.slice(-2).map((c) => [c.header, c.value(record!)])).toEqual([
      ['Koulutustilaisuus', 'Työpaja verkostoista'],
      ['Läsnä tilaisuudessa', '2026-12-16'],
    ]);
  });
});
