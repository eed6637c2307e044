import { describe, expect, it } from 'vitest';
import { computeTrainerAnalytics, describeCourseForAnalytics, summariseLearners, type AnalyticsCourse, type AnalyticsRows, type Figure } from '../../src/lib/reporting/trainer-analytics';
import { loadFixtureCourse } from '../helpers/fixture-course';

const course: AnalyticsCourse = {
  lessons: [
    { id: 'l1', title: 'Ensimmäinen', questions: [{ id: 'q1', text: 'Kysymys 1' }], cases: [] },
    {
      id: 'l2',
      title: 'Toinen',
      questions: [],
      cases: [
        {
          id: 'c1',
          title: 'Tapaus',
          points: [
            { id: 'p1', prompt: 'Alku', options: [{ id: 'a', text: 'Hyvä', best: true }, { id: 'b', text: 'Huono', best: false }] },
            { id: 'p2', prompt: 'Jatko', options: [{ id: 'a', text: 'Hyvä', best: true }, { id: 'b', text: 'Kohtalainen', best: false }] },
          ],
        },
      ],
    },
    { id: 'l3', title: 'Kolmas', questions: [], cases: [] },
  ],
  finalQuestions: [{ id: 'f1', text: 'Loppu 1' }, { id: 'f2', text: 'Loppu 2' }],
};

const empty = (): AnalyticsRows => ({ lessonViews: [], quizAttempts: [], caseRuns: [], finalAttempts: [], completedUserIds: [] });
const users = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);
let nextId = 1;
const attempt = (userId: number, correct: boolean, at: number, questionId = 'q1') => ({ id: nextId++, userId, questionId, correct, at });
const run = (userId: number, at: number, steps: [string, string][]) => ({ id: nextId++, userId, caseId: 'c1', path: steps.map(([point, option], i) => ({ point, option, at: at + i })) });
const final = (userId: number, at: number, wrong: string[], passed = wrong.length === 0) => ({
  id: nextId++,
  userId,
  at,
  passed,
  answers: { f1: wrong.includes('f1') ? ['b'] : ['a'], f2: wrong.includes('f2') ? [] : ['a'] },
  wrongQuestionIds: wrong,
});

/** The details of a figure that must be shown; fails the test when it is suppressed. */
function shown<T>(f: Figure<T>) {
  if (f.suppressed) throw new Error('suppressed');
  return f;
}

describe('right on the first attempt', () => {
  it('is hidden for four learners and shown for five', () => {
    const four = empty();
    four.quizAttempts = users(4).map((u) => attempt(u, true, 1000));
    expect(computeTrainerAnalytics(course, four).questions[0]!.result).toEqual({ suppressed: true, learners: '< 5' });
    const five = empty();
    five.quizAttempts = users(5).map((u) => attempt(u, u <= 4, 1000));
    expect(computeTrainerAnalytics(course, five).questions[0]!.result).toEqual({ suppressed: false, learners: 5, firstTryRightPercent: 80 });
  });

  it('counts only the earliest attempt of each learner, by time and not by row order', () => {
    const rows = empty();
    // Learners 1–3 were wrong first and right later; the later rows come first in the input.
    for (const u of users(3)) rows.quizAttempts.push(attempt(u, true, 5000), attempt(u, false, 1000));
    // Learners 4–6 were right at once and then tried again wrong.
    for (const u of users(3, 4)) rows.quizAttempts.push(attempt(u, true, 1000), attempt(u, false, 2000));
    // Two attempts at the same moment: the earlier row wins.
    rows.quizAttempts.push(attempt(7, false, 1000), attempt(7, true, 1000));
    const q = shown(computeTrainerAnalytics(course, rows).questions[0]!.result);
    expect(q.learners).toBe(7);
    expect(q.firstTryRightPercent).toBeCloseTo((3 / 7) * 100);
  });

  it('takes a final-quiz question from the learner\'s first final attempt, unanswered counting as wrong', () => {
    const rows = empty();
    for (const u of users(4)) rows.finalAttempts.push(final(u, 2000, []), final(u, 1000, ['f1']));
    rows.finalAttempts.push(final(5, 1000, ['f2'], true));
    const [f1, f2] = computeTrainerAnalytics(course, rows).finalQuestions.map((f) => shown(f.result));
    expect(f1).toMatchObject({ learners: 5, firstTryRightPercent: 20 });
    expect(f2).toMatchObject({ learners: 5, firstTryRightPercent: 80 });
  });
});

