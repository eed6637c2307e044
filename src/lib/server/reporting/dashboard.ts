/**
 * The manager dashboard for one place in the organisation tree: headline
 * figures, figures per course, per child unit (to drill down, whatever the
 * depth), the people directly in the unit, and completions per month.
 * Computed from the records on every request with the same decision as the
 * exports (record-core), so the numbers are current at once and always
 * agree. What each figure counts is defined once, in reporting/figures.
 */
import type { Db } from '../db/client';
import type { TreeNode } from '../accounts/org-tree';
import { listActiveAssignmentRules } from '../db/assignments';
import { listCompletionTimes, listMembersPage, loadScopeFacts } from '../db/report-queries';
import type { ReportCourse } from './records';
import { decideCore, rulesByCourse } from '../../reporting/record-core';
import type { CertificateFacts, RecordStatus } from '../../reporting/record-status';
import { countByMonth, lastMonths } from '../../reporting/tally';
import { addPerson, addRecord, clearFlags, emptyFigures, noFlags, type Figures } from '../../reporting/figures';
import { helsinkiDateKey } from '../../format';

export interface LearnerCourse {
  status: RecordStatus;
  dueDate: string | null;
}

export interface LearnerRow {
  userId: number;
  name: string;
  statuses: Map<string, LearnerCourse>;
}

export interface Dashboard {
  /** Everyone in the place in focus, over the courses shown. */
  headline: Figures;
  /** Everyone in the place in focus, over one course each. */
  perCourse: { course: ReportCourse; figures: Figures }[];
  /** The people of each unit, over the courses shown. */
  perUnit: { node: TreeNode; figures: Figures }[];
  /** People whose unit is exactly the focus node (when a unit is chosen), with their courses. */
  learners: LearnerRow[];
  learnersTruncated: boolean;
  monthly: { month: string; count: number }[];
  members: number;
}

export const LEARNER_LIST_LIMIT = 300;

export interface DashboardInput {
  courses: readonly ReportCourse[];
  /** The manager's subtrees (undefined = all). */
  paths: string[] | undefined;
  /** The node in focus, or undefined for the whole scope. */
  focus: TreeNode | undefined;
  /** Units to break the figures down by: the focus node's children, or the scope's top nodes. */
  units: readonly TreeNode[];
  courseId?: string;
  now: Date;
}

/** Builds the dashboard: four reads for the whole scope, then one pass in memory. */
export function buildDashboard(db: Db, input: DashboardInput): Dashboard {
  const now = input.now.getTime();
  const today = helsinkiDateKey(input.now);
  const scope = { paths: input.paths, subtree: input.focus?.path };
  const facts = loadScopeFacts(db, scope);
  const rules = rulesByCourse(listActiveAssignmentRules(db, input.courses.map((c) => c.id)));
  const courseIndex = new Map(input.courses.map((c, i) => [c.id, i]));
  const slots = input.courses.length;
  // Per member and course: started, waiting certificate, certificates. Keyed by member position × courses + course.
  const position = new Map(facts.members.map((m, i) => [m[0], i]));
  const startedAt = new Array<number | null>(facts.members.length * slots).fill(null);
  const pending = new Uint8Array(facts.members.length * slots);
  const certificates = new Map<number, CertificateFacts[]>();
  const slot = (userId: number, courseId: string) => {
    const p = position.get(userId);
    const c = courseIndex.get(courseId);
    return p === undefined || c === undefined ? -1 : p * slots + c;
  };
  for (const [userId, courseId, started] of facts.activity) {
    const s = slot(userId, courseId);
    if (s >= 0) startedAt[s] = started;
  }
  for (const [userId, courseId] of facts.pending) {
    const s = slot(userId, courseId);
    if (s >= 0) pending[s] = 1;
  }
  for (const [userId, courseId, issuedAt, validUntil, revokedAt] of facts.certificates) {
    const s = slot(userId, courseId);
    if (s < 0) continue;
    const list = certificates.get(s);
    const fact = { issuedAt, validUntil, revokedAt };
    if (list) list.push(fact);
    else certificates.set(s, [fact]);
  }

  const direct = input.focus ? listMembersPage(db, { paths: input.paths, nodeId: input.focus.id }, 0, LEARNER_LIST_LIMIT + 1) : [];
  const learners = new Map<number, LearnerRow>(direct.slice(0, LEARNER_LIST_LIMIT).map((m) => [m.userId, { userId: m.userId, name: m.name, statuses: new Map() }]));
  const headline = emptyFigures();
  const perCourse = input.courses.map(() => emptyFigures());
  const perUnit = input.units.map((node) => ({ node, figures: emptyFigures() }));
  const onlyCourse = input.courseId === undefined ? -1 : courseIndex.get(input.courseId)!;
  const none: CertificateFacts[] = [];
  const shown = noFlags();
  const own = noFlags();
  facts.members.forEach(([userId, , nodePath, joinedAt], p) => {
    const member = { userId, nodePath, joinedAt };
    const unit = perUnit.find((u) => nodePath.startsWith(u.node.path));
    const learner = learners.get(userId);
    // The person over the courses shown (headline and unit rows), and over each course (course rows).
    clearFlags(shown);
    for (let c = 0; c < slots; c += 1) {
      const s = p * slots + c;
      const core = decideCore({ member, rules: rules.get(input.courses[c]!.id) ?? [], startedAt: startedAt[s]!, completedWithoutCertificate: pending[s] === 1, certificates: certificates.get(s) ?? none }, today, now);
      clearFlags(own);
      if (core) {
        const row = { status: core.status, assigned: core.applied !== undefined, startedAt: core.startedAt, dueDate: core.dueDate, expiringSoon: core.expiringSoon };
        addRecord(own, row, today);
        if (onlyCourse < 0 || c === onlyCourse) {
          addRecord(shown, row, today);
          learner?.statuses.set(input.courses[c]!.id, { status: core.status, dueDate: core.dueDate });
        }
      }
      addPerson(perCourse[c]!, own);
    }
    addPerson(headline, shown);
    if (unit) addPerson(unit.figures, shown);
  });

  const months = lastMonths(today, 12);
  const since = Date.parse(`${months[0]}-01T00:00:00Z`) - 3 * 3_600_000;
  const times = listCompletionTimes(db, scope, input.courseId ? [input.courseId] : input.courses.map((c) => c.id), since);
  return {
    headline,
    perCourse: input.courses.map((course, i) => ({ course, figures: perCourse[i]! })),
    perUnit,
    learners: [...learners.values()].sort((a, b) => a.name.localeCompare(b.name, 'fi')),
    learnersTruncated: direct.length > LEARNER_LIST_LIMIT,
    monthly: countByMonth(times, months, helsinkiDateKey),
    members: facts.members.length,
  };
}
