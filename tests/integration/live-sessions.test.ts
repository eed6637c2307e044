import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { parseSessionForm, type SessionInput } from '../../src/lib/live/session-input';
import { cancelRegistration, fillFreedPlaces, queueSessionReminders, registerForSession } from '../../src/lib/server/live/registration';
import { cancelLiveSession, changeLiveSession, createLiveSession } from '../../src/lib/server/live/sessions';
import { countRegistered, findRegistration } from '../../src/lib/server/db/live-sessions';
import { listRoster } from '../../src/lib/server/db/live-rosters';
import { openDatabase, closeDatabase } from '../../src/lib/server/db/client';
import { eraseUserRecords } from '../../src/lib/server/privacy/erase';
import { mailOutbox } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { deliverMail, type MailMessage } from '../../src/lib/server/mail/mailer';

let t: TestContext;
let org: Org;
let trainer: SessionUser;

function sessionInput(overrides: Partial<Record<string, string | string[]>> = {}): SessionInput {
  const form = { title: 'Työpaja: puheeksi otto', description: 'Harjoitellaan tapauksilla.', kind: 'workshop', place: 'Sote-keskus, neuvotteluhuone 2', address: 'Keskuskatu 1, 90100 Oulu', startsAt: '2026-12-15T09:00', endsAt: '2026-12-15T11:30', deadline: '2026-12-14T16:00', capacity: '3', language: 'fi', ...overrides };
  const parsed = parseSessionForm(form, { courseIds: ['puheeksi-otto'], unitIds: new Set([org.root, org.a, org.a1, org.b]) }, t.now());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

function ctx() {
  return { db: t.db.db, config: t.config, now: t.now() };
}

async function learners(n: number, nodeId = org.a1): Promise<SessionUser[]> {
  const out: SessionUser[] = [];
  for (let i = 0; i < n; i += 1) out.push(await createUser(t.db.db, { email: `oppija${i}-${nodeId}@example.fi`, name: `Oppija ${i}`, nodeId }));
  return out;
}

/** The calendar part of a message, parsed back with a calendar parser. */
function calendarOf(message: MailMessage) {
  expect(message.calendar, message.subject).toBeDefined();
  const component = new ICAL.Component(ICAL.parse(message.calendar!.content));
  const event = component.getFirstSubcomponent('vevent')!;
  return {
    method: component.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
    organizer: String(event.getFirstPropertyValue('organizer')),
    attendee: event.getFirstProperty('attendee')!,
  };
}

function mailTo(email: string): MailMessage[] {
  return t.mail.filter((m) => m.to === email);
}

beforeEach(async () => {
  t = createTestContext({ MAIL_FROM: 'Testialue <koulutus@example.fi>' });
  org = createOrg(t.db.db);
  trainer = await createUser(t.db.db, { email: 'kouluttaja@example.fi', name: 'Kaisa Kouluttaja', roles: ['trainer'] });
});
afterEach(() => t.db.cleanup());

describe('registering for a live session', () => {
  it('gives places up to capacity, queues the rest in order, and says so in mail', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput());
    const people = await learners(5);
    const outcomes = people.map((p) => registerForSession(ctx(), p, id));
    expect(outcomes.map((o) => o.ok && o.value.status)).toEqual(['registered', 'registered', 'registered', 'waiting', 'waiting']);
    expect(outcomes.map((o) => o.ok && o.value.position)).toEqual([undefined, undefined, undefined, 1, 2]);
    expect(countRegistered(t.db.db, id)).toBe(3);

    const invitation = mailTo(people[0]!.email)[0]!;
    expect(invitation.text).toContain('Keskuskatu 1');
    expect(invitation.text).toContain('Aika: 15.12.2026 klo 09.00–11.30 (Suomen aikaa)');
    expect(invitation.text).toContain('vastauksia (hyväksy, hylkää) ei lueta');
    const cal = calendarOf(invitation);
    expect(cal.method).toBe('REQUEST');
    expect(cal.sequence).toBe(0);
    expect(cal.start.toISOString()).toBe('2026-12-15T07:00:00.000Z');
    expect(cal.organizer.toLowerCase()).toBe('mailto:koulutus@example.fi');
    expect(cal.attendee.getParameter('rsvp')).toBe('FALSE');
    expect(String(cal.attendee.getFirstValue()).toLowerCase()).toBe(`mailto:${people[0]!.email}`);

    const waiting = mailTo(people[4]!.email)[0]!;
    expect(waiting.calendar).toBeUndefined();
    expect(waiting.text).toContain('sijalla 2');
  });

  it('delivers the invitation as an iMIP message with a text/calendar part', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput());
    const [p] = await learners(1);
    registerForSession(ctx(), p!, id);
    const outboxDir = path.join(t.db.dir, 'outbox');
    expect(await deliverMail({ ...t.config, smtpUrl: undefined, outboxDir }, mailTo(p!.email)[0]!, t.now(), { log: () => {} })).toEqual({ ok: true });
    const eml = fs.readFileSync(path.join(outboxDir, fs.readdirSync(outboxDir)[0]!), 'utf8');
    expect(eml).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(eml).toMatch(/Content-Type: application\/ics; name=kutsu\.ics/i);
  });

  it('changes nothing when pressed twice', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput());
    const [p] = await learners(1);
    registerForSession(ctx(), p!, id);
    const again = registerForSession(ctx(), p!, id);
    expect(again).toEqual({ ok: true, value: { status: 'registered', position: undefined, already: true } });
    expect(mailTo(p!.email)).toHaveLength(1);
  });

  it('promotes the first in line when a place frees, with a new invitation; the cancelled entry is withdrawn with the same UID', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput());
    const people = await learners(5);
    for (const p of people) registerForSession(ctx(), p, id);
    const firstUid = calendarOf(mailTo(people[1]!.email)[0]!).uid;

    t.advance(60_000);
    expect(cancelRegistration(ctx(), people[1]!, id)).toEqual({ ok: true, value: { promotedUserId: people[3]!.id } });
    const cancel = calendarOf(mailTo(people[1]!.email)[1]!);
    expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: firstUid, sequence: 1 });

    const promoted = mailTo(people[3]!.email);
    expect(promoted).toHaveLength(2);
    expect(promoted[1]!.text).toContain('Jonosta vapautui paikka');
    expect(calendarOf(promoted[1]!)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    expect(findRegistration(t.db.db, id, people[4]!.id)?.status).toBe('waiting');
    expect(countRegistered(t.db.db, id)).toBe(3);

    // Registering again after cancelling keeps the calendar entry's identity and raises its sequence.
    registerForSession(ctx(), people[1]!, id);
    expect(findRegistration(t.db.db, id, people[1]!.id)).toMatchObject({ status: 'waiting', uid: firstUid, sequence: 2 });
    expect(mailTo(people[1]!.email)[2]!.text).toContain('sijalla 2');
  });

  it('closes at the deadline, refuses people outside the units, and refuses a cancelled session', async () => {
    const forA = createLiveSession(ctx(), trainer, sessionInput({ unitIds: [String(org.a)] }));
    const [inA] = await learners(1, org.a1);
    const [inB] = await learners(1, org.b);
    expect(registerForSession(ctx(), inB!, forA)).toEqual({ ok: false, error: 'not_eligible' });
    expect(registerForSession(ctx(), inA!, forA).ok).toBe(true);

    t.setTime('2026-12-14T14:00:01Z');
    const [late] = await learners(1, org.a);
    expect(registerForSession(ctx(), late!, forA)).toEqual({ ok: false, error: 'closed' });
    expect(cancelRegistration(ctx(), inA!, forA)).toEqual({ ok: false, error: 'closed' });

    t.setTime('2026-11-24T10:00:00Z');
    const other = createLiveSession(ctx(), trainer, sessionInput());
    cancelLiveSession(ctx(), trainer, other);
    expect(registerForSession(ctx(), late!, other)).toEqual({ ok: false, error: 'cancelled' });
  });
});

