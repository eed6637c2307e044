import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion, chooseInCase, recordView, submitFinalQuiz } from '../../src/lib/server/learning/progress';
import { countCourseLearners, listRecordedVersions, loadAnalyticsRows } from '../../src/lib/server/db/analytics';
import { computeTrainerAnalytics, describeCourseForAnalytics, type Figure } from '../../src/lib/reporting/trainer-analytics';
import { canViewCourseAnalytics, listAnalyticsCourseIds } from '../../src/lib/server/learning/trainer-access';
import { changeTrainerCourses } from '../../src/lib/server/accounts/admin-users';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse, type FixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal, PASSING_FINAL } from '../helpers/complete-course';

let t: TestContext;
const v1 = loadFixtureCourse('1.0');
const v2 = loadFixtureCourse('2.0');
beforeEach(() => {
  t = createTestContext();
});
afterEach(() => t.db.cleanup());

const MINUTE = 60_000;
let learnerCount = 0;
async function learner(): Promise<number> {
  learnerCount += 1;
  return (await createUser(t.db.db, { email: `oppija${learnerCount}@example.fi`, name: `Oppija Nimi${learnerCount}` })).id;
}

/** Moves the clock on, so every record has its own time. */
function later(): Date {
  t.advance(MINUTE);
  return t.now();
}

function walkCase(fixture: FixtureCourse, userId: number, choices: string[]): void {
  const c = fixture.caseOf('tk-tapaus');
  const points = ['p1', 'p2', 'p3'];
  let runId: number | undefined;
  for (const [i, optionId] of choices.entries()) {
    const step = chooseInCase(t.db.db, fixture.structure, 'tapaus', c, { runId, pointId: points[i]!, optionId }, { userId }, later());
    if (!step.ok) throw new Error(step.problem);
    runId = step.run.id;
  }
}

const failFinal = (fixture: FixtureCourse, userId: number, nonce: string) =>
  submitFinalQuiz(t.db.db, fixture.structure, fixture.finalQuestions, { ...PASSING_FINAL, 'tk-loppu-1': ['b'] }, nonce, { userId }, later());

/** The details of a figure that must be shown; fails the test when it is suppressed. */
function shown<T>(f: Figure<T>) {
  if (f.suppressed) throw new Error('suppressed');
  return f;
}

function report(fixture: FixtureCourse, version: string) {
  const course = describeCourseForAnalytics(fixture.structure, { question: fixture.question, caseOf: fixture.caseOf }, fixture.finalQuestions);
  return computeTrainerAnalytics(course, loadAnalyticsRows(t.db.db, 'testikurssi', version));
}

/**
 * Ten learners under version 1.0: five complete (one answered the first
 * question wrong first, one ended the case badly first, one took a weaker
 * path first, one failed the final first); two only opened the first lesson;
 * three did every lesson, and one of those failed the final.
 */
async function seedVersionOne(): Promise<void> {
  const done = await Promise.all([1, 2, 3, 4, 5].map(() => learner()));
  answerQuestion(t.db.db, v1.structure, 'perusteet', v1.question('tk-l1-k1'), ['b'], { userId: done[0]! }, later());
  walkCase(v1, done[1]!, ['b']);
  walkCase(v1, done[2]!, ['a', 'b', 'b']);
  failFinal(v1, done[3]!, 'hylatty-4');
  for (const [i, userId] of done.entries()) {
    completeLessons(t.db.db, v1, { userId }, later());
    passFinal(t.db.db, v1, { userId }, `hyvaksytty-${i}`, later());
  }
  for (let i = 0; i < 2; i += 1) recordView(t.db.db, v1.structure, 'perusteet', { userId: await learner() }, later());
  const [early, steady, failing] = await Promise.all([learner(), learner(), learner()]);
  answerQuestion(t.db.db, v1.structure, 'perusteet', v1.question('tk-l1-k1'), ['b'], { userId: early }, later());
  for (const userId of [early, steady, failing]) completeLessons(t.db.db, v1, { userId }, later());
  failFinal(v1, failing, 'hylatty-10');
}

