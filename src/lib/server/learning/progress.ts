/**
 * Writing learning records and keeping completion current. Every write that
 * can change the answer re-evaluates the course rule in the same transaction
 * and records the completion the moment it happens; there is no cron.
 * Retries never double-count: lesson marks have natural keys, identical quiz
 * answers and case choices repeated within ten seconds are dropped, and final
 * quiz submissions carry a nonce.
 */
import type { DbClient } from '../db/client';
import {
  findCaseRun,
  findIdenticalQuizAttempt,
  findRecentCaseRun,
  insertCaseRun,
  insertCompletionOnce,
  insertFinalAttemptOnce,
  insertQuizAttempt,
  listCompletions,
  listFinalAttempts,
  loadRecordSets,
  recordLessonCompleted,
  recordProgressSummary,
  recordLessonView,
  touchCourseActivity,
  updateCaseRun,
  upsertReflection,
  type CaseRunRow,
  type FinalAttemptRow,
  type RecordKey,
} from '../db/learning';
import type { Case, Question } from '../../content/schema';
import { findCertificateByCompletion } from '../db/certificates';
import { issueCertificate, type CertificateIssuer } from '../certificates/issue';
import { isRenewalOpen } from '../certificates/status';
import { completionSnapshot, type CourseStructure } from '../../learning/structure';
import { evaluateCompletion, type CompletionStatus } from '../../learning/completion';
import { checkAnswer, gradeFinalQuiz, gradeQuestion, stepCase, type AnswerProblem, type GradedQuestion } from '../../learning/grading';
import { findAttendedCourseSession } from '../db/live-rosters';
import { formatDate } from '../../format';

/** Identical repeats within this window are the same submission sent twice. */
export const RETRY_WINDOW_MS = 10_000;

export interface Learner {
  userId: number;
  /** Who issues certificates; without one, completions are recorded and certificates wait. */
  issuer?: CertificateIssuer | null;
}

function keyFor(course: CourseStructure, userId: number): RecordKey {
  return { userId, courseId: course.id, version: course.version, contentHash: course.contentHash };
}

/** The learner's status in a course under its current version label. */
export function courseStatus(db: DbClient, course: CourseStructure, userId: number): CompletionStatus {
  const records = loadRecordSets(db, userId, course.id, course.version);
  return evaluateCompletion(course, course.requiresLiveSession ? { ...records, attendedLiveSession: findAttendedCourseSession(db, userId, course.id) !== undefined } : records);
}

/** The certificate facts of this completion: the course's, and the live session attended when the course requires one. */
function snapshotFor(db: DbClient, course: CourseStructure, userId: number) {
  const attended = course.requiresLiveSession ? findAttendedCourseSession(db, userId, course.id) : undefined;
  return completionSnapshot(course, attended ? { title: attended.title, date: formatDate(attended.startsAt) } : undefined);
}

/**
 * Re-evaluates the rule after a write and records the completion (and issues
 * its certificate) the moment the course becomes complete. A learner whose
 * certificate is within 90 days of expiring (or past it) renews by passing
 * the final quiz again: an attempt after the last completion starts a new
 * round. Runs inside the caller's transaction.
 */
export function settleCompletion(db: DbClient, course: CourseStructure, userId: number, now: Date, issuer?: CertificateIssuer | null): { status: CompletionStatus; newlyCompleted: boolean } {
  const status = courseStatus(db, course, userId);
  recordProgressSummary(db, userId, course.id, course.version, status.percent);
  if (!status.complete) return { status, newlyCompleted: false };
  const rounds = listCompletions(db, userId, course.id).filter((c) => c.version === course.version).sort((a, b) => b.round - a.round);
  const latest = rounds[0];
  let completion = latest;
  let newlyCompleted = false;
  if (!latest) {
    const inserted = insertCompletionOnce(db, { userId, courseId: course.id, version: course.version, round: 1, contentHash: course.contentHash, completedAt: now, snapshot: snapshotFor(db, course, userId) });
    completion = inserted.completion;
    newlyCompleted = inserted.created;
  } else {
    const cert = findCertificateByCompletion(db, latest.id);
    const renewing = cert && isRenewalOpen(cert, now);
    if (renewing && bestFinalScoreSince(db, userId, course, latest.completedAt) >= course.minFinalScore) {
      const inserted = insertCompletionOnce(db, { userId, courseId: course.id, version: course.version, round: latest.round + 1, contentHash: course.contentHash, completedAt: now, snapshot: snapshotFor(db, course, userId) });
      completion = inserted.completion;
      newlyCompleted = inserted.created;
    }
  }
  if (completion && issuer) issueCertificate(db, completion, issuer);
  return { status, newlyCompleted };
}

