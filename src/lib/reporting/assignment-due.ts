/**
 * Which assignment applies to a learner, and when it is due. A unit's
 * assignment covers its whole subtree; someone who joins after it was made
 * gets the unit's date or 30 days from joining, whichever is later. When
 * several apply, the earliest due date wins (a personal assignment on the
 * same date is preferred, since it names the person).
 */
import { addDaysToKey } from '../format';

export const NEW_MEMBER_GRACE_DAYS = 30;

export interface AssignmentRule {
  id: number;
  courseId: string;
  /** Materialised path of the unit (`/1/4/`), or null for a personal assignment. */
  nodePath: string | null;
  userId: number | null;
  dueDate: string;
  createdAt: number;
  assignedBy: number | null;
}

export interface MemberPlacement {
  userId: number;
  nodePath: string;
  /** When the current membership began (ms). */
  joinedAt: number;
}

export interface AppliedAssignment {
  assignment: AssignmentRule;
  dueDate: string;
}

/** The assignment of `courseId` that applies to the member, or undefined. */
export function applicableAssignment(member: MemberPlacement, rules: readonly AssignmentRule[], toDateKey: (ms: number) => string): AppliedAssignment | undefined {
  let best: AppliedAssignment | undefined;
  for (const rule of rules) {
    let due: string;
    if (rule.userId !== null) {
      if (rule.userId !== member.userId) continue;
      due = rule.dueDate;
    } else {
      if (rule.nodePath === null || !member.nodePath.startsWith(rule.nodePath)) continue;
      due = rule.dueDate;
      if (member.joinedAt > rule.createdAt) {
        const lateJoinDue = addDaysToKey(toDateKey(member.joinedAt), NEW_MEMBER_GRACE_DAYS);
        if (lateJoinDue > due) due = lateJoinDue;
      }
    }
    if (!best || due < best.dueDate || (due === best.dueDate && rule.userId !== null && best.assignment.userId === null)) best = { assignment: rule, dueDate: due };
  }
  return best;
}