describe('trainers change and cancel sessions', () => {
  it('sends every registered person an update with a raised sequence when the time changes, and nothing when only the description does', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput());
    const people = await learners(4);
    for (const p of people) registerForSession(ctx(), p, id);
    const before = t.mail.length;

    expect(changeLiveSession(ctx(), trainer, id, sessionInput({ description: 'Uusi kuvaus.' }))).toEqual({ ok: true, value: { notified: 0 } });
    expect(t.mail.length).toBe(before);

    const moved = changeLiveSession(ctx(), trainer, id, sessionInput({ startsAt: '2026-12-16T09:00', endsAt: '2026-12-16T11:00', deadline: '2026-12-15T16:00' }));
    expect(moved).toEqual({ ok: true, value: { notified: 3 } });
    const update = mailTo(people[0]!.email).at(-1)!;
    expect(update.subject).toMatch(/^Muutos/);
    expect(calendarOf(update)).toMatchObject({ method: 'REQUEST', sequence: 1, uid: calendarOf(mailTo(people[0]!.email)[0]!).uid });
    expect(calendarOf(update).start.toISOString()).toBe('2026-12-16T07:00:00.000Z');
  });

  it('refuses a capacity below those registered, and gives new places to the waiting list', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput());
    const people = await learners(5);
    for (const p of people) registerForSession(ctx(), p, id);
    expect(changeLiveSession(ctx(), trainer, id, sessionInput({ capacity: '2' }))).toMatchObject({ ok: false, error: 'invalid', errors: { capacity: expect.stringContaining('Ilmoittautuneita on jo 3') } });
    expect(changeLiveSession(ctx(), trainer, id, sessionInput({ capacity: '5' }))).toEqual({ ok: true, value: { notified: 2 } });
    expect(listRoster(t.db.db, id).map((r) => r.registration.status)).toEqual(['registered', 'registered', 'registered', 'registered', 'registered']);
  });

  it('cancels with a CANCEL to everyone registered and a note to the waiting list; other trainers cannot touch it', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput());
    const people = await learners(4);
    for (const p of people) registerForSession(ctx(), p, id);
    const other = await createUser(t.db.db, { email: 'toinen@example.fi', roles: ['trainer'] });
    expect(cancelLiveSession(ctx(), other, id)).toEqual({ ok: false, error: 'not_found' });
    expect(cancelLiveSession(ctx(), trainer, id)).toEqual({ ok: true, value: { notified: 4 } });
    expect(calendarOf(mailTo(people[0]!.email).at(-1)!)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', sequence: 1 });
    const note = mailTo(people[3]!.email).at(-1)!;
    expect(note.calendar).toBeUndefined();
    expect(note.text).toContain('on peruttu');
    expect(t.db.db.select().from(mailOutbox).all().every((r) => r.kind.startsWith('live_'))).toBe(true);
  });
});

