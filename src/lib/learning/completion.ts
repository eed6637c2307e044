/**
 * The completion rule engine: a pure function from a course's rule and one
 * learner's records (already limited to the course's current version label)
 * to whether the course is complete and, if not, what is missing. It runs on
 * every write that could change the answer, so status is current at once.
 *
 * A lesson is complete when it is marked read and its activities are done
 * (every quiz question answered, every case walked to an ending); the course
 * is complete when every required lesson is complete and the best final-quiz
 * score reaches the minimum.
 */
import type { CourseStructure } from './structure';

export interface LearnerRecords {
  /** Lessons marked read. */
  readLessonIds: ReadonlySet<string>;
  /** Lesson quiz questions answered at least once. */
  answeredQuestionIds: ReadonlySet<string>;
  /** Cases walked to an ending at least once. */
  finishedCaseIds: ReadonlySet<string>;
  /** Best final-quiz score in percent, or null when never taken. */
  bestFinalScore: number | null;
  /** Attended a live session of the course (only read when the course requires one). */
  attendedLiveSession?: boolean;
}

export type LessonPart = { kind: 'read' } | { kind: 'quiz'; id: string } | { kind: 'case'; id: string };

export type Missing =
  | { kind: 'lesson'; lessonId: string; title: string; parts: LessonPart[] }
  | { kind: 'final'; required: number; best: number | null }
  | { kind: 'live' };

export interface CompletionStatus {
  complete: boolean;
  missing: Missing[];
  /** Share of required work done, 0–100, whole numbers. */
  percent: number;
  /** The first required lesson not yet complete (for "Jatka"), or undefined. */
  nextLessonId?: string;
  /** Lessons complete (required or not). */
  completedLessonIds: string[];
}

/** What is still to do in one lesson. */
export function missingParts(lesson: CourseStructure['lessons'][number], records: LearnerRecords): LessonPart[] {
  const parts: LessonPart[] = [];
  if (!records.readLessonIds.has(lesson.id)) parts.push({ kind: 'read' });
  for (const id of lesson.quizIds) if (!records.answeredQuestionIds.has(id)) parts.push({ kind: 'quiz', id });
  for (const id of lesson.caseIds) if (!records.finishedCaseIds.has(id)) parts.push({ kind: 'case', id });
  return parts;
}

/** Evaluates the course rule for one learner. */
export function evaluateCompletion(course: CourseStructure, records: LearnerRecords): CompletionStatus {
  const required = new Set(course.requiredLessonIds);
  const missing: Missing[] = [];
  const completedLessonIds: string[] = [];
  let units = 0;
  let done = 0;
  let nextLessonId: string | undefined;
  for (const lesson of [...course.lessons].sort((a, b) => a.order - b.order)) {
    const parts = missingParts(lesson, records);
    if (parts.length === 0) completedLessonIds.push(lesson.id);
    if (!required.has(lesson.id)) continue;
    const lessonUnits = 1 + lesson.quizIds.length + lesson.caseIds.length;
    units += lessonUnits;
    done += lessonUnits - parts.length;
    if (parts.length) {
      missing.push({ kind: 'lesson', lessonId: lesson.id, title: lesson.title, parts });
      nextLessonId ??= lesson.id;
    }
  }
  const finalPassed = records.bestFinalScore !== null && records.bestFinalScore >= course.minFinalScore;
  if (course.finalQuestionIds.length > 0) {
    units += 1;
    if (finalPassed) done += 1;
    else missing.push({ kind: 'final', required: course.minFinalScore, best: records.bestFinalScore });
  }
  if (course.requiresLiveSession) {
    units += 1;
    if (records.attendedLiveSession) done += 1;
    else missing.push({ kind: 'live' });
  }
  return {
    complete: missing.length === 0,
    missing,
    percent: units === 0 ? 100 : Math.floor((done / units) * 100),
    nextLessonId,
    completedLessonIds,
  };
}

/** The missing items in Finnish, one line each, for the course page and "Omat kurssit". */
export function describeMissing(items: Missing[], questionLabel: (id: string) => string = () => 'tehtävä', caseLabel: (id: string) => string = () => 'asiakastapaus'): string[] {
  return items.map((item) => {
    if (item.kind === 'live') return 'Koulutustilaisuus: osallistu yhteen kurssin verkko- tai lähitilaisuuteen (Koulutustilaisuudet)';
    if (item.kind === 'final') {
      return item.best === null ? `Loppukoe: vähintään ${item.required} % (ei vielä tehty)` : `Loppukoe: vähintään ${item.required} % (paras tuloksesi ${item.best} %)`;
    }
    const what = item.parts.map((p) => (p.kind === 'read' ? 'merkitse luetuksi' : p.kind === 'quiz' ? `vastaa: ${questionLabel(p.id)}` : `käy läpi: ${caseLabel(p.id)}`));
    return `${item.title}: ${what.join('; ')}`;
  });
}
