/**
 * Server-side grading of quiz questions and branching cases. Pure: takes the
 * authored content and the learner's answer, refuses anything that does not
 * fit the question (unknown or repeated options, two answers to a
 * single-choice question), and returns what the learner may see next.
 */
import type { Case, Question } from '../content/schema';

export type AnswerProblem = 'no_answer' | 'unknown_option' | 'duplicate_option' | 'too_many';

export interface GradedQuestion {
  correct: boolean;
  /** The chosen option ids, sorted (the stored form). */
  answer: string[];
  /** Every option with whether it was chosen, whether it is right, and its feedback (shown after answering). */
  options: { id: string; text: string; chosen: boolean; correct: boolean; feedback: string }[];
}

/** Checks the shape of an answer against the question. */
export function checkAnswer(question: Question, chosen: readonly string[]): AnswerProblem | null {
  if (chosen.length === 0) return 'no_answer';
  const ids = new Set(question.options.map((o) => o.id));
  if (chosen.some((c) => !ids.has(c))) return 'unknown_option';
  if (new Set(chosen).size !== chosen.length) return 'duplicate_option';
  if (question.type === 'single' && chosen.length > 1) return 'too_many';
  return null;
}

/** Grades an answer: right only when exactly the correct options were chosen. */
export function gradeQuestion(question: Question, chosen: readonly string[]): GradedQuestion {
  const picked = new Set(chosen);
  const correctIds = question.options.filter((o) => o.correct).map((o) => o.id);
  const correct = correctIds.length === picked.size && correctIds.every((id) => picked.has(id));
  return {
    correct,
    answer: [...picked].sort(),
    options: question.options.map((o) => ({ id: o.id, text: o.text, chosen: picked.has(o.id), correct: o.correct, feedback: o.feedback })),
  };
}

export interface FinalResult {
  scorePercent: number;
  correctCount: number;
  questionCount: number;
  /** Ids of questions answered wrong or left unanswered, in the quiz's order. */
  wrongQuestionIds: string[];
  answers: Record<string, string[]>;
}

/**
 * Grades a whole final quiz. Unanswered questions count as wrong; an answer
 * that does not fit its question is refused (the caller answers 400).
 */
export function gradeFinalQuiz(questions: readonly Question[], answers: Record<string, readonly string[]>): { ok: true; result: FinalResult } | { ok: false; questionId: string; problem: AnswerProblem | 'unknown_question' } {
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) return { ok: false, questionId: id, problem: 'unknown_question' };
  let correctCount = 0;
  const wrong: string[] = [];
  const stored: Record<string, string[]> = {};
  for (const q of questions) {
    const chosen = answers[q.id] ?? [];
    if (chosen.length === 0) {
      wrong.push(q.id);
      stored[q.id] = [];
      continue;
    }
    const problem = checkAnswer(q, chosen);
    if (problem) return { ok: false, questionId: q.id, problem };
    const graded = gradeQuestion(q, chosen);
    stored[q.id] = graded.answer;
    if (graded.correct) correctCount += 1;
    else wrong.push(q.id);
  }
  const questionCount = questions.length;
  return { ok: true, result: { scorePercent: questionCount ? Math.round((correctCount / questionCount) * 100) : 0, correctCount, questionCount, wrongQuestionIds: wrong, answers: stored } };
}

export interface RightAnswerFeedback {
  questionId: string;
  question: string;
  /** The options the learner chose (all of them right), with their written feedback. */
  options: { text: string; feedback: string }[];
}

/**
 * The written feedback a learner may see after a final quiz: only for the
 * questions answered right. Attempts are unlimited and a renewal reuses the
 * same quiz, so the feedback of a question answered wrong would give its key
 * away; for those the learner sees only that the answer was wrong.
 */
export function feedbackForRightAnswers(questions: readonly Question[], answers: Readonly<Record<string, readonly string[]>>): RightAnswerFeedback[] {
  const out: RightAnswerFeedback[] = [];
  for (const q of questions) {
    const chosen = answers[q.id] ?? [];
    if (chosen.length === 0 || checkAnswer(q, chosen) || !gradeQuestion(q, chosen).correct) continue;
    out.push({ questionId: q.id, question: q.question, options: q.options.filter((o) => chosen.includes(o.id)).map((o) => ({ text: o.text, feedback: o.feedback })) });
  }
  return out;
}

export type CaseStepResult =
  | { ok: true; feedback: string; optionText: string; next: { kind: 'point'; id: string } | { kind: 'ending'; id: string; title: string; text: string; outcome: 'good' | 'mixed' | 'poor' } }
  | { ok: false; problem: 'unknown_point' | 'unknown_option' };

/** Takes one choice at a decision point: its feedback and where it leads. */
export function stepCase(c: Case, pointId: string, optionId: string): CaseStepResult {
  const point = c.points.find((p) => p.id === pointId);
  if (!point) return { ok: false, problem: 'unknown_point' };
  const option = point.options.find((o) => o.id === optionId);
  if (!option) return { ok: false, problem: 'unknown_option' };
  if (option.next) return { ok: true, feedback: option.feedback, optionText: option.text, next: { kind: 'point', id: option.next } };
  const ending = c.endings.find((e) => e.id === option.ending)!;
  return { ok: true, feedback: option.feedback, optionText: option.text, next: { kind: 'ending', id: ending.id, title: ending.title, text: ending.text, outcome: ending.outcome } };
}

/** A question as the browser may see it before answering: no correctness, no feedback. */
export function publicQuestion(q: Question): { id: string; type: Question['type']; question: string; options: { id: string; text: string }[] } {
  return { id: q.id, type: q.type, question: q.question, options: q.options.map((o) => ({ id: o.id, text: o.text })) };
}

/** A decision point as the browser may see it before choosing. */
export function publicPoint(c: Case, pointId: string): { id: string; prompt: string; options: { id: string; text: string }[] } | undefined {
  const p = c.points.find((x) => x.id === pointId);
  return p ? { id: p.id, prompt: p.prompt, options: p.options.map((o) => ({ id: o.id, text: o.text })) } : undefined;
}
