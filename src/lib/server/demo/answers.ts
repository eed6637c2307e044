/**
 * Answers a demo learner gives, read from the content itself: the options
 * marked correct, a wrong option, and a walk through a case to an ending of
 * the wanted quality. Pure; the content validator guarantees what they rely
 * on (every question has a correct option, every case reaches an ending).
 */
import type { Case, Question } from '../../content/schema';

export type CaseOutcome = 'good' | 'mixed' | 'poor';

/** Exactly the options marked correct. */
export function correctAnswer(question: Question): string[] {
  return question.options.filter((o) => o.correct).map((o) => o.id);
}

/** One option that is not correct (or, when every option is, too few of them). */
export function wrongAnswer(question: Question): string[] {
  const wrong = question.options.find((o) => !o.correct);
  return wrong ? [wrong.id] : [question.options[0]!.id];
}

/** Final-quiz answers with the first `wrongCount` questions answered wrong and the rest right. */
export function finalAnswers(questions: readonly Question[], wrongCount: number): Record<string, string[]> {
  return Object.fromEntries(questions.map((q, i) => [q.id, i < wrongCount ? wrongAnswer(q) : correctAnswer(q)]));
}

/** How many wrong answers keep a final quiz at or above `minScore` percent (at least none). */
export function maxWrongToPass(questionCount: number, minScore: number): number {
  let wrong = 0;
  while (wrong < questionCount && Math.round(((questionCount - wrong - 1) / questionCount) * 100) >= minScore) wrong += 1;
  return wrong;
}

export interface CaseStep {
  point: string;
  option: string;
}

/**
 * The shortest walk from the start of a case to an ending with one of the
 * wanted outcomes (breadth first), or to any ending when none has them.
 */
export function pathToEnding(c: Case, wanted: readonly CaseOutcome[]): CaseStep[] {
  const outcomeOf = new Map(c.endings.map((e) => [e.id, e.outcome]));
  const search = (accept: (ending: string) => boolean): CaseStep[] | undefined => {
    const queue: { point: string; steps: CaseStep[] }[] = [{ point: c.start, steps: [] }];
    const seen = new Set<string>();
    while (queue.length) {
      const { point, steps } = queue.shift()!;
      if (seen.has(point)) continue;
      seen.add(point);
      for (const o of c.points.find((p) => p.id === point)?.options ?? []) {
        const next = [...steps, { point, option: o.id }];
        if (o.ending && accept(o.ending)) return next;
        if (o.next) queue.push({ point: o.next, steps: next });
      }
    }
    return undefined;
  };
  const found = search((ending) => wanted.includes(outcomeOf.get(ending)!)) ?? search(() => true);
  if (!found) throw new Error(`case ${c.id} has no reachable ending`);
  return found;
}
