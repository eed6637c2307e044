/**
 * Trainer analytics for one course under one version label, from plain
 * record rows: how many get each question right on their first try, how
 * learners choose at each case decision, and where those who have not
 * completed the course stopped. Figures count distinct learners and never
 * name anyone. The small-cell rule is applied here, in the result types, so
 * a page cannot show a figure of fewer than five learners by forgetting it.
 */
import type { Case, Question } from '../content/schema';
import type { CourseStructure } from '../learning/structure';
import { formatNumber } from '../format';
import { isSuppressed, shownCount } from './suppress';

// ---------------------------------------------------------------------------
// Input: the course as its content says, and the records as rows
// ---------------------------------------------------------------------------

export interface AnalyticsQuestion {
  id: string;
  text: string;
}

export interface AnalyticsCase {
  id: string;
  title: string;
  points: { id: string; prompt: string; options: { id: string; text: string; best: boolean }[] }[];
}

export interface AnalyticsLesson {
  id: string;
  title: string;
  questions: AnalyticsQuestion[];
  cases: AnalyticsCase[];
}

/** The parts of a course the analytics report on; lessons in course order. */
export interface AnalyticsCourse {
  lessons: AnalyticsLesson[];
  finalQuestions: AnalyticsQuestion[];
}

/** The records of one course and version label; times in unix milliseconds. */
export interface AnalyticsRows {
  /** One row per learner and lesson opened (or marked read). */
  lessonViews: { userId: number; lessonId: string }[];
  quizAttempts: { id: number; userId: number; questionId: string; correct: boolean; at: number }[];
  caseRuns: { id: number; userId: number; caseId: string; path: { point: string; option: string; at: number }[] }[];
  finalAttempts: { id: number; userId: number; at: number; passed: boolean; answers: Record<string, string[]>; wrongQuestionIds: string[] }[];
  /** Learners with a completion under this version label (any round). */
  completedUserIds: number[];
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/** A count as it may be shown: the number, or "< 5". */
export type ShownCount = number | '< 5';

/** A figure about a group of learners: its details only when the group is large enough. */
export type Figure<T> = { suppressed: true; learners: '< 5' } | ({ suppressed: false; learners: number } & T);

export interface QuestionFigure {
  id: string;
  text: string;
  /** The lesson of a lesson-quiz question; null for the final quiz. */
  lessonId: string | null;
  /** Learners who answered, and the share (0–100) right on their first attempt. */
  result: Figure<{ firstTryRightPercent: number }>;
}

export interface OptionFigure {
  id: string;
  text: string;
  best: boolean;
  learners: number;
  percent: number;
}

export interface PointFigure {
  caseId: string;
  caseTitle: string;
  lessonId: string;
  pointId: string;
  prompt: string;
  /** Learners who reached the point, and what they chose the first time there. */
  result: Figure<{ options: OptionFigure[] }>;
}

export interface StopFigure {
  /** Learners who started but have not completed, where they got to. */
  result: Figure<{
    lessons: { id: string; title: string; learners: number; percent: number }[];
    /** Started (e.g. answered a question) without a lesson view on record. */
    noLesson: number;
    noLessonPercent: number;
    noFinalAttempt: number;
    finalNotPassed: number;
  }>;
}

export interface TrainerAnalytics {
  started: ShownCount;
  completed: ShownCount;
  questions: QuestionFigure[];
  finalQuestions: QuestionFigure[];
  points: PointFigure[];
  stops: StopFigure;
}

const suppressed = { suppressed: true, learners: '< 5' } as const;

function figure<T extends object>(learners: number, details: () => T): Figure<T> {
  return isSuppressed(learners) ? suppressed : { suppressed: false, learners, ...details() };
}

const percentOf = (part: number, whole: number) => (whole ? (part / whole) * 100 : 0);

/** Earlier first; equal times fall back to the row id, so the order is stable. */
const earlier = (a: { at: number; id: number }, b: { at: number; id: number }) => a.at < b.at || (a.at === b.at && a.id < b.id);

/**
 * Keeps, per key, the earliest of the items. Used for "first attempt per
 * learner and question" and "first choice per learner and point".
 */
function firstBy<T extends { at: number; id: number }>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T> {
  const first = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const seen = first.get(key);
    if (!seen || earlier(item, seen)) first.set(key, item);
  }
  return first;
}

