import { describe, expect, it } from 'vitest';
import { parseHelsinkiLocal, parseSessionForm, toHelsinkiLocal, type SessionForm } from '../../src/lib/live/session-input';

const now = new Date('2026-11-23T10:00:00Z');
const known = { courseIds: ['puheeksi-otto'], unitIds: new Set([1, 2]) };
const webinar: SessionForm = { title: 'Webinaari', kind: 'webinar', meetingUrl: 'https://teams.example.fi/l/meetup/123', startsAt: '2026-12-01T13:00', endsAt: '2026-12-01T14:30', capacity: '40' };

describe('Helsinki wall-clock times', () => {
  it('reads winter and summer times and refuses days and hours that do not exist', () => {
    expect(parseHelsinkiLocal('2026-12-01T13:00')?.toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(parseHelsinkiLocal('2027-06-01T13:00')?.toISOString()).toBe('2027-06-01T10:00:00.000Z');
    expect(parseHelsinkiLocal('2027-02-30T10:00')).toBeUndefined();
    expect(parseHelsinkiLocal('2027-03-28T03:30')).toBeUndefined(); // skipped when clocks go forward
    expect(parseHelsinkiLocal('1.12.2026 13.00')).toBeUndefined();
    expect(toHelsinkiLocal(new Date('2027-06-01T10:00:00Z'))).toBe('2027-06-01T13:00');
  });
});

describe('the session form', () => {
  it('accepts a webinar and defaults the deadline to the start', () => {
    const r = parseSessionForm(webinar, known, now);
    expect(r.ok && r.value).toMatchObject({ kind: 'webinar', capacity: 40, place: null, language: 'fi', registrationDeadline: new Date('2026-12-01T11:00:00Z'), unitIds: [] });
  });

  it('gives a field message for each kind of bad input', () => {
    const r = parseSessionForm({ ...webinar, title: ' ', meetingUrl: 'http://teams.example.fi/x', startsAt: '2026-11-20T10:00', endsAt: '2026-11-20T09:00', capacity: '0', courseId: 'ei-ole', unitIds: ['99'] }, known, now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.title).toMatch(/nimi/);
    expect(r.errors.meetingUrl).toMatch(/https/);
    expect(r.errors.startsAt).toMatch(/tulevaisuudessa/);
    expect(r.errors.endsAt).toMatch(/alkamisajan jälkeen/);
    expect(r.errors.capacity).toMatch(/vähintään 1/);
    expect(r.errors.courseId).toBeDefined();
    expect(r.errors.unitIds).toBeDefined();
  });

  it('needs a place and an address for a workshop, and a deadline before the start', () => {
    const r = parseSessionForm({ ...webinar, kind: 'workshop', meetingUrl: '', deadline: '2026-12-02T10:00' }, known, now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['address', 'deadline', 'place']);
  });

  it('refuses capacities that are not whole numbers and a kind it does not know', () => {
    for (const capacity of ['1.5', '-3', '1e3', 'kymmenen', '100000']) expect(parseSessionForm({ ...webinar, capacity }, known, now).ok, capacity).toBe(false);
    expect(parseSessionForm({ ...webinar, kind: 'podcast' }, known, now)).toMatchObject({ ok: false, errors: { kind: expect.any(String) } });
  });
});
