import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/lib/server/demo/random';
import { drawPeople, emailLocalPart, DEMO_EMAIL_DOMAIN } from '../../src/lib/server/demo/people';
import { DEMO_STATES, planStates, stateForNewcomer } from '../../src/lib/server/demo/progress';
import { correctAnswer, finalAnswers, maxWrongToPass, pathToEnding, wrongAnswer } from '../../src/lib/server/demo/answers';
import { DEMO_ORGANISATION, type DemoNodeSpec, type DemoOrganisation } from '../../src/lib/server/demo/organisation';
import { DEMO_COUNTS, planLearners } from '../../src/lib/server/demo/plan';
import { courseContentHash } from '../../src/lib/server/learning/content-hash';
import type { Case, Question } from '../../src/lib/content/schema';

const question = (id: string, type: 'single' | 'multiple', correct: string[]): Question => ({
  id,
  type,
  question: 'Kysymys?',
  options: ['a', 'b', 'c'].map((o) => ({ id: o, text: o, correct: correct.includes(o), feedback: 'palaute' })),
});

/** p1 → a: ending hyva (good); p1 → b: p2; p2 → a: ending huono (poor), p2 → b: ending kohtalainen (mixed). */
const demoCase: Case = {
  id: 'tapaus',
  title: 'Tapaus',
  intro: 'Johdanto',
  start: 'p1',
  points: [
    { id: 'p1', prompt: '?', options: [{ id: 'b', text: 'b', feedback: 'f', next: 'p2', best: false }, { id: 'a', text: 'a', feedback: 'f', ending: 'hyva', best: true }] },
    { id: 'p2', prompt: '?', options: [{ id: 'a', text: 'a', feedback: 'f', ending: 'huono', best: false }, { id: 'b', text: 'b', feedback: 'f', ending: 'kohtalainen', best: false }] },
  ],
  endings: [
    { id: 'hyva', title: 'Hyvä', text: 't', outcome: 'good' },
    { id: 'huono', title: 'Huono', text: 't', outcome: 'poor' },
    { id: 'kohtalainen', title: 'Kohtalainen', text: 't', outcome: 'mixed' },
  ],
};

