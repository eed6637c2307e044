/**
 * Which reminder a learner is owed today for one assigned course. Each kind
 * is sent once per due date (the scheduler records it), so this only says
 * what is due, and a server that was down catches up with the reminder of the
 * window it is in rather than every one it missed.
 */
import type { NoticeKind } from '../server/db/schema';
import type { RecordStatus } from './record-status';
import { daysBetweenKeys } from '../format';

export interface NoticeInput {
  status: RecordStatus;
  /** Effective due date (`YYYY-MM-DD`), or null when not assigned or settled for good. */
  dueDate: string | null;
  /** True when the due date is a certificate's valid-until day (renewal), not the assignment's own. */
  renewal: boolean;
  /** The day the assignment began to apply to this learner (made, or joined the unit). */
  assignedOn: string | null;
}

/** The notices due on `today` (`YYYY-MM-DD`), at most two (assigned + a window). */
export function noticesDue(input: NoticeInput, today: string): NoticeKind[] {
  const { status, dueDate, assignedOn } = input;
  if (dueDate === null) return [];
  const daysLeft = daysBetweenKeys(today, dueDate);
  if (input.renewal) {
    if (status === 'valmis') {
      if (daysLeft > 30 && daysLeft <= 90) return ['expiry-90'];
      if (daysLeft > 7 && daysLeft <= 30) return ['expiry-30'];
      if (daysLeft >= 0 && daysLeft <= 7) return ['expiry-7'];
      return [];
    }
    return status === 'vanhentunut' && daysLeft < 0 ? ['overdue'] : [];
  }
  if (status === 'valmis') return [];
  if (daysLeft < 0) return ['overdue'];
  const out: NoticeKind[] = ['assigned'];
  // A window reminder only when the assignment existed before the window opened; otherwise the assigned mail says it all.
  const ageAtWindow = (window: number) => assignedOn !== null && daysBetweenKeys(assignedOn, dueDate) > window;
  if (daysLeft > 3 && daysLeft <= 14 && ageAtWindow(14)) out.push('due-14');
  if (daysLeft <= 3 && ageAtWindow(3)) out.push('due-3');
  return out;
}