/** Right-on-first-try per question: `firsts` holds one first attempt per learner and question. */
function questionFigures(questions: AnalyticsQuestion[], lessonId: string | null, firsts: Iterable<{ questionId: string; correct: boolean }>): QuestionFigure[] {
  const tally = new Map<string, { answered: number; right: number }>();
  for (const f of firsts) {
    const t = tally.get(f.questionId) ?? { answered: 0, right: 0 };
    t.answered += 1;
    if (f.correct) t.right += 1;
    tally.set(f.questionId, t);
  }
  return questions.map((q) => {
    const t = tally.get(q.id) ?? { answered: 0, right: 0 };
    return { id: q.id, text: q.text, lessonId, result: figure(t.answered, () => ({ firstTryRightPercent: percentOf(t.right, t.answered) })) };
  });
}

/** Each learner's first attempt at each final-quiz question is the first submitted quiz that had it. */
function firstFinalAnswers(rows: AnalyticsRows['finalAttempts']): { questionId: string; correct: boolean }[] {
  const steps = rows.flatMap((a) => {
    const wrong = new Set(a.wrongQuestionIds);
    const ids = new Set([...Object.keys(a.answers), ...a.wrongQuestionIds]);
    return [...ids].map((questionId) => ({ id: a.id, at: a.at, userId: a.userId, questionId, correct: !wrong.has(questionId) }));
  });
  return [...firstBy(steps, (s) => `${s.userId}\u0000${s.questionId}`).values()];
}

/** The choice each learner made the first time they stood at each point (over all their runs). */
function pointFigures(course: AnalyticsCourse, runs: AnalyticsRows['caseRuns']): PointFigure[] {
  const steps = runs.flatMap((r) => r.path.map((s) => ({ id: r.id, at: s.at, userId: r.userId, key: `${r.caseId}\u0000${s.point}`, option: s.option })));
  const firsts = firstBy(steps, (s) => `${s.userId}\u0000${s.key}`);
  const chosen = new Map<string, Map<string, number>>();
  for (const s of firsts.values()) {
    const counts = chosen.get(s.key) ?? new Map<string, number>();
    counts.set(s.option, (counts.get(s.option) ?? 0) + 1);
    chosen.set(s.key, counts);
  }
  return course.lessons.flatMap((lesson) =>
    lesson.cases.flatMap((c) =>
      c.points.map((p) => {
        const counts = chosen.get(`${c.id}\u0000${p.id}`) ?? new Map<string, number>();
        // Choices of options no longer in the content are left out of the group.
        const learners = p.options.reduce((sum, o) => sum + (counts.get(o.id) ?? 0), 0);
        return {
          caseId: c.id,
          caseTitle: c.title,
          lessonId: lesson.id,
          pointId: p.id,
          prompt: p.prompt,
          result: figure(learners, () => ({
            options: p.options.map((o) => ({ id: o.id, text: o.text, best: o.best, learners: counts.get(o.id) ?? 0, percent: percentOf(counts.get(o.id) ?? 0, learners) })),
          })),
        };
      }),
    ),
  );
}

