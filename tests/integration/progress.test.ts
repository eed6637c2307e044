import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion, chooseInCase, courseStatus, markRead, recordView, RETRY_WINDOW_MS, saveReflection, submitFinalQuiz } from '../../src/lib/server/learning/progress';
import { findLessonProgress, findReflection, listCompletions, listFinalAttempts } from '../../src/lib/server/db/learning';
import { courseProgress, hasRecordsOfOtherVersion } from '../../src/lib/server/learning/overview';
import { createFinalNonce, ensureAppSecret, verifyFinalNonce, NONCE_MAX_AGE_MS } from '../../src/lib/server/learning/final-nonce';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons } from '../helpers/complete-course';

let t: TestContext;
let userId: number;
const fixture = loadFixtureCourse();
const course = fixture.structure;
beforeEach(async () => {
  t = createTestContext();
  userId = (await createUser(t.db.db, { email: 'oppija@example.fi' })).id;
});
afterEach(() => t.db.cleanup());

const count = (table: string) => (t.db.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

function completeEverything(version = fixture): void {
  completeLessons(t.db.db, version, { userId }, t.now());
}

describe('progress records', () => {
  it('keep one row per learner, lesson and version however often a lesson is viewed or marked', () => {
    recordView(t.db.db, course, 'perusteet', { userId }, t.now());
    t.advance(60_000);
    recordView(t.db.db, course, 'perusteet', { userId }, t.now());
    markRead(t.db.db, course, 'perusteet', { userId }, t.now());
    t.advance(60_000);
    markRead(t.db.db, course, 'perusteet', { userId }, t.now());
    const rows = findLessonProgress(t.db.db, userId, course.id, '1.0');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.firstViewedAt!.getTime()).toBe(new Date('2026-11-23T10:00:00Z').getTime());
    expect(rows[0]!.completedAt!.getTime()).toBe(new Date('2026-11-23T10:01:00Z').getTime());
    expect(rows[0]).toMatchObject({ version: '1.0', contentHash: 'hash-1.0' });
  });

  it('drop an identical quiz answer repeated within ten seconds but keep a second, different attempt', () => {
    const q = fixture.question('tk-l1-k1');
    const first = answerQuestion(t.db.db, course, 'perusteet', q, ['b'], { userId }, t.now());
    expect(first.ok && first.graded.correct).toBe(false);
    t.advance(2000);
    expect(answerQuestion(t.db.db, course, 'perusteet', q, ['b'], { userId }, t.now())).toMatchObject({ ok: true, duplicate: true });
    expect(count('quiz_attempt')).toBe(1);
    expect(answerQuestion(t.db.db, course, 'perusteet', q, ['a'], { userId }, t.now())).toMatchObject({ ok: true, duplicate: false });
    t.advance(RETRY_WINDOW_MS + 1);
    expect(answerQuestion(t.db.db, course, 'perusteet', q, ['a'], { userId }, t.now())).toMatchObject({ ok: true, duplicate: false });
    expect(count('quiz_attempt')).toBe(3);
  });

  it('write nothing for tampered answers', () => {
    expect(answerQuestion(t.db.db, course, 'perusteet', fixture.question('tk-l1-k1'), ['a', 'b'], { userId }, t.now())).toEqual({ ok: false, problem: 'too_many' });
    expect(answerQuestion(t.db.db, course, 'perusteet', fixture.question('tk-l1-k1'), ['x'], { userId }, t.now())).toEqual({ ok: false, problem: 'unknown_option' });
    expect(count('quiz_attempt')).toBe(0);
    expect(count('course_activity')).toBe(0);
  });

  it('record the path and ending of a case, refuse out-of-order steps, and treat a resent step as the same', () => {
    const c = fixture.caseOf('tk-tapaus');
    expect(chooseInCase(t.db.db, course, 'tapaus', c, { pointId: 'p2', optionId: 'a' }, { userId }, t.now())).toEqual({ ok: false, problem: 'not_current' });
    const one = chooseInCase(t.db.db, course, 'tapaus', c, { pointId: 'p1', optionId: 'a' }, { userId }, t.now());
    if (!one.ok) throw new Error(one.problem);
    const again = chooseInCase(t.db.db, course, 'tapaus', c, { pointId: 'p1', optionId: 'a' }, { userId }, t.now());
    expect(again.ok && again.duplicate && again.run.id).toBe(one.run.id);
    expect(chooseInCase(t.db.db, course, 'tapaus', c, { runId: one.run.id, pointId: 'p3', optionId: 'a' }, { userId }, t.now())).toEqual({ ok: false, problem: 'not_current' });
    const two = chooseInCase(t.db.db, course, 'tapaus', c, { runId: one.run.id, pointId: 'p2', optionId: 'b' }, { userId }, t.now());
    expect(two.ok && two.step.next).toEqual({ kind: 'point', id: 'p3' });
    const end = chooseInCase(t.db.db, course, 'tapaus', c, { runId: one.run.id, pointId: 'p3', optionId: 'b' }, { userId }, t.now());
    expect(end.ok && end.run).toMatchObject({ endingId: 'kohtalainen', outcome: 'mixed', currentPoint: null });
    expect(end.ok && end.run.path.map((s) => `${s.point}:${s.option}`)).toEqual(['p1:a', 'p2:b', 'p3:b']);
    // Someone else's run is not found.
    expect(chooseInCase(t.db.db, course, 'tapaus', c, { runId: one.run.id, pointId: 'p3', optionId: 'a' }, { userId: userId + 1 }, t.now())).toEqual({ ok: false, problem: 'run_not_found' });
    expect(count('case_run')).toBe(1);
  });

  it('keep reflections private and the latest text', () => {
    saveReflection(t.db.db, course, 'tapaus', 'tk-pohdinta', 'Ensimmäinen ajatus', { userId }, t.now());
    saveReflection(t.db.db, course, 'tapaus', 'tk-pohdinta', 'Tarkempi ajatus', { userId }, t.now());
    expect(findReflection(t.db.db, userId, 'tk-pohdinta')?.text).toBe('Tarkempi ajatus');
    expect(count('reflection')).toBe(1);
  });
});