/** The best final-quiz score of this version submitted after `since`, or -1. */
function bestFinalScoreSince(db: DbClient, userId: number, course: CourseStructure, since: Date): number {
  const attempts = listFinalAttempts(db, userId, course.id).filter((a) => a.version === course.version && a.submittedAt.getTime() > since.getTime());
  return attempts.length ? Math.max(...attempts.map((a) => a.scorePercent)) : -1;
}

/** A lesson was opened (the view beacon). */
export function recordView(db: DbClient, course: CourseStructure, lessonId: string, learner: Learner, now: Date): void {
  db.transaction((tx) => {
    recordLessonView(tx, keyFor(course, learner.userId), lessonId, now);
    touchCourseActivity(tx, learner.userId, course.id, now);
  });
}

/** "Merkitse luetuksi". */
export function markRead(db: DbClient, course: CourseStructure, lessonId: string, learner: Learner, now: Date) {
  return db.transaction((tx) => {
    recordLessonCompleted(tx, keyFor(course, learner.userId), lessonId, now);
    touchCourseActivity(tx, learner.userId, course.id, now);
    return settleCompletion(tx, course, learner.userId, now, learner.issuer);
  });
}

export type QuizAnswerResult = { ok: true; graded: GradedQuestion; duplicate: boolean; status: CompletionStatus } | { ok: false; problem: AnswerProblem };

/** Grades and records a lesson quiz answer. */
export function answerQuestion(db: DbClient, course: CourseStructure, lessonId: string, question: Question, chosen: string[], learner: Learner, now: Date): QuizAnswerResult {
  const problem = checkAnswer(question, chosen);
  if (problem) return { ok: false, problem };
  const graded = gradeQuestion(question, chosen);
  return db.transaction((tx) => {
    const repeat = findIdenticalQuizAttempt(tx, learner.userId, question.id, graded.answer, new Date(now.getTime() - RETRY_WINDOW_MS));
    if (!repeat) {
      insertQuizAttempt(tx, { ...keyFor(course, learner.userId), lessonId, questionId: question.id, answer: graded.answer, correct: graded.correct, createdAt: now });
      touchCourseActivity(tx, learner.userId, course.id, now);
    }
    const { status } = settleCompletion(tx, course, learner.userId, now, learner.issuer);
    return { ok: true as const, graded, duplicate: Boolean(repeat), status };
  });
}

export type CaseChoiceResult =
  | { ok: true; run: CaseRunRow; step: Extract<ReturnType<typeof stepCase>, { ok: true }>; duplicate: boolean; status: CompletionStatus }
  | { ok: false; problem: 'unknown_point' | 'unknown_option' | 'not_current' | 'run_not_found' };

/**
 * Takes a choice in a branching case. Without `runId` a new walk starts at
 * the case's first point; with it, the choice must be for the run's current
 * point. The same choice sent again within ten seconds returns the same step.
 */
