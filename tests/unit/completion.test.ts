import { describe, expect, it } from 'vitest';
import { describeMissing, evaluateCompletion, type LearnerRecords } from '../../src/lib/learning/completion';
import type { CourseStructure } from '../../src/lib/learning/structure';

const course: CourseStructure = {
  id: 'k',
  title: 'Kurssi',
  version: '1.0',
  contentHash: 'h',
  lessons: [
    { id: 'yksi', title: 'Yksi', order: 1, minutes: 10, optional: false, quizIds: ['q1', 'q2'], caseIds: [], reflectionIds: ['r1'] },
    { id: 'kaksi', title: 'Kaksi', order: 2, minutes: 10, optional: false, quizIds: [], caseIds: ['c1'], reflectionIds: [] },
    { id: 'lisa', title: 'Lisä', order: 3, minutes: 5, optional: true, quizIds: ['q3'], caseIds: [], reflectionIds: [] },
  ],
  requiredLessonIds: ['yksi', 'kaksi'],
  minFinalScore: 80,
  finalQuestionIds: ['f1'],
};

const records = (r: Partial<{ read: string[]; answered: string[]; cases: string[]; best: number | null }> = {}): LearnerRecords => ({
  readLessonIds: new Set(r.read ?? []),
  answeredQuestionIds: new Set(r.answered ?? []),
  finishedCaseIds: new Set(r.cases ?? []),
  bestFinalScore: r.best ?? null,
});

describe('the completion rule engine', () => {
  it('lists everything missing for a newcomer, in lesson order', () => {
    const s = evaluateCompletion(course, records());
    expect(s.complete).toBe(false);
    expect(s.percent).toBe(0);
    expect(s.nextLessonId).toBe('yksi');
    expect(s.missing).toEqual([
      { kind: 'lesson', lessonId: 'yksi', title: 'Yksi', parts: [{ kind: 'read' }, { kind: 'quiz', id: 'q1' }, { kind: 'quiz', id: 'q2' }] },
      { kind: 'lesson', lessonId: 'kaksi', title: 'Kaksi', parts: [{ kind: 'read' }, { kind: 'case', id: 'c1' }] },
      { kind: 'final', required: 80, best: null },
    ]);
  });

  it('needs both the read mark and the activities for a lesson', () => {
    const readOnly = evaluateCompletion(course, records({ read: ['yksi'] }));
    expect(readOnly.missing[0]).toMatchObject({ lessonId: 'yksi', parts: [{ kind: 'quiz', id: 'q1' }, { kind: 'quiz', id: 'q2' }] });
    const activitiesOnly = evaluateCompletion(course, records({ answered: ['q1', 'q2'] }));
    expect(activitiesOnly.missing[0]).toMatchObject({ lessonId: 'yksi', parts: [{ kind: 'read' }] });
    expect(evaluateCompletion(course, records({ read: ['yksi'], answered: ['q1', 'q2'] })).completedLessonIds).toEqual(['yksi']);
  });

  it('does not require optional lessons or reflections', () => {
    const s = evaluateCompletion(course, records({ read: ['yksi', 'kaksi'], answered: ['q1', 'q2'], cases: ['c1'], best: 80 }));
    expect(s).toMatchObject({ complete: true, missing: [], percent: 100, nextLessonId: undefined });
  });

  it('takes the best final score against the minimum', () => {
    const done = { read: ['yksi', 'kaksi'], answered: ['q1', 'q2'], cases: ['c1'] };
    expect(evaluateCompletion(course, records({ ...done, best: 79 })).missing).toEqual([{ kind: 'final', required: 80, best: 79 }]);
    expect(evaluateCompletion(course, records({ ...done, best: 79 })).percent).toBe(83);
    expect(evaluateCompletion(course, records({ ...done, best: 100 })).complete).toBe(true);
  });

  it('counts progress by units of work', () => {
    // 3 units in "yksi" (read + two questions; reflections do not count), 2 in "kaksi", 1 for the final: 3 done of 6.
    expect(evaluateCompletion(course, records({ read: ['yksi'], answered: ['q1', 'q2'] })).percent).toBe(50);
  });

  it('explains what is missing in Finnish', () => {
    const lines = describeMissing(evaluateCompletion(course, records({ best: 60 })).missing, (id) => `kysymys ${id}`, (id) => `tapaus ${id}`);
    expect(lines).toEqual([
      'Yksi: merkitse luetuksi; vastaa: kysymys q1; vastaa: kysymys q2',
      'Kaksi: merkitse luetuksi; käy läpi: tapaus c1',
      'Loppukoe: vähintään 80 % (paras tuloksesi 60 %)',
    ]);
  });
});
