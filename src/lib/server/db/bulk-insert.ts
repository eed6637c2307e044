/**
 * Prepared inserts for seeding benchmark databases fast: one statement each,
 * prepared once and run inside the caller's transaction, with times in unix
 * milliseconds and JSON columns as text, exactly as the Drizzle schema
 * stores them. Only for seeding; the application writes through the other
 * modules here.
 */
import type Database from 'better-sqlite3';
import type { CompletionSnapshot, OrgType } from './schema';

export interface BulkCertificate {
  code: string;
  completionId: number;
  userId: number;
  courseId: string;
  version: string;
  contentHash: string;
  holderName: string;
  snapshot: CompletionSnapshot;
  issuedAt: number;
  validUntil: number | null;
  issuerName: string;
  issuerEmail: string;
  credentialId: string;
  identityHash: string;
  identitySalt: string;
  revoked: { at: number; reason: string; by: number | null } | null;
}

export interface BulkInserts {
  /** Inserts a node and sets its materialised path; returns id and path. */
  node: (input: { parentId: number | null; parentPath: string; name: string; type: OrgType; createdAt: number }) => { id: number; path: string };
  /** Inserts a user (with the learner role and any others); returns the id. */
  user: (input: { email: string; name: string; passwordHash: string; subjectId: string; createdAt: number; lastLoginAt: number; roles: readonly string[] }) => number;
  activeMembership: (userId: number, nodeId: number, joinedAt: number) => void;
  managerScope: (userId: number, nodeId: number) => void;
  activity: (input: { userId: number; courseId: string; startedAt: number; lastActivityAt: number; percent: number; version: string; bestFinalScore: number | null }) => void;
  /** Inserts round 1 of a completion; returns its id. */
  completion: (input: { userId: number; courseId: string; version: string; contentHash: string; completedAt: number; snapshot: CompletionSnapshot }) => number;
  certificate: (input: BulkCertificate) => void;
  nodeAssignment: (input: { courseId: string; nodeId: number; dueDate: string; assignedBy: number; createdAt: number }) => void;
}

/** Prepares every statement once on the raw connection. */
export function prepareBulkInserts(sqlite: Database.Database): BulkInserts {
  const node = sqlite.prepare('INSERT INTO org_node (parent_id, name, type, path, created_at) VALUES (?, ?, ?, ?, ?)');
  const nodePath = sqlite.prepare('UPDATE org_node SET path = ? WHERE id = ?');
  const user = sqlite.prepare('INSERT INTO "user" (email, name, password_hash, created_at, last_login_at, subject_id) VALUES (?, ?, ?, ?, ?, ?)');
  const role = sqlite.prepare('INSERT INTO user_role (user_id, role) VALUES (?, ?)');
  const membership = sqlite.prepare("INSERT INTO membership (user_id, node_id, status, requested_at, joined_at) VALUES (?, ?, 'active', ?, ?)");
  const scope = sqlite.prepare('INSERT INTO manager_scope (user_id, node_id) VALUES (?, ?)');
  const activity = sqlite.prepare(
    'INSERT INTO course_activity (user_id, course_id, started_at, last_activity_at, progress_percent, progress_version, best_final_score) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const completion = sqlite.prepare('INSERT INTO course_completion (user_id, course_id, version, round, content_hash, completed_at, snapshot) VALUES (?, ?, ?, 1, ?, ?, ?)');
  const certificate = sqlite.prepare(`INSERT INTO certificate (code, completion_id, user_id, course_id, version, round, content_hash, holder_name, course_title, credit_hours,
    outcomes, criteria, description, issued_at, valid_until, issuer_name, issuer_email, credential_id, identity_hash, identity_salt, revoked_at, revoked_reason, revoked_by)
    VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const assignment = sqlite.prepare('INSERT INTO assignment (course_id, node_id, due_date, assigned_by, created_at) VALUES (?, ?, ?, ?, ?)');
  return {
    node: (input) => {
      const id = Number(node.run(input.parentId, input.name, input.type, `tmp-${crypto.randomUUID()}`, input.createdAt).lastInsertRowid);
      const path = `${input.parentPath}${id}/`;
      nodePath.run(path, id);
      return { id, path };
    },
    user: (input) => {
      const id = Number(user.run(input.email, input.name, input.passwordHash, input.createdAt, input.lastLoginAt, input.subjectId).lastInsertRowid);
      for (const r of new Set(['learner', ...input.roles])) role.run(id, r);
      return id;
    },
    activeMembership: (userId, nodeId, joinedAt) => void membership.run(userId, nodeId, joinedAt, joinedAt),
    managerScope: (userId, nodeId) => void scope.run(userId, nodeId),
    activity: (a) => void activity.run(a.userId, a.courseId, a.startedAt, a.lastActivityAt, a.percent, a.version, a.bestFinalScore),
    completion: (c) => Number(completion.run(c.userId, c.courseId, c.version, c.contentHash, c.completedAt, JSON.stringify(c.snapshot)).lastInsertRowid),
    certificate: (c) =>
      void certificate.run(
        c.code,
        c.completionId,
        c.userId,
        c.courseId,
        c.version,
        c.contentHash,
        c.holderName,
        c.snapshot.title,
        c.snapshot.creditHours,
        JSON.stringify(c.snapshot.outcomes),
        c.snapshot.criteria,
        c.snapshot.description,
        c.issuedAt,
        c.validUntil,
        c.issuerName,
        c.issuerEmail,
        c.credentialId,
        c.identityHash,
        c.identitySalt,
        c.revoked?.at ?? null,
        c.revoked?.reason ?? null,
        c.revoked?.by ?? null,
      ),
    nodeAssignment: (a) => void assignment.run(a.courseId, a.nodeId, a.dueDate, a.assignedBy, a.createdAt),
  };
}
