/**
 * Who the demo learners are before anything is written: where each works,
 * when they joined, who moved, who left, who is waiting for confirmation and
 * which state each is in per course. Pure and seeded, so two runs plan the
 * same people.
 */
import { drawPeople, type DemoPerson } from './people';
import { planStates, stateForNewcomer, type DemoState } from './progress';
import { createRandom, type Random } from './random';
import type { DemoOrganisation, DemoUnit } from './organisation';

/**
 * member: works in a unit; mover: moved between units (one ended
 * membership); newcomer: joined lately; transfer: a member who asked to move
 * (pending); pending: registered, unit not yet confirmed; leaver: left.
 */
export type LearnerKind = 'member' | 'mover' | 'newcomer' | 'transfer' | 'pending' | 'leaver';

export interface PlannedLearner extends DemoPerson {
  kind: LearnerKind;
  /** The unit now (member, mover, newcomer, transfer), asked for (pending) or left (leaver). */
  unit: DemoUnit;
  /** Mover: the unit before; transfer: the unit asked for. */
  otherUnit?: DemoUnit;
  /** When the account was made and the first membership began. */
  joinedAt: Date;
  /** Mover: moved; leaver: left; transfer and pending: asked. */
  changedAt?: Date;
  /** Per course, in course order. */
  states: DemoState[];
  /** The learner's own generator for their walks, so skipping one leaves the others unchanged. */
  random: Random;
}

export const DEMO_COUNTS = { movers: 8, newcomers: 8, transfers: 2, pending: 8, leavers: 5 } as const;

const DAY = 86_400_000;

function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY - (days > 0 ? 9 * 3_600_000 : 0));
}

/** Plans every demo learner for the organisation's units and `courseCount` courses. */
export function planLearners(seed: number, org: DemoOrganisation, courseCount: number, now: Date, preferredUnits: { pending: readonly DemoUnit[] }): PlannedLearner[] {
  const random = createRandom(seed);
  const units = org.units;
  const seats = units.flatMap((u) => Array.from({ length: u.learners }, () => u));
  const extra = DEMO_COUNTS.pending + DEMO_COUNTS.leavers;
  const people = drawPeople(random, seats.length + extra);
  const order = random.shuffle(seats.map((_, i) => i));
  const kindOf = new Map<number, LearnerKind>();
  let at = 0;
  for (const [kind, n] of [['mover', DEMO_COUNTS.movers], ['newcomer', DEMO_COUNTS.newcomers], ['transfer', DEMO_COUNTS.transfers]] as const) {
    for (let i = 0; i < n; i += 1) kindOf.set(order[at++]!, kind);
  }
  const otherThan = (u: DemoUnit) => random.pick(units.filter((x) => x.id !== u.id));
  const statesByCourse = Array.from({ length: courseCount }, () => planStates(random, seats.length));

  const out: PlannedLearner[] = seats.map((unit, i) => {
    const kind = kindOf.get(i) ?? 'member';
    const newcomer = kind === 'newcomer';
    const joinedAt = newcomer ? daysAgo(now, random.int(20, 45)) : daysAgo(now, random.int(41 * 30, 66 * 30));
    const states = statesByCourse.map((s) => (newcomer ? stateForNewcomer(s[i]!) : s[i]!));
    const learner: PlannedLearner = { ...people[i]!, kind, unit, joinedAt, states, random: createRandom(seed + 7919 * (i + 1)) };
    if (kind === 'mover') Object.assign(learner, { otherUnit: otherThan(unit), changedAt: daysAgo(now, random.int(60, 400)) });
    if (kind === 'transfer') Object.assign(learner, { otherUnit: otherThan(unit), changedAt: daysAgo(now, random.int(1, 6)) });
    return learner;
  });

  const none = Array.from({ length: courseCount }, (): DemoState => 'not_started');
  for (let i = 0; i < DEMO_COUNTS.pending; i += 1) {
    const unit = preferredUnits.pending[i % (preferredUnits.pending.length + 1)] ?? random.pick(units);
    const joinedAt = daysAgo(now, random.int(1, 12));
    out.push({ ...people[seats.length + i]!, kind: 'pending', unit, joinedAt, changedAt: joinedAt, states: none, random: createRandom(seed + 104_729 * (i + 1)) });
  }
  for (let i = 0; i < DEMO_COUNTS.leavers; i += 1) {
    const index = seats.length + DEMO_COUNTS.pending + i;
    // A leaver completed the first course long ago, then left.
    const states = none.map((s, c): DemoState => (c === 0 ? 'expired' : s));
    out.push({
      ...people[index]!,
      kind: 'leaver',
      unit: random.pick(units),
      joinedAt: daysAgo(now, random.int(50 * 30, 66 * 30)),
      changedAt: daysAgo(now, random.int(60, 240)),
      states,
      random: createRandom(seed + 130_363 * (i + 1)),
    });
  }
  return out;
}
