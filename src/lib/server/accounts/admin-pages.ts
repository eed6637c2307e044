/**
 * What the administrator's pages read: the overview's counts, the user list,
 * the audit log, the mail queue and certificate search. Each takes the
 * request context; the page only parses its parameters and shows the result.
 */
import type { RequestContext } from '../context';
import { findUserById, listUsers, type UserListFilter } from '../db/users';
import { listPendingMemberships } from '../db/memberships';
import { listAuditEvents, type AuditFilter } from '../db/audit';
import { listOutboxMessages } from '../db/mail-outbox';
import { searchCertificates } from '../db/certificates';
import { MAIL_STATUSES, ORG_TYPES, type MailStatus } from '../db/schema';
import { listTree } from './org-tree';
import { isRegistrationOpen } from './registration';
import { checkMailHealth } from './mail-queue';

export { MAIL_STATUSES, ORG_TYPES, type MailStatus };

/** The overview's counts. */
export function loadAdminOverview(ctx: RequestContext): { users: number; pending: number; nodes: number } {
  return { users: listUsers(ctx.db, { limit: 1 }).total, pending: listPendingMemberships(ctx.db).length, nodes: listTree(ctx.db).length };
}

/** One page of the user list. */
export function listUsersPage(ctx: RequestContext, filter: UserListFilter) {
  return listUsers(ctx.db, filter);
}

/** Audit entries, newest first. */
export function listAuditPage(ctx: RequestContext, filter: AuditFilter) {
  return listAuditEvents(ctx.db, filter);
}

/** The mail queue (who gets what and how it went, never a text) and whether it is late. */
export function loadMailQueue(ctx: RequestContext, status: MailStatus | undefined) {
  return { rows: listOutboxMessages(ctx.db, { statuses: status ? [status] : undefined, limit: 200 }), health: checkMailHealth(ctx.db, ctx.now) };
}

/** Certificates by code or holder. */
export function findCertificates(ctx: RequestContext, query: { code?: string; userId?: number; limit?: number }) {
  return searchCertificates(ctx.db, query);
}

/** Whether self-registration is open (the settings page). */
export function registrationOpen(ctx: RequestContext): boolean {
  return isRegistrationOpen(ctx.db);
}

/** A person by id, for the administrator's actions (undefined when unknown). */
export function findUserForAdmin(ctx: RequestContext, userId: number) {
  return findUserById(ctx.db, userId);
}
