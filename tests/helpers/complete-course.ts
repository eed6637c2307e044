/** Takes a learner through the fixture course with the real progress flows. */
import type { Db } from '../../src/lib/server/db/client';
import { answerQuestion, chooseInCase, markRead, submitFinalQuiz, type Learner } from '../../src/lib/server/learning/progress';
import type { FixtureCourse } from './fixture-course';

/** Right answers to every final-quiz question of the fixture course. */
export const PASSING_FINAL = { 'tk-loppu-1': ['a'], 'tk-loppu-2': ['a', 'b'], 'tk-loppu-3': ['a'] };

/** Reads every lesson, answers the lesson quizzes right and walks the case to its good ending. */
export function completeLessons(db: Db, fixture: FixtureCourse, learner: Learner, now: Date): void {
  const c = fixture.structure;
  for (const l of c.lessons) markRead(db, c, l.id, learner, now);
  answerQuestion(db, c, 'perusteet', fixture.question('tk-l1-k1'), ['a'], learner, now);
  answerQuestion(db, c, 'perusteet', fixture.question('tk-l1-k2'), ['a', 'b'], learner, now);
  const caseDef = fixture.caseOf('tk-tapaus');
  let step = chooseInCase(db, c, 'tapaus', caseDef, { pointId: 'p1', optionId: 'a' }, learner, now);
  if (!step.ok) throw new Error(step.problem);
  step = chooseInCase(db, c, 'tapaus', caseDef, { runId: step.run.id, pointId: 'p2', optionId: 'a' }, learner, now);
  if (!step.ok) throw new Error(step.problem);
  chooseInCase(db, c, 'tapaus', caseDef, { runId: step.run.id, pointId: 'p3', optionId: 'a' }, learner, now);
}

/** Submits the final quiz with every answer right. */
export function passFinal(db: Db, fixture: FixtureCourse, learner: Learner, nonce: string, now: Date) {
  return submitFinalQuiz(db, fixture.structure, fixture.finalQuestions, PASSING_FINAL, nonce, learner, now);
}