describe('the seeded generator', () => {
  it('repeats itself for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return Array.from({ length: 5 }, () => r.int(1, 1000));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const r = createRandom(1);
    for (let i = 0; i < 1000; i += 1) expect(r.int(3, 5)).toBeGreaterThanOrEqual(3);
    expect(r.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('demo people', () => {
  it('turns Finnish names into plain addresses', () => {
    expect(emailLocalPart('Anna-Liisa Hämäläinen')).toBe('anna-liisa.hamalainen');
    expect(emailLocalPart('Jussi-Pekka Östman')).toBe('jussi-pekka.ostman');
    expect(emailLocalPart('Åsa Åberg')).toBe('asa.aberg');
  });

  it('draws the same distinct people for the same seed, under the .invalid domain', () => {
    const a = drawPeople(createRandom(7), 300);
    expect(drawPeople(createRandom(7), 300)).toEqual(a);
    expect(new Set(a.map((p) => p.email)).size).toBe(300);
    expect(new Set(a.map((p) => p.name)).size).toBe(300);
    expect(a.every((p) => p.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`) && /^[a-z0-9.-]+@/.test(p.email))).toBe(true);
  });

  it('numbers an address that is already taken', () => {
    const first = drawPeople(createRandom(9), 1)[0]!;
    const again = drawPeople(createRandom(9), 1, new Set([first.email]))[0]!;
    expect(again.email).toBe(first.email.replace('@', '2@'));
  });
});

describe('planned states', () => {
  it('holds every state at least once with exact quotas, and the same plan for the same seed', () => {
    const plan = planStates(createRandom(3), 180);
    expect(plan).toHaveLength(180);
    for (const s of DEMO_STATES) expect(plan).toContain(s);
    expect(plan.filter((s) => s === 'completed')).toHaveLength(54);
    expect(planStates(createRandom(3), 180)).toEqual(plan);
    expect(planStates(createRandom(3), 3)).toHaveLength(3);
  });

  it('gives newcomers nothing that needs a long history', () => {
    expect(DEMO_STATES.map(stateForNewcomer)).toEqual(['not_started', 'in_progress', 'in_progress', 'in_progress', 'in_progress', 'in_progress']);
  });
});

describe('planned learners', () => {
  const unit = (id: number, learners: number) => ({ id, path: `/1/${id}/`, label: `Yksikkö ${id}`, learners });
  const org: DemoOrganisation = {
    countyId: 1,
    nodes: { county: { id: 1, path: '/1/' }, employment: { id: 2, path: '/1/2/' }, association: { id: 3, path: '/1/3/' }, rehabilitation: { id: 4, path: '/1/4/' } },
    units: [unit(2, 60), unit(3, 40), unit(4, 50)],
    nodeCount: 4,
  };
  const now = new Date('2026-11-23T10:00:00Z');
  const plan = () => planLearners(5, org, 3, now, { pending: [org.units[0]!] }).map(({ random: _, ...p }) => ({ ...p, unit: p.unit.id, otherUnit: p.otherUnit?.id }));

  it('plans the same people, places and states every time', () => {
    const first = plan();
    expect(plan()).toEqual(first);
    expect(first).toHaveLength(150 + DEMO_COUNTS.pending + DEMO_COUNTS.leavers);
    for (const kind of ['member', 'mover', 'newcomer', 'transfer', 'pending', 'leaver'] as const) expect(first.some((p) => p.kind === kind), kind).toBe(true);
  });

  it('keeps history after joining: old hands joined before any certificate could lapse, newcomers only start', () => {
    const DAY = 86_400_000;
    for (const p of plan()) {
      if (p.kind === 'newcomer') expect(p.states.every((s) => s === 'not_started' || s === 'in_progress')).toBe(true);
      else if (p.kind !== 'pending') expect(p.joinedAt.getTime()).toBeLessThan(now.getTime() - 41 * 30 * DAY + DAY);
      if (p.kind === 'mover' || p.kind === 'transfer') expect(p.otherUnit).not.toBe(p.unit);
      if (p.changedAt) expect(p.changedAt.getTime()).toBeLessThan(now.getTime());
    }
  });
});

describe('demo answers', () => {
  it('answers right from the content and wrong on purpose', () => {
    expect(correctAnswer(question('q', 'multiple', ['a', 'c']))).toEqual(['a', 'c']);
    expect(wrongAnswer(question('q', 'single', ['a']))).toEqual(['b']);
    const qs = [question('q1', 'single', ['a']), question('q2', 'single', ['b']), question('q3', 'single', ['c'])];
    expect(finalAnswers(qs, 1)).toEqual({ q1: ['b'], q2: ['b'], q3: ['c'] });
  });

  it('knows how many mistakes a passing final quiz allows', () => {
    expect(maxWrongToPass(10, 80)).toBe(2);
    expect(maxWrongToPass(10, 100)).toBe(0);
    expect(maxWrongToPass(3, 60)).toBe(1);
  });

  it('walks a case to an ending of the wanted quality', () => {
    expect(pathToEnding(demoCase, ['good'])).toEqual([{ point: 'p1', option: 'a' }]);
    expect(pathToEnding(demoCase, ['poor'])).toEqual([
      { point: 'p1', option: 'b' },
      { point: 'p2', option: 'a' },
    ]);
    expect(pathToEnding(demoCase, ['mixed']).at(-1)).toEqual({ point: 'p2', option: 'b' });
  });
});

describe('the demo organisation', () => {
  const names = (s: DemoNodeSpec): string[] => [s.name, ...(s.children ?? []).flatMap(names)];
  const REAL_COUNTIES = ['Itä-Uusimaa', 'Keski-Uusimaa', 'Länsi-Uusimaa', 'Vantaa', 'Varsinais-Suomi', 'Satakunta', 'Kanta-Häme', 'Pirkanmaa', 'Päijät-Häme', 'Kymenlaakso', 'Etelä-Karjala', 'Etelä-Savo', 'Pohjois-Savo', 'Pohjois-Karjala', 'Keski-Suomi', 'Etelä-Pohjanmaa', 'Keski-Pohjanmaa', 'Pohjois-Pohjanmaa', 'Kainuu', 'Lappi', 'Pohjanmaa', 'Helsinki'];

  it('is a fictional county, not one of the real ones', () => {
    expect(DEMO_ORGANISATION.type).toBe('hyvinvointialue');
    for (const name of names(DEMO_ORGANISATION)) for (const real of REAL_COUNTIES) expect(name.toLowerCase()).not.toContain(`${real.toLowerCase()}n hyvinvointialue`);
    expect(DEMO_ORGANISATION.name).not.toMatch(new RegExp(`^(${REAL_COUNTIES.join('|')})`, 'i'));
  });
});

describe('the course content hash', () => {
  const parts = { course: { title: 'K' }, lessons: [{ id: 'k/b', data: { t: 2 }, body: 'B' }, { id: 'k/a', data: { t: 1 }, body: 'A' }], finalQuiz: { q: 1 } };

  it('ignores the order lessons come in and changes with any text', () => {
    expect(courseContentHash({ ...parts, lessons: [...parts.lessons].reverse() })).toBe(courseContentHash(parts));
    expect(courseContentHash({ ...parts, lessons: [parts.lessons[0]!, { ...parts.lessons[1]!, body: 'A.' }] })).not.toBe(courseContentHash(parts));
    expect(courseContentHash(parts)).toMatch(/^[0-9a-f]{16}$/);
  });
});
