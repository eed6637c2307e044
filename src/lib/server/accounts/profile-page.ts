/**
 * What the signed-in person's own pages read: their unit and pending
 * request, sessions and second factor, and how many certificates account
 * deletion would revoke. Always the actor's own data.
 */
import type { RequestContext } from '../context';
import { findActiveMembership, findPendingMembership } from '../db/memberships';
import { findTotpCredential, listUnusedRecoveryCodes } from '../db/totp';
import { listCertificatesOfUser } from '../db/certificates';
import { listUserSessions } from '../auth/session';
import type { SessionInfo, SessionUser } from '../auth/types';
import { listTree } from './org-tree';

/** The profile page: the tree (for the change-unit form), memberships, sessions and second factor. */
export function loadProfilePage(ctx: RequestContext, user: SessionUser, session: SessionInfo) {
  return {
    tree: listTree(ctx.db),
    active: findActiveMembership(ctx.db, user.id),
    pending: findPendingMembership(ctx.db, user.id),
    sessions: listUserSessions(ctx.db, user.id, session.id),
    hasTotp: findTotpCredential(ctx.db, user.id) !== undefined,
  };
}

/** The second-factor page: the credential, if any, and the recovery codes left. */
export function loadSecondFactorPage(ctx: RequestContext, user: SessionUser) {
  const credential = findTotpCredential(ctx.db, user.id);
  return { credential, remaining: credential ? listUnusedRecoveryCodes(ctx.db, user.id).length : 0 };
}

/** How many certificates the person holds (deleting the account revokes them). */
export function countOwnCertificates(ctx: RequestContext, user: SessionUser): number {
  return listCertificatesOfUser(ctx.db, user.id).length;
}
