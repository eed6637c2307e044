/**
 * Demo learners' progress, written with the real progress flows at past
 * moments: lessons viewed and read, questions answered (sometimes wrong
 * first), cases walked (sometimes to a poor ending first) and final quizzes
 * taken (sometimes failed first), so completions and certificates arise
 * exactly as they would for a real learner, dated as the state needs.
 */
import type { DbClient } from '../db/client';
import { answerQuestion, chooseInCase, markRead, recordView, submitFinalQuiz, type Learner } from '../learning/progress';
import { addMonths } from '../certificates/status';
import { correctAnswer, finalAnswers, maxWrongToPass, pathToEnding, wrongAnswer } from './answers';
import type { DemoCourse, DemoLesson } from './courses';
import type { Random } from './random';

/** A learner's standing in one course, as the demo sets it up. */
export const DEMO_STATES = ['not_started', 'in_progress', 'completed', 'expiring', 'expired', 'revoked'] as const;
export type DemoState = (typeof DEMO_STATES)[number];

/** Shares of learners per state; `completed` is recent, `expiring` ~34 months ago, `expired` ~37+. */
const SHARES: Record<DemoState, number> = { not_started: 0.28, in_progress: 0.24, completed: 0.3, expiring: 0.08, expired: 0.07, revoked: 0.03 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The states of `count` learners in one course: exact quotas (every state at
 * least once when there are enough learners), shuffled.
 */
export function planStates(random: Random, count: number): DemoState[] {
  const states: DemoState[] = [];
  for (const state of DEMO_STATES) {
    if (state === 'not_started') continue;
    const quota = Math.max(count >= DEMO_STATES.length * 2 ? 1 : 0, Math.floor(SHARES[state] * count));
    for (let i = 0; i < quota && states.length < count; i += 1) states.push(state);
  }
  while (states.length < count) states.push('not_started');
  return random.shuffle(states);
}

/** States that need no history before `since` (for learners who joined lately). */
export function stateForNewcomer(state: DemoState): DemoState {
  return state === 'not_started' || state === 'in_progress' ? state : 'in_progress';
}

/** A moving clock: each call is a few minutes after the last. */
function timeline(start: Date, random: Random): () => Date {
  let t = start.getTime();
  return () => {
    t += random.int(1, 5) * MINUTE + random.int(0, 59) * 1000;
    return new Date(t);
  };
}

function walkCase(db: DbClient, course: DemoCourse, lesson: DemoLesson, c: DemoLesson['cases'][number], steps: ReturnType<typeof pathToEnding>, learner: Learner, at: () => Date): void {
  let runId: number | undefined;
  for (const step of steps) {
    const result = chooseInCase(db, course.structure, lesson.id, c, { runId, pointId: step.point, optionId: step.option }, learner, at());
    if (!result.ok) throw new Error(`demo case ${c.id}: ${result.problem}`);
    runId = result.run.id;
  }
}

/** Opens a lesson, does its activities (with the odd mistake) and marks it read. */
function walkLesson(db: DbClient, course: DemoCourse, lesson: DemoLesson, learner: Learner, at: () => Date, random: Random): void {
  const c = course.structure;
  recordView(db, c, lesson.id, learner, at());
  for (const q of lesson.quiz) {
    if (random.chance(0.15)) answerQuestion(db, c, lesson.id, q, wrongAnswer(q), learner, at());
    answerQuestion(db, c, lesson.id, q, correctAnswer(q), learner, at());
  }
  for (const cs of lesson.cases) {
    if (random.chance(0.25)) walkCase(db, course, lesson, cs, pathToEnding(cs, ['poor', 'mixed']), learner, at);
    walkCase(db, course, lesson, cs, pathToEnding(cs, ['good']), learner, at);
  }
  markRead(db, c, lesson.id, learner, at());
}

/**
 * Completes the course with the final quiz passed at `completedAt`, the
 * lessons spread over the days before it.
 */
export function completeCourse(db: DbClient, course: DemoCourse, learner: Learner, completedAt: Date, random: Random): void {
  const lessons = course.lessons;
  const span = random.int(3, 25) * DAY;
  const start = completedAt.getTime() - span;
  lessons.forEach((lesson, i) => walkLesson(db, course, lesson, learner, timeline(new Date(start + (i * span) / (lessons.length + 1)), random), random));
  const questions = course.finalQuestions;
  if (!questions.length) return;
  const c = course.structure;
  const passWrong = random.int(0, maxWrongToPass(questions.length, c.minFinalScore));
  if (random.chance(0.2)) {
    const failWrong = Math.min(questions.length, maxWrongToPass(questions.length, c.minFinalScore) + 1 + random.int(0, 1));
    submitFinalQuiz(db, c, questions, finalAnswers(questions, failWrong), `demo-${crypto.randomUUID()}`, learner, new Date(completedAt.getTime() - random.int(2, 20) * HOUR));
  }
  const passed = submitFinalQuiz(db, c, questions, finalAnswers(questions, passWrong), `demo-${crypto.randomUUID()}`, learner, completedAt);
  if (!passed.ok || !passed.status.complete) throw new Error(`demo learner ${learner.userId} did not complete ${c.id}`);
}

/** Works through some lessons since `startedAt`, leaving the course unfinished. */
export function startCourse(db: DbClient, course: DemoCourse, learner: Learner, startedAt: Date, random: Random): void {
  const lessons = course.lessons;
  const done = random.int(0, Math.max(0, lessons.length - 2));
  lessons.slice(0, done).forEach((lesson, i) => walkLesson(db, course, lesson, learner, timeline(new Date(startedAt.getTime() + i * DAY), random), random));
  const next = lessons[done];
  if (!next) return;
  const at = timeline(new Date(startedAt.getTime() + done * DAY), random);
  recordView(db, course.structure, next.id, learner, at());
  const first = next.quiz[0];
  if (first && random.chance(0.6)) answerQuestion(db, course.structure, next.id, first, correctAnswer(first), learner, at());
}

/**
 * Sets up one learner's state in one course relative to `now`, nothing
 * before `since` (when the learner joined), and returns when the course was
 * completed (for revoking later), or undefined.
 */
export function applyState(db: DbClient, course: DemoCourse, learner: Learner, state: DemoState, now: Date, since: Date, random: Random): Date | undefined {
  const validity = course.structure.certificateValidityMonths ?? 36;
  let completedAt: Date;
  switch (state) {
    case 'not_started':
      return undefined;
    case 'in_progress':
      startCourse(db, course, learner, new Date(Math.max(since.getTime() + DAY, now.getTime() - random.int(course.lessons.length + 2, 70) * DAY)), random);
      return undefined;
    case 'completed':
      completedAt = new Date(now.getTime() - random.int(2, 600) * DAY - random.int(0, 8) * HOUR);
      break;
    case 'revoked':
      completedAt = new Date(now.getTime() - random.int(30, 300) * DAY);
      break;
    case 'expiring':
      // Lapses 45–75 days from now: inside the 90-day warning.
      completedAt = new Date(addMonths(now, -validity).getTime() + random.int(45, 75) * DAY);
      break;
    case 'expired':
      completedAt = new Date(addMonths(now, -validity).getTime() - random.int(10, 120) * DAY);
      break;
  }
  completeCourse(db, course, learner, completedAt, random);
  return completedAt;
}