describe('the day-before reminder', () => {
  it('goes once to each registered person, across repeated runs and a second connection, and never for a cancelled session', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput());
    const cancelled = createLiveSession(ctx(), trainer, sessionInput({ title: 'Peruttava' }));
    const people = await learners(4);
    for (const p of people) {
      registerForSession(ctx(), p, id);
      registerForSession(ctx(), p, cancelled);
    }
    cancelLiveSession(ctx(), trainer, cancelled);

    t.setTime('2026-12-14T06:59:00Z'); // 24 h 1 min before 09:00 Helsinki on the 15th
    expect(queueSessionReminders(ctx())).toBe(0);
    t.setTime('2026-12-14T07:30:00Z');
    expect(queueSessionReminders(ctx())).toBe(3);
    expect(queueSessionReminders(ctx())).toBe(0);
    // As after a restart: another connection to the same file finds nothing left to send.
    const second = openDatabase(path.join(t.db.dir, 'app.db'));
    expect(queueSessionReminders({ db: second.db, config: t.config, now: new Date('2026-12-14T08:00:00Z') })).toBe(0);
    closeDatabase(second);

    const reminders = t.mail.filter((m) => m.subject.startsWith('Muistutus huomisesta'));
    expect(reminders.map((m) => m.to).sort()).toEqual(people.slice(0, 3).map((p) => p.email).sort());
    expect(reminders[0]!.text).toContain('Keskuskatu 1');
  });
});

describe('places freed without a cancellation', () => {
  it('go to the waiting list when an account is erased', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput({ capacity: '1' }));
    const [first, second] = await learners(2);
    registerForSession(ctx(), first!, id);
    registerForSession(ctx(), second!, id);
    expect(eraseUserRecords(t.db.db, first!.id, first!.id, t.now()).ok).toBe(true);
    expect(findRegistration(t.db.db, id, first!.id)?.status).toBe('cancelled');
    expect(fillFreedPlaces(ctx())).toBe(1);
    expect(findRegistration(t.db.db, id, second!.id)?.status).toBe('registered');
    expect(mailTo(second!.email).at(-1)!.text).toContain('Jonosta vapautui paikka');
    expect(fillFreedPlaces(ctx())).toBe(0);
  });
});

describe('simultaneous registrations from several processes', () => {
  it('registers exactly capacity people when twice as many press at once', async () => {
    const id = createLiveSession(ctx(), trainer, sessionInput({ capacity: '6' }));
    const people = await learners(12);
    const file = path.join(t.db.dir, 'app.db');
    const groups = [0, 1, 2, 3].map((g) => people.filter((_, i) => i % 4 === g).map((p) => p.id));
    const children = groups.map((ids) => spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/live-registrar.ts'), file, String(id), ids.join(',')], { stdio: ['pipe', 'pipe', 'inherit'] }));
    // Every child opens its own connection and waits; then all start at once.
    await Promise.all(children.map((c) => new Promise<void>((resolve) => c.stdout!.once('data', () => resolve()))));
    for (const c of children) c.stdin!.end('go\n');
    const outputs = await Promise.all(
      children.map(
        (c) =>
          new Promise<string>((resolve, reject) => {
            let out = '';
            c.stdout!.on('data', (d) => (out += String(d)));
            c.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`registrar exited ${code}`))));
          }),
      ),
    );
    const statuses = outputs.join('').split('\n').filter((l) => /^(registered|waiting)$/.test(l));
    expect(statuses).toHaveLength(12);
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(6);
    expect(countRegistered(t.db.db, id)).toBe(6);
    expect(listRoster(t.db.db, id).filter((r) => r.registration.status === 'waiting')).toHaveLength(6);
  });
});