describe('trainer analytics over real records', () => {
  it('give first-try shares, first choices at each decision and where learners stop', async () => {
    await seedVersionOne();
    expect(countCourseLearners(t.db.db, 'testikurssi', '1.0')).toEqual({ started: 10, completed: 5 });
    const r = report(v1, '1.0');
    expect(r).toMatchObject({ started: 10, completed: 5 });

    const questions = Object.fromEntries(r.questions.map((q) => [q.id, shown(q.result)]));
    expect(questions['tk-l1-k1']).toMatchObject({ learners: 8, firstTryRightPercent: 75 });
    expect(questions['tk-l1-k2']).toMatchObject({ learners: 8, firstTryRightPercent: 100 });
    const finals = r.finalQuestions.map((q) => [q.id, shown(q.result).learners, Math.round(shown(q.result).firstTryRightPercent)]);
    expect(finals).toEqual([['tk-loppu-1', 6, 67], ['tk-loppu-2', 6, 100], ['tk-loppu-3', 6, 100]]);

    const choices = r.points.map((p) => [p.pointId, shown(p.result).options.map((o) => `${o.id}${o.best ? '*' : ''}=${o.learners}`).join(' ')]);
    expect(choices).toEqual([['p1', 'a*=7 b=1'], ['p2', 'a*=7 b=1'], ['p3', 'a*=7 b=1']]);

    const stops = shown(r.stops.result);
    expect(stops.learners).toBe(5);
    expect(stops.lessons.map((l) => [l.id, l.learners])).toEqual([['perusteet', 2], ['tapaus', 3]]);
    expect(stops).toMatchObject({ noLesson: 0, noFinalAttempt: 4, finalNotPassed: 1 });
    expect(JSON.stringify(r)).not.toMatch(/Nimi|@example/);
  });

  it('hide every figure of a version label only four learners have, and keep versions apart', async () => {
    await seedVersionOne();
    for (let i = 0; i < 4; i += 1) {
      const userId = await learner();
      completeLessons(t.db.db, v2, { userId }, later());
      passFinal(t.db.db, v2, { userId }, `v2-${i}`, later());
    }
    expect(listRecordedVersions(t.db.db, 'testikurssi')).toEqual(['2.0', '1.0']);
    expect(countCourseLearners(t.db.db, 'testikurssi', '2.0')).toEqual({ started: 4, completed: 4 });
    const r = report(v2, '2.0');
    expect(r).toMatchObject({ started: '< 5', completed: '< 5' });
    const hidden = { suppressed: true, learners: '< 5' };
    for (const f of [...r.questions, ...r.finalQuestions, ...r.points]) expect(f.result).toEqual(hidden);
    expect(r.stops.result).toEqual(hidden);
    // Version 1.0 still counts its own ten learners.
    expect(report(v1, '1.0').started).toBe(10);
  });

  it('count nothing for a course without records', () => {
    expect(countCourseLearners(t.db.db, 'testikurssi', '1.0')).toEqual({ started: 0, completed: 0 });
    expect(listRecordedVersions(t.db.db, 'testikurssi')).toEqual([]);
    expect(report(v1, '1.0')).toMatchObject({ started: '< 5', completed: '< 5' });
  });
});

describe('who may see a course\'s analytics', () => {
  it('a trainer assigned to the course and an admin; not another trainer or a learner', async () => {
    const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'] });
    const assigned = await createUser(t.db.db, { email: 'kouluttaja@example.fi', roles: ['trainer'] });
    const other = await createUser(t.db.db, { email: 'toinen@example.fi', roles: ['trainer'] });
    const plain = await createUser(t.db.db, { email: 'oppija@example.fi' });
    const manager = await createUser(t.db.db, { email: 'esihenkilo@example.fi', roles: ['manager'] });
    expect(changeTrainerCourses(t.ctx(), admin.id, assigned.id, ['testikurssi'])).toEqual({ ok: true });
    // The learner is (wrongly) listed for the course too: the role decides, not the row.
    t.db.sqlite.prepare('INSERT INTO course_trainer (user_id, course_id) VALUES (?, ?)').run(plain.id, 'testikurssi');

    expect(canViewCourseAnalytics(t.db.db, assigned, 'testikurssi')).toBe(true);
    expect(canViewCourseAnalytics(t.db.db, assigned, 'muu-kurssi')).toBe(false);
    expect(canViewCourseAnalytics(t.db.db, other, 'testikurssi')).toBe(false);
    expect(canViewCourseAnalytics(t.db.db, admin, 'testikurssi')).toBe(true);
    expect(canViewCourseAnalytics(t.db.db, admin, 'muu-kurssi')).toBe(true);
    expect(canViewCourseAnalytics(t.db.db, plain, 'testikurssi')).toBe(false);
    expect(canViewCourseAnalytics(t.db.db, manager, 'testikurssi')).toBe(false);

    const all = ['testikurssi', 'muu-kurssi'];
    expect(listAnalyticsCourseIds(t.db.db, assigned, all)).toEqual(['testikurssi']);
    expect(listAnalyticsCourseIds(t.db.db, other, all)).toEqual([]);
    expect(listAnalyticsCourseIds(t.db.db, admin, all)).toEqual(all);
    expect(listAnalyticsCourseIds(t.db.db, plain, all)).toEqual([]);
  });
});