/** Where the learners who started but did not complete got to: the furthest lesson they opened. */
function stopFigure(course: AnalyticsCourse, rows: AnalyticsRows, started: Set<number>, completed: Set<number>): StopFigure {
  const open = [...started].filter((u) => !completed.has(u));
  const rank = new Map(course.lessons.map((l, i) => [l.id, i]));
  const furthest = new Map<number, number>();
  for (const v of rows.lessonViews) {
    const i = rank.get(v.lessonId);
    if (i !== undefined && (furthest.get(v.userId) ?? -1) < i) furthest.set(v.userId, i);
  }
  const tried = new Set(rows.finalAttempts.map((a) => a.userId));
  const passed = new Set(rows.finalAttempts.filter((a) => a.passed).map((a) => a.userId));
  return {
    result: figure(open.length, () => {
      const atLesson = course.lessons.map(() => 0);
      for (const u of open) {
        const i = furthest.get(u);
        if (i !== undefined) atLesson[i]! += 1;
      }
      const noLesson = open.filter((u) => !furthest.has(u)).length;
      return {
        lessons: course.lessons.map((l, i) => ({ id: l.id, title: l.title, learners: atLesson[i]!, percent: percentOf(atLesson[i]!, open.length) })),
        noLesson,
        noLessonPercent: percentOf(noLesson, open.length),
        noFinalAttempt: open.filter((u) => !tried.has(u)).length,
        finalNotPassed: open.filter((u) => tried.has(u) && !passed.has(u)).length,
      };
    }),
  };
}

/** Learners with any record under the version label. */
function startedLearners(rows: AnalyticsRows): Set<number> {
  return new Set([
    ...rows.lessonViews.map((r) => r.userId),
    ...rows.quizAttempts.map((r) => r.userId),
    ...rows.caseRuns.map((r) => r.userId),
    ...rows.finalAttempts.map((r) => r.userId),
    ...rows.completedUserIds,
  ]);
}

/** Every figure of the trainer analytics page for one course and version label. */
export function computeTrainerAnalytics(course: AnalyticsCourse, rows: AnalyticsRows): TrainerAnalytics {
  const started = startedLearners(rows);
  const completed = new Set(rows.completedUserIds);
  const firstQuiz = [...firstBy(rows.quizAttempts, (a) => `${a.userId}\u0000${a.questionId}`).values()];
  return {
    ...summariseLearners({ started: started.size, completed: completed.size }),
    questions: course.lessons.flatMap((l) => questionFigures(l.questions, l.id, firstQuiz)),
    finalQuestions: questionFigures(course.finalQuestions, null, firstFinalAnswers(rows.finalAttempts)),
    points: pointFigures(course, rows.caseRuns),
    stops: stopFigure(course, rows, started, completed),
  };
}

/** Started and completed counts as they may be shown (each "< 5" under five). */
export function summariseLearners(counts: { started: number; completed: number }): { started: ShownCount; completed: ShownCount } {
  return { started: shownCount(counts.started), completed: shownCount(counts.completed) };
}

/** A shown count in Finnish: `1 234` or `< 5`. */
export function formatShownCount(count: ShownCount): string {
  return typeof count === 'number' ? formatNumber(count) : count;
}

/** A share (0–100) as a whole percent in Finnish: `67 %`. */
export function formatPercent(percent: number): string {
  return `${formatNumber(percent)} %`;
}

/**
 * The course's lessons, questions and cases in the shape the analytics read,
 * from its structure and its content (the server's catalog or a test fixture).
 */
export function describeCourseForAnalytics(
  structure: CourseStructure,
  find: { question: (id: string) => Question | undefined; caseOf: (id: string) => Case | undefined },
  finalQuestions: readonly Question[],
): AnalyticsCourse {
  const asQuestion = (q: Question): AnalyticsQuestion => ({ id: q.id, text: q.question });
  return {
    lessons: structure.lessons.map((l) => ({
      id: l.id,
      title: l.title,
      questions: l.quizIds.flatMap((id) => {
        const q = find.question(id);
        return q ? [asQuestion(q)] : [];
      }),
      cases: l.caseIds.flatMap((id) => {
        const c = find.caseOf(id);
        return c ? [{ id: c.id, title: c.title, points: c.points.map((p) => ({ id: p.id, prompt: p.prompt, options: p.options.map((o) => ({ id: o.id, text: o.text, best: o.best })) })) }] : [];
      }),
    })),
    finalQuestions: finalQuestions.map(asQuestion),
  };
}