describe('completion', () => {
  it('is recorded the moment the last requirement is met, once, and counts the best final attempt', () => {
    completeEverything();
    expect(courseStatus(t.db.db, course, userId).missing).toEqual([{ kind: 'final', required: 80, best: null }]);
    const fail = submitFinalQuiz(t.db.db, course, fixture.finalQuestions, { 'tk-loppu-1': ['b'], 'tk-loppu-2': ['a', 'b'], 'tk-loppu-3': ['a'] }, 'nonce-1', { userId }, t.now());
    expect(fail.ok && fail.attempt.scorePercent).toBe(67);
    expect(listCompletions(t.db.db, userId)).toHaveLength(0);
    const pass = submitFinalQuiz(t.db.db, course, fixture.finalQuestions, { 'tk-loppu-1': ['a'], 'tk-loppu-2': ['a', 'b'], 'tk-loppu-3': ['a'] }, 'nonce-2', { userId }, t.now());
    expect(pass.ok && pass.newlyCompleted).toBe(true);
    // A later, worse attempt does not undo the completion.
    submitFinalQuiz(t.db.db, course, fixture.finalQuestions, {}, 'nonce-3', { userId }, t.now());
    expect(courseStatus(t.db.db, course, userId)).toMatchObject({ complete: true, percent: 100 });
    expect(listCompletions(t.db.db, userId)).toHaveLength(1);
    expect(courseProgress(t.db.db, course, userId)).toMatchObject({ bestFinalScore: 100, finalAttempts: 3 });
  });

  it('counts a resubmitted final quiz (same nonce) once', () => {
    const answers = { 'tk-loppu-1': ['a'] };
    const a = submitFinalQuiz(t.db.db, course, fixture.finalQuestions, answers, 'same-nonce', { userId }, t.now());
    const b = submitFinalQuiz(t.db.db, course, fixture.finalQuestions, answers, 'same-nonce', { userId }, t.now());
    expect(a.ok && b.ok && b.duplicate && a.attempt.id === b.attempt.id).toBe(true);
    expect(listFinalAttempts(t.db.db, userId, course.id)).toHaveLength(1);
  });

  it('does not count records of an earlier version label after a new one', () => {
    completeEverything();
    submitFinalQuiz(t.db.db, course, fixture.finalQuestions, { 'tk-loppu-1': ['a'], 'tk-loppu-2': ['a', 'b'], 'tk-loppu-3': ['a'] }, 'n', { userId }, t.now());
    expect(courseStatus(t.db.db, course, userId).complete).toBe(true);
    const v2 = loadFixtureCourse('2.0');
    const status = courseStatus(t.db.db, v2.structure, userId);
    expect(status.complete).toBe(false);
    expect(status.percent).toBe(0);
    expect(hasRecordsOfOtherVersion(t.db.db, userId, v2.structure)).toBe(true);
    expect(hasRecordsOfOtherVersion(t.db.db, userId, course)).toBe(false);
    // The earlier completion stays in history.
    expect(listCompletions(t.db.db, userId).map((c) => c.version)).toEqual(['1.0']);
  });

  it('counts records made under another content hash of the same label', () => {
    completeEverything();
    const typoFixed = { ...course, contentHash: 'hash-after-typo-fix' };
    submitFinalQuiz(t.db.db, typoFixed, fixture.finalQuestions, { 'tk-loppu-1': ['a'], 'tk-loppu-2': ['a', 'b'], 'tk-loppu-3': ['a'] }, 'n2', { userId }, t.now());
    expect(courseStatus(t.db.db, typoFixed, userId).complete).toBe(true);
    const hashes = t.db.sqlite.prepare('SELECT DISTINCT content_hash AS h FROM final_attempt UNION SELECT DISTINCT content_hash FROM lesson_progress').all() as { h: string }[];
    expect(hashes.map((r) => r.h).sort()).toEqual(['hash-1.0', 'hash-after-typo-fix']);
  });
});

describe('final quiz nonces', () => {
  it('verify only for the same learner and course, untampered and fresh', () => {
    const secret = ensureAppSecret(t.db.db, t.now());
    expect(ensureAppSecret(t.db.db, t.now())).toBe(secret);
    const nonce = createFinalNonce(secret, 7, 'testikurssi', t.now());
    expect(verifyFinalNonce(secret, nonce, 7, 'testikurssi', t.now())).toBe(true);
    expect(verifyFinalNonce(secret, nonce, 8, 'testikurssi', t.now())).toBe(false);
    expect(verifyFinalNonce(secret, nonce, 7, 'muu', t.now())).toBe(false);
    expect(verifyFinalNonce(secret, `${nonce.slice(0, -1)}${nonce.endsWith('A') ? 'B' : 'A'}`, 7, 'testikurssi', t.now())).toBe(false);
    expect(verifyFinalNonce(secret, nonce, 7, 'testikurssi', new Date(t.now().getTime() + NONCE_MAX_AGE_MS + 1))).toBe(false);
  });
});
