/**
 * The manager's assignment page: the units in scope, the courses, the
 * assignments in force inside the scope, and the people of one chosen unit.
 * A unit outside the scope (or unknown) answers `not-found`.
 */
import { fail, ok, type Result } from '../../result';
import type { RequestContext } from '../context';
import { listActiveAssignments, type AssignmentListItem } from '../db/assignments';
import { listMembersPage, type MemberRow } from '../db/report-queries';
import { pathInScope } from '../accounts/scope';
import type { TreeNode } from '../accounts/org-tree';
import { listNodesInScope } from '../reporting/scope-nodes';
import type { ReportCourse } from '../reporting/records';

/** The most people of one unit the page lists. */
const UNIT_PEOPLE_LIMIT = 500;

export interface AssignmentPage {
  nodes: TreeNode[];
  courses: readonly ReportCourse[];
  assignments: AssignmentListItem[];
  /** The unit chosen with `?yksikko=`, and its people. */
  unit: TreeNode | undefined;
  people: MemberRow[];
}

/** Loads the page; `unitParam` is the raw `yksikko` parameter (null when absent). */
export async function loadAssignmentPage(ctx: RequestContext, unitParam: string | null): Promise<Result<AssignmentPage, 'not-found'>> {
  const paths = ctx.scope();
  const nodes = listNodesInScope(ctx.db, paths);
  const courses = await ctx.catalog.reportCourses();
  const assignments = listActiveAssignments(ctx.db).filter((a) => (a.nodePath ? pathInScope(a.nodePath, paths) : a.userNodePath !== null && pathInScope(a.userNodePath, paths)));
  const unit = unitParam ? nodes.find((n) => String(n.id) === unitParam) : undefined;
  if (unitParam && !unit) return fail('not-found');
  const people = unit ? listMembersPage(ctx.db, { paths, nodeId: unit.id }, 0, UNIT_PEOPLE_LIMIT) : [];
  return ok({ nodes, courses, assignments, unit, people });
}
