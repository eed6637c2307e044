/**
 * The demo's required courses: the first course for the whole county, due in
 * about two months; the last course for one municipality's employment
 * services, already overdue; and a few personal assignments, two of them
 * overdue, so every due-date state shows. Written with the real upsert so the
 * creation dates can lie in the past.
 */
import type { DbClient } from '../db/client';
import { upsertAssignment } from '../db/assignments';
import { addDaysToKey, helsinkiDateKey } from '../../format';
import type { DemoCourse } from './courses';
import type { DemoOrganisation } from './organisation';
import type { PlannedLearner } from './plan';

const DAY = 86_400_000;

export interface DemoAssigners {
  county: number | undefined;
  employment: number | undefined;
  association: number | undefined;
}

export interface DemoAssignmentInput {
  org: DemoOrganisation;
  courses: readonly DemoCourse[];
  created: readonly { id: number; p: PlannedLearner }[];
  now: Date;
  assigners: DemoAssigners;
}

/** Writes the assignments; returns how many and one learner whose personal assignment is overdue. */
export function seedDemoAssignments(tx: DbClient, input: DemoAssignmentInput): { count: number; overdueLearnerId: number | undefined } {
  const { org, courses, now, assigners } = input;
  const today = helsinkiDateKey(now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  let count = 0;
  const assign = (target: { nodeId: number } | { userId: number }, course: DemoCourse, due: number, createdDaysAgo: number, by: number | undefined) => {
    if (by === undefined) return;
    if (upsertAssignment(tx, { ...target, courseId: course.structure.id, dueDate: addDaysToKey(today, due), assignedBy: by, now: ago(createdDaysAgo) }).created) count += 1;
  };
  const first = courses[0];
  const last = courses.at(-1);
  if (!first || !last) return { count, overdueLearnerId: undefined };
  assign({ nodeId: org.countyId }, first, 60, 10, assigners.county);
  assign({ nodeId: org.nodes.employment.id }, last, -14, 100, assigners.employment);

  const personalIndex = courses.length > 1 ? 1 : 0;
  const personal = courses[personalIndex]!;
  const members = input.created.filter(({ p }) => p.kind === 'member');
  const unfinished = members.filter(({ p }) => p.states[personalIndex] === 'not_started' || p.states[personalIndex] === 'in_progress');
  const overdue = unfinished.slice(0, 2);
  for (const { id } of overdue) assign({ userId: id }, personal, -7, 60, assigners.county);
  const taken = new Set(overdue.map((o) => o.id));
  const upcoming = members.filter(({ id }) => !taken.has(id)).slice(0, 3);
  for (const { id } of upcoming) {
    assign({ userId: id }, personal, 21, 5, assigners.county);
    taken.add(id);
  }
  const inAssociation = members.find(({ id, p }) => !taken.has(id) && p.unit.path.startsWith(org.nodes.association.path));
  if (inAssociation) assign({ userId: inAssociation.id }, personal, 30, 3, assigners.association);
  return { count, overdueLearnerId: overdue[0]?.id };
}
