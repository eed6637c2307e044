/**
 * A learner's certificates per course: the latest one, its status, and
 * whether renewal is open (and what it takes).
 */
import type { DbClient } from '../db/client';
import { listCertificatesOfUser, type CertificateRow } from '../db/certificates';
import { certificateStatus, isRenewalOpen, type CertificateStatus } from './status';
import { listCompletions } from '../db/learning';
import type { RequestContext } from '../context';

export interface HeldCertificate {
  certificate: CertificateRow;
  status: CertificateStatus;
  renewalOpen: boolean;
  /** The latest certificate of its course. */
  latest: boolean;
}

export function heldCertificates(db: DbClient, userId: number, now: Date): HeldCertificate[] {
  const seen = new Set<string>();
  return listCertificatesOfUser(db, userId).map((c) => {
    const latest = !seen.has(c.courseId);
    seen.add(c.courseId);
    return { certificate: c, status: certificateStatus(c, now), renewalOpen: latest && isRenewalOpen(c, now), latest };
  });
}

/** The certificates page: what the person holds, and whether a completion still waits for its certificate. */
export function loadOwnCertificates(ctx: RequestContext, userId: number): { held: HeldCertificate[]; waiting: boolean } {
  const held = heldCertificates(ctx.db, userId, ctx.now);
  return { held, waiting: listCompletions(ctx.db, userId).length > held.length };
}
