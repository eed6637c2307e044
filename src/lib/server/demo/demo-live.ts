/**
 * Demo live trainings and impact follow-up: past sessions with registrations
 * and attendance, upcoming ones with places taken and a waiting list, and for
 * completions older than twelve weeks a follow-up with answers, so every
 * trainer, manager and funder screen has something to show. Written with the
 * data layer inside the demo's one transaction; times relative to `now`.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, lte } from 'drizzle-orm';
import type { DbClient } from '../db/client';
import { insertLiveSession, upsertRegistration, findRegistration } from '../db/live-sessions';
import { insertFeedback, insertFollowUp, recordFollowUpAnswer } from '../db/impact';
import { courseCompletion, liveRegistration, type AdoptionAnswer } from '../db/schema';
import type { Random } from './random';
import { addDaysToKey, helsinkiDateKey, startOfHelsinkiDay } from '../../format';

const DAY = 86_400_000;

export interface DemoLiveInput {
  trainerId: number;
  /** Learners with their current unit's path (members only). */
  learners: readonly { id: number; path: string }[];
  courseIds: readonly string[];
  /** A unit subtree that some sessions are for. */
  unitId: number;
  siteHost: string;
  now: Date;
  random: Random;
}

const SESSIONS = [
  { days: -40, title: 'Työpaja: työn ja työkyvyn puheeksi otto vastaanotolla', kind: 'workshop' as const, capacity: 20, course: 0, forUnit: true },
  { days: -12, title: 'Webinaari: monialainen työkyvyn arviointi', kind: 'webinar' as const, capacity: 60, course: 1, forUnit: false },
  { days: 9, title: 'Verkostopäivä: yhden yhteydenoton periaate käytännössä', kind: 'workshop' as const, capacity: 8, course: 2, forUnit: false },
  { days: 23, title: 'Webinaari: puheeksi oton kysymykset asiakastyössä', kind: 'webinar' as const, capacity: 40, course: 0, forUnit: false },
];

const CHANGES = ['Kysyn nyt työstä ja toimeentulosta jokaisella ensikäynnillä.', 'Sovimme verkostopalaverin heti, kun asiakkaalla on useampi palvelu.', 'Käytän kurssin keskustelurunkoa vastaanotolla.', 'Kirjaan työkyvyn arvion niin, että seuraava lukija ymmärtää sen.', 'Ohjaan työkykykoordinaattorille aiemmin kuin ennen.'];
const APPLY = ['Puheeksi oton kysymykset ensikäynnille.', 'Työkykykoordinaattorin yhteystiedot esille.', 'Monialaisen arvion kirjaamismalli.'];

function uid(host: string): string {
  return `${randomBytes(12).toString('hex')}@${host}`;
}

