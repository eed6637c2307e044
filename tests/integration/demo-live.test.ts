/** The demo's live trainings and follow-ups: every trainer, manager and funder screen has data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createOrg, createUser } from '../helpers/accounts';
import { seedDemoLiveTrainings } from '../../src/lib/server/demo/demo-live';
import { createRandom } from '../../src/lib/server/demo/random';
import { courseCompletion, courseFeedback, followUp, liveRegistration, liveSession } from '../../src/lib/server/db/schema';

const NOW = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
let t: TestDatabase;

beforeAll(async () => {
  t = createTestDatabase();
  const org = createOrg(t.db);
  const trainer = await createUser(t.db, { email: 'kouluttaja@example.fi', roles: ['trainer'] });
  const learners: { id: number; path: string }[] = [];
  for (let i = 0; i < 30; i += 1) {
    const u = await createUser(t.db, { email: `demo${i}@example.fi`, nodeId: org.a1 });
    learners.push({ id: u.id, path: `/${org.root}/${org.a}/${org.a1}/` });
    // Completions from half a year ago to last week.
    t.db.insert(courseCompletion).values({ userId: u.id, courseId: 'puheeksi-otto', version: '2.0', round: 1, contentHash: 'x', completedAt: new Date(NOW.getTime() - (7 + i * 6) * DAY) }).run();
  }
  t.db.transaction((tx) => seedDemoLiveTrainings(tx, { trainerId: trainer.id, learners, courseIds: ['puheeksi-otto'], unitId: org.a, siteHost: 'demo.example.fi', now: NOW, random: createRandom(7) }));
});
afterAll(() => t.cleanup());

describe('demo live trainings and follow-ups', () => {
  it('has past sessions with attendance and upcoming ones with places taken and a waiting list', () => {
    const sessions = t.db.select().from(liveSession).all();
    const registrations = t.db.select().from(liveRegistration).all();
    const past = sessions.filter((s) => s.startsAt < NOW);
    const upcoming = sessions.filter((s) => s.startsAt > NOW);
    expect(past.length).toBeGreaterThanOrEqual(2);
    expect(upcoming.length).toBeGreaterThanOrEqual(2);
    for (const s of past) expect(registrations.some((r) => r.sessionId === s.id && r.attendedAt), s.title).toBe(true);
    const full = upcoming.find((s) => registrations.filter((r) => r.sessionId === s.id && r.status === 'registered').length === s.capacity);
    expect(full, 'an upcoming session is full').toBeDefined();
    expect(registrations.some((r) => r.sessionId === full!.id && r.status === 'waiting')).toBe(true);
    for (const s of sessions) expect(registrations.filter((r) => r.sessionId === s.id && r.status === 'registered').length).toBeLessThanOrEqual(s.capacity);
    for (const r of registrations) expect(r.registeredAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
  });

  it('has feedback and follow-ups with answers only for completions twelve weeks old', () => {
    const all = t.db.select().from(followUp).all();
    const answered = all.filter((f) => f.adoption);
    expect(answered.length).toBeGreaterThanOrEqual(5);
    expect(new Set(answered.map((f) => f.adoption)).size).toBeGreaterThanOrEqual(2);
    expect(t.db.select().from(courseFeedback).all().length).toBeGreaterThanOrEqual(5);
    for (const f of all) {
      expect(f.sentAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(f.sentAt.getTime() - f.completedAt.getTime()).toBe(84 * DAY);
    }
  });
});