describe('choices at case decisions', () => {
  it('count the first time each learner stood at a point, across runs, with the best option marked', () => {
    const rows = empty();
    // Learner 1 first chose b at p1 (the case ended), then walked p1 a → p2 b, then p1 a → p2 a.
    rows.caseRuns.push(run(1, 1000, [['p1', 'b']]), run(1, 3000, [['p1', 'a'], ['p2', 'a']]), run(1, 2000, [['p1', 'a'], ['p2', 'b']]));
    for (const u of users(4, 2)) rows.caseRuns.push(run(u, 1000, [['p1', 'a'], ['p2', 'a']]));
    const [p1, p2] = computeTrainerAnalytics(course, rows).points;
    expect(p1).toMatchObject({ caseId: 'c1', caseTitle: 'Tapaus', lessonId: 'l2', pointId: 'p1' });
    expect(shown(p1!.result).options).toEqual([
      { id: 'a', text: 'Hyvä', best: true, learners: 4, percent: 80 },
      { id: 'b', text: 'Huono', best: false, learners: 1, percent: 20 },
    ]);
    expect(shown(p2!.result).options.map((o) => [o.id, o.learners])).toEqual([['a', 4], ['b', 1]]);
  });

  it('hide a point only four learners reached', () => {
    const rows = empty();
    rows.caseRuns.push(run(1, 1000, [['p1', 'b']]));
    for (const u of users(4, 2)) rows.caseRuns.push(run(u, 1000, [['p1', 'a'], ['p2', 'a']]));
    const [p1, p2] = computeTrainerAnalytics(course, rows).points;
    expect(shown(p1!.result).learners).toBe(5);
    expect(p2!.result).toEqual({ suppressed: true, learners: '< 5' });
  });
});

describe('where learners stop', () => {
  it('counts the furthest lesson opened by each learner who started but did not complete', () => {
    const rows = empty();
    // 1–2 reached l1, 3–5 reached l3 (one of them also opened l1 later), 6 only answered a question, 7 completed.
    rows.lessonViews.push({ userId: 1, lessonId: 'l1' }, { userId: 2, lessonId: 'l1' });
    for (const u of [3, 4, 5]) rows.lessonViews.push({ userId: u, lessonId: 'l3' });
    rows.lessonViews.push({ userId: 3, lessonId: 'l1' }, { userId: 7, lessonId: 'l3' });
    rows.quizAttempts.push(attempt(6, true, 1000));
    rows.finalAttempts.push(final(3, 1000, ['f1', 'f2']), final(4, 1000, []), final(7, 1000, []));
    rows.completedUserIds.push(7, 7);
    const report = computeTrainerAnalytics(course, rows);
    expect(report.started).toBe(7);
    expect(report.completed).toBe('< 5');
    const stops = shown(report.stops.result);
    expect(stops.learners).toBe(6);
    expect(stops.lessons.map((l) => [l.id, l.learners])).toEqual([['l1', 2], ['l2', 0], ['l3', 3]]);
    expect(stops.lessons[2]!.percent).toBe(50);
    expect(stops).toMatchObject({ noLesson: 1, noFinalAttempt: 4, finalNotPassed: 1 });
    expect(stops.noLessonPercent).toBeCloseTo(100 / 6);
  });

  it('hides the distribution when four learners have not completed', () => {
    const rows = empty();
    for (const u of users(9)) rows.lessonViews.push({ userId: u, lessonId: 'l1' });
    rows.completedUserIds.push(...users(5));
    const report = computeTrainerAnalytics(course, rows);
    expect(report).toMatchObject({ started: 9, completed: 5 });
    expect(report.stops.result).toEqual({ suppressed: true, learners: '< 5' });
  });

  it('shows learner counts only from five up', () => {
    expect(summariseLearners({ started: 4, completed: 0 })).toEqual({ started: '< 5', completed: '< 5' });
    expect(summariseLearners({ started: 5, completed: 5 })).toEqual({ started: 5, completed: 5 });
  });
});

describe('the course as the analytics read it', () => {
  it('lists the fixture course\'s lessons, questions, case points with the best choices, and final questions', () => {
    const fixture = loadFixtureCourse();
    const described = describeCourseForAnalytics(fixture.structure, { question: fixture.question, caseOf: fixture.caseOf }, fixture.finalQuestions);
    expect(described.lessons.map((l) => [l.id, l.questions.map((q) => q.id), l.cases.map((c) => c.id)])).toEqual([
      ['perusteet', ['tk-l1-k1', 'tk-l1-k2'], []],
      ['tapaus', [], ['tk-tapaus']],
    ]);
    const p2 = described.lessons[1]!.cases[0]!.points[1]!;
    expect(p2.options).toEqual([{ id: 'a', text: 'Sovin jatkosta', best: true }, { id: 'b', text: 'Annan esitteen', best: false }]);
    expect(described.finalQuestions.map((q) => q.id)).toEqual(['tk-loppu-1', 'tk-loppu-2', 'tk-loppu-3']);
  });
});
