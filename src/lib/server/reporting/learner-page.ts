/**
 * A manager's page of one learner: who they are, their unit, each course's
 * record, final-quiz attempts and certificates. Opening it is written to the
 * audit log (admin and manager access to personal data). Outside the
 * manager's subtrees, unknown and erased people look the same: `not-found`.
 */
import { fail, ok, type Result } from '../../result';
import type { RequestContext } from '../context';
import { findUserById, type UserRow } from '../db/users';
import { findActiveMembership, type MembershipRow } from '../db/memberships';
import { listFinalAttempts, type FinalAttemptRow } from '../db/learning';
import { listCertificatesOfUser, type CertificateRow } from '../db/certificates';
import { canManageUserIn } from '../accounts/scope';
import { audit } from '../accounts/context';
import type { TreeNode } from '../accounts/org-tree';
import { listNodesInScope } from './scope-nodes';
import { listCompletionRecords, type CompletionRecord, type ReportCourse } from './records';

export interface LearnerPage {
  target: UserRow;
  active: MembershipRow | undefined;
  /** The learner's current unit, when it is in the manager's scope. */
  unit: TreeNode | undefined;
  /** The nodes the manager may move the learner to. */
  nodes: TreeNode[];
  courses: readonly ReportCourse[];
  records: Map<string, CompletionRecord>;
  attempts: Map<string, FinalAttemptRow[]>;
  certificates: CertificateRow[];
}

/** Parses a route id: digits only, as an id. */
export function parseUserId(raw: string | undefined): number | undefined {
  return raw && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

/** Loads the learner page for `ctx.actor`; writes `manager.learner_viewed` to the audit log. */
export async function loadLearnerPage(ctx: RequestContext, rawId: string | undefined): Promise<Result<LearnerPage, 'not-found'>> {
  const actor = ctx.actor;
  const userId = parseUserId(rawId);
  const target = actor && userId ? findUserById(ctx.db, userId) : undefined;
  if (!actor || !target || target.erasedAt || !canManageUserIn(ctx.db, ctx.scope(), target.id)) return fail('not-found');
  audit(ctx, { actorId: actor.id, action: 'manager.learner_viewed', targetType: 'user', targetId: target.id });
  const paths = ctx.scope();
  const courses = await ctx.catalog.reportCourses();
  const records = new Map(listCompletionRecords(ctx.db, courses, { paths, userId: target.id }, ctx.now).map((r) => [r.courseId, r]));
  const attempts = new Map(courses.map((c) => [c.id, listFinalAttempts(ctx.db, target.id, c.id)]));
  const active = findActiveMembership(ctx.db, target.id);
  const nodes = listNodesInScope(ctx.db, paths);
  const unit = nodes.find((n) => n.id === active?.nodeId);
  return ok({ target, active, unit, nodes, courses, records, attempts, certificates: listCertificatesOfUser(ctx.db, target.id) });
}
