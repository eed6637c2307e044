/**
 * The decision at the heart of every manager figure, shared by the dashboard
 * and the exports so both always agree: which assignment applies, when the
 * course is due, the status, and whether a certificate is about to lapse.
 */
import { applicableAssignment, type AppliedAssignment, type AssignmentRule, type MemberPlacement } from './assignment-due';
import { decideRecordStatus, effectiveDueDate, expiresWithin, type CertificateFacts, type RecordStatus } from './record-status';
import { helsinkiDateKey } from '../format';

export const EXPIRY_WARNING_DAYS = 90;

export interface CoreInput {
  member: MemberPlacement;
  rules: readonly AssignmentRule[];
  startedAt: number | null;
  /** A completion whose certificate is still to be issued. */
  completedWithoutCertificate: boolean;
  certificates: readonly CertificateFacts[];
}

export interface CoreRecord {
  status: RecordStatus;
  applied: AppliedAssignment | undefined;
  dueDate: string | null;
  startedAt: number | null;
  expiringSoon: boolean;
  /** The due date is a certificate's valid-until day: due again for renewal. */
  renewal: boolean;
}

const NONE: readonly CertificateFacts[] = [];

/** The core record, or undefined when the course is neither assigned nor started nor completed. */
export function decideCore(input: CoreInput, today: string, now: number): CoreRecord | undefined {
  const applied = input.rules.length ? applicableAssignment(input.member, input.rules, helsinkiDateKey) : undefined;
  const certificates = input.certificates.length ? input.certificates : NONE;
  if (!applied && input.startedAt === null && !input.completedWithoutCertificate && certificates.length === 0) return undefined;
  const dueDate = effectiveDueDate(applied?.dueDate ?? null, certificates, helsinkiDateKey);
  const status = decideRecordStatus({ started: input.startedAt !== null, completedWithoutCertificate: input.completedWithoutCertificate, certificates, dueDate }, today, now);
  return {
    status,
    applied,
    dueDate,
    startedAt: input.startedAt,
    expiringSoon: certificates.length > 0 && expiresWithin(certificates, now, EXPIRY_WARNING_DAYS),
    renewal: applied !== undefined && certificates.some((c) => c.revokedAt === null),
  };
}

/** Assignment rules grouped by course. */
export function rulesByCourse(rules: readonly AssignmentRule[]): Map<string, AssignmentRule[]> {
  const out = new Map<string, AssignmentRule[]>();
  for (const r of rules) {
    const list = out.get(r.courseId);
    if (list) list.push(r);
    else out.set(r.courseId, [r]);
  }
  return out;
}
