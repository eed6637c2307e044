/**
 * Omat kurssit as one card per course: a required course and the same
 * course in progress are one card, which says what to do next in one
 * sentence and offers the one button that does it. Pure: the page gives it
 * the learner's required-course records and started courses.
 */
import type { RecordStatus } from '../reporting/record-status';
import { formatDateKey } from '../format';

export interface RequiredInput {
  courseId: string;
  courseTitle: string;
  status: RecordStatus;
  /** Due date (`YYYY-MM-DD`): the assignment's, or a required certificate's valid-until day. */
  dueDate: string;
  /** The due date is a certificate's valid-until day. */
  renewal: boolean;
}

export interface StartedInput {
  courseId: string;
  courseTitle: string;
  percent: number;
  complete: boolean;
  /** The next lesson to read, or null when only the final quiz is left. */
  nextLessonPath: string | null;
}

export interface MyCourseCard {
  courseId: string;
  title: string;
  required: boolean;
  status?: RecordStatus;
  late: boolean;
  percent?: number;
  /** What the situation is and what to do, in one sentence. */
  message: string;
  action?: { href: string; label: string };
}

const finalQuiz = (courseId: string) => `/kurssit/${courseId}/loppukoe`;

function continueAction(courseId: string, started: StartedInput | undefined): MyCourseCard['action'] {
  if (!started) return { href: `/kurssit/${courseId}`, label: 'Aloita kurssi' };
  if (started.nextLessonPath) return { href: started.nextLessonPath, label: 'Jatka' };
  return { href: finalQuiz(courseId), label: 'Loppukokeeseen' };
}

function requiredCard(r: RequiredInput, started: StartedInput | undefined, today: string): MyCourseCard {
  const due = formatDateKey(r.dueDate);
  const base = { courseId: r.courseId, title: r.courseTitle, required: true, status: r.status, percent: started?.percent };
  if (r.renewal) {
    if (r.dueDate < today) return { ...base, late: true, message: `Todistuksesi vanheni ${due}. Uusi se tekemällä loppukoe uudelleen.`, action: { href: finalQuiz(r.courseId), label: 'Uusi todistus' } };
    if (r.status === 'valmis') return { ...base, late: false, message: `Suoritettu. Todistus on voimassa ${due} asti.` };
    return { ...base, late: false, message: `Uusi todistuksesi viimeistään ${due}.`, action: { href: finalQuiz(r.courseId), label: 'Uusi todistus' } };
  }
  if (r.status === 'valmis') return { ...base, late: false, message: 'Suoritettu.' };
  const late = r.dueDate < today;
  return { ...base, late, message: late ? `Eräpäivä oli ${due}. Suorita kurssi mahdollisimman pian.` : `Suorita viimeistään ${due}.`, action: continueAction(r.courseId, started) };
}

function startedCard(s: StartedInput): MyCourseCard {
  const base = { courseId: s.courseId, title: s.courseTitle, required: false, late: false, percent: s.percent };
  if (s.complete) return { ...base, message: 'Suoritettu.' };
  return { ...base, message: s.nextLessonPath ? 'Jatka siitä, mihin jäit.' : 'Oppitunnit on luettu: jäljellä on loppukoe.', action: continueAction(s.courseId, s) };
}

/** Required courses first (by due date), then the other started courses in the order given; each course once. */
export function buildMyCourseCards(required: RequiredInput[], started: StartedInput[], today: string): { required: MyCourseCard[]; other: MyCourseCard[] } {
  const startedById = new Map(started.map((s) => [s.courseId, s]));
  const requiredIds = new Set(required.map((r) => r.courseId));
  return {
    required: [...required].sort((a, b) => a.dueDate.localeCompare(b.dueDate)).map((r) => requiredCard(r, startedById.get(r.courseId), today)),
    other: started.filter((s) => !requiredIds.has(s.courseId)).map(startedCard),
  };
}