export function chooseInCase(db: DbClient, course: CourseStructure, lessonId: string, c: Case, input: { runId?: number; pointId: string; optionId: string }, learner: Learner, now: Date): CaseChoiceResult {
  const step = stepCase(c, input.pointId, input.optionId);
  if (!step.ok) return step;
  return db.transaction((tx) => {
    const since = new Date(now.getTime() - RETRY_WINDOW_MS);
    let run: CaseRunRow | undefined;
    if (input.runId === undefined) {
      if (input.pointId !== c.start) return { ok: false as const, problem: 'not_current' as const };
      const recent = findRecentCaseRun(tx, learner.userId, c.id, since);
      const first = recent?.path[0];
      if (recent && recent.path.length === 1 && first?.point === input.pointId && first.option === input.optionId) {
        return { ok: true as const, run: recent, step, duplicate: true, status: settleCompletion(tx, course, learner.userId, now, learner.issuer).status };
      }
      run = insertCaseRun(tx, { ...keyFor(course, learner.userId), lessonId, caseId: c.id, startedAt: now, updatedAt: now, currentPoint: c.start, path: [] });
    } else {
      run = findCaseRun(tx, input.runId);
      if (!run || run.userId !== learner.userId || run.caseId !== c.id) return { ok: false as const, problem: 'run_not_found' as const };
      const last = run.path.at(-1);
      if (last && last.point === input.pointId && last.option === input.optionId && run.updatedAt.getTime() >= since.getTime()) {
        return { ok: true as const, run, step, duplicate: true, status: settleCompletion(tx, course, learner.userId, now, learner.issuer).status };
      }
      if (run.currentPoint !== input.pointId) return { ok: false as const, problem: 'not_current' as const };
    }
    const path = [...run.path, { point: input.pointId, option: input.optionId, at: now.getTime() }];
    const ended = step.next.kind === 'ending';
    const values = ended
      ? { currentPoint: null, endingId: step.next.id, outcome: (step.next as { outcome: 'good' | 'mixed' | 'poor' }).outcome, path, updatedAt: now }
      : { currentPoint: step.next.id, path, updatedAt: now };
    updateCaseRun(tx, run.id, values);
    touchCourseActivity(tx, learner.userId, course.id, now);
    const { status } = settleCompletion(tx, course, learner.userId, now, learner.issuer);
    return { ok: true as const, run: { ...run, ...values, endingId: values.endingId ?? null, outcome: values.outcome ?? null }, step, duplicate: false, status };
  });
}

export const REFLECTION_MAX_LENGTH = 10_000;

/** Saves a private reflection (the latest text wins). */
export function saveReflection(db: DbClient, course: CourseStructure, lessonId: string, reflectionId: string, text: string, learner: Learner, now: Date): void {
  db.transaction((tx) => {
    upsertReflection(tx, { userId: learner.userId, reflectionId, courseId: course.id, lessonId, version: course.version, text, updatedAt: now });
    touchCourseActivity(tx, learner.userId, course.id, now);
  });
}

export type FinalSubmitResult =
  | { ok: true; attempt: FinalAttemptRow; duplicate: boolean; status: CompletionStatus; newlyCompleted: boolean }
  | { ok: false; problem: AnswerProblem | 'unknown_question'; questionId: string };

/** Grades and records a final quiz submission; the same nonce twice is one attempt. */
export function submitFinalQuiz(db: DbClient, course: CourseStructure, questions: readonly Question[], answers: Record<string, string[]>, nonce: string, learner: Learner, now: Date): FinalSubmitResult {
  const graded = gradeFinalQuiz(questions, answers);
  if (!graded.ok) return { ok: false, problem: graded.problem, questionId: graded.questionId };
  const r = graded.result;
  return db.transaction((tx) => {
    const { attempt, created } = insertFinalAttemptOnce(tx, {
      ...keyFor(course, learner.userId),
      nonce,
      submittedAt: now,
      scorePercent: r.scorePercent,
      correctCount: r.correctCount,
      questionCount: r.questionCount,
      passed: r.scorePercent >= course.minFinalScore,
      answers: r.answers,
      wrongQuestionIds: r.wrongQuestionIds,
    });
    if (created) touchCourseActivity(tx, learner.userId, course.id, now);
    const settled = settleCompletion(tx, course, learner.userId, now, learner.issuer);
    return { ok: true as const, attempt, duplicate: !created, status: settled.status, newlyCompleted: settled.newlyCompleted };
  });
}