/** Seeds sessions, registrations, attendance, feedback and follow-ups; returns counts. */
export function seedDemoLiveTrainings(tx: DbClient, input: DemoLiveInput): { sessions: number; registrations: number; attended: number; followUps: number } {
  const { now, random } = input;
  let registrations = 0;
  let attended = 0;
  let sessions = 0;
  const people = random.shuffle(input.learners);
  SESSIONS.forEach((spec, i) => {
    // 9.00 Helsinki time on the day, whatever the server's zone.
    const startsAt = new Date(startOfHelsinkiDay(addDaysToKey(helsinkiDateKey(now), spec.days)).getTime() + 9 * 3_600_000);
    const endsAt = new Date(startsAt.getTime() + (spec.kind === 'webinar' ? 90 : 180) * 60_000);
    const courseId = input.courseIds[spec.course % Math.max(1, input.courseIds.length)] ?? null;
    const id = insertLiveSession(
      tx,
      {
        title: spec.title,
        description: spec.kind === 'webinar' ? 'Lyhyt alustus ja tapausesimerkkejä; kysymyksiä voi esittää chatissa.' : 'Harjoitellaan pienryhmissä kurssin asiakastapauksilla. Ota mukaan oma esimerkkitilanne.',
        kind: spec.kind,
        meetingUrl: spec.kind === 'webinar' ? `https://verkkotapaaminen.demo.invalid/${i + 1}` : null,
        place: spec.kind === 'workshop' ? 'Sote-keskus, neuvotteluhuone Kataja' : null,
        address: spec.kind === 'workshop' ? 'Rantakatu 5, 96100 Järvi-Pohja' : null,
        startsAt,
        endsAt,
        registrationDeadline: new Date(startsAt.getTime() - DAY),
        capacity: spec.capacity,
        language: 'fi',
        courseId,
      },
      spec.forUnit ? [input.unitId] : [],
      input.trainerId,
      new Date(startsAt.getTime() - 30 * DAY),
    );
    sessions += 1;
    const past = spec.days < 0;
    // Upcoming: the small workshop is full with a queue; past: most came.
    const wanted = past ? Math.min(spec.capacity, random.int(8, 16)) : spec.capacity <= 10 ? spec.capacity + 3 : random.int(6, 14);
    const pool = people.slice((i * 17) % Math.max(1, people.length)).concat(people).slice(0, wanted);
    pool.forEach((p, n) => {
      const registeredAt = new Date(startsAt.getTime() - (20 - Math.min(n, 19)) * DAY);
      if (registeredAt.getTime() > now.getTime()) return;
      if (findRegistration(tx, id, p.id)) return;
      upsertRegistration(tx, { sessionId: id, userId: p.id, status: n < spec.capacity ? 'registered' : 'waiting', uid: uid(input.siteHost) }, registeredAt);
      registrations += 1;
      if (past && n < spec.capacity && random.chance(0.85)) {
        const markedAt = new Date(startsAt.getTime() + random.int(0, 20) * 60_000);
        const selfCheckIn = random.chance(0.4);
        tx.update(liveRegistration)
          .set({ attendedAt: markedAt, attendanceMarkedBy: selfCheckIn ? p.id : input.trainerId, reminderQueuedAt: new Date(startsAt.getTime() - DAY) })
          .where(and(eq(liveRegistration.sessionId, id), eq(liveRegistration.userId, p.id)))
          .run();
        attended += 1;
      }
    });
  });

  // Feedback for most completions, and follow-ups with answers for those older than twelve weeks.
  const pathOf = new Map(input.learners.map((l) => [l.id, l.path]));
  let followUps = 0;
  const completions = tx.select().from(courseCompletion).where(lte(courseCompletion.completedAt, now)).all().filter((c) => pathOf.has(c.userId));
  for (const c of completions) {
    if (random.chance(0.7)) {
      insertFeedback(tx, { userId: c.userId, courseId: c.courseId, completionId: c.id, usefulness: random.pick([3, 4, 4, 5, 5]), recommend: random.pick([6, 8, 9, 9, 10]), apply: random.chance(0.5) ? random.pick(APPLY) : null, skipped: false, nodePath: pathOf.get(c.userId) ?? null, createdAt: c.completedAt });
    }
    const sentAt = new Date(c.completedAt.getTime() + 84 * DAY);
    if (sentAt.getTime() > now.getTime()) continue;
    const id = insertFollowUp(tx, { userId: c.userId, courseId: c.courseId, completionId: c.id, completedAt: c.completedAt, nodePath: pathOf.get(c.userId) ?? null, sentAt });
    if (id === undefined) continue;
    followUps += 1;
    if (random.chance(0.6)) {
      const adoption: AdoptionAnswer = random.pick(['yes', 'yes', 'yes', 'partly', 'partly', 'no']);
      recordFollowUpAnswer(tx, id, { adoption, change: adoption !== 'no' && random.chance(0.6) ? random.pick(CHANGES) : null }, new Date(Math.min(now.getTime(), sentAt.getTime() + random.int(0, 6) * DAY)));
    }
  }
  return { sessions, registrations, attended, followUps };
}
