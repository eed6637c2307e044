/**
 * A learner's standing in one course, as managers and exports state it.
 * Decided in a fixed order: valmis (a valid certificate, or a completion
 * whose certificate is still to be issued), vanhentunut, peruttu, myöhässä
 * (not complete, past due), kesken, ei aloitettu.
 */
import { certificateStateAt } from '../certificates/validity';

export const RECORD_STATUSES = ['valmis', 'vanhentunut', 'peruttu', 'myöhässä', 'kesken', 'ei aloitettu'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const RECORD_STATUS_LABELS: Record<RecordStatus, string> = {
  valmis: 'Valmis',
  vanhentunut: 'Vanhentunut',
  peruttu: 'Peruttu',
  'myöhässä': 'Myöhässä',
  kesken: 'Kesken',
  'ei aloitettu': 'Ei aloitettu',
};

export interface CertificateFacts {
  issuedAt: number;
  validUntil: number | null;
  revokedAt: number | null;
}

export interface RecordFacts {
  started: boolean;
  /** A completion exists that has no certificate yet (issuing was held back). */
  completedWithoutCertificate: boolean;
  certificates: readonly CertificateFacts[];
  /** The due date (`YYYY-MM-DD`, Helsinki) when the course is assigned. */
  dueDate: string | null;
}

/** The status on Helsinki day `today` (`YYYY-MM-DD`) at instant `now`. */
export function decideRecordStatus(facts: RecordFacts, today: string, now: number): RecordStatus {
  if (facts.completedWithoutCertificate) return 'valmis';
  if (facts.certificates.length === 0) return facts.dueDate !== null && today > facts.dueDate ? 'myöhässä' : facts.started ? 'kesken' : 'ei aloitettu';
  const live = facts.certificates.filter((c) => c.revokedAt === null);
  if (facts.completedWithoutCertificate || live.some((c) => certificateStateAt(c, now) === 'voimassa')) return 'valmis';
  if (live.length > 0) return 'vanhentunut';
  if (facts.certificates.length > 0) return 'peruttu';
  if (facts.dueDate !== null && today > facts.dueDate) return 'myöhässä';
  return facts.started ? 'kesken' : 'ei aloitettu';
}

/**
 * When an assigned course is due for this learner. A certificate that
 * expires makes the course due again on its valid-until day; a valid
 * certificate without expiry settles it for good (null).
 */
export function effectiveDueDate(assignedDue: string | null, certificates: readonly CertificateFacts[], toDateKey: (ms: number) => string): string | null {
  if (assignedDue === null || certificates.length === 0) return assignedDue;
  const live = certificates.filter((c) => c.revokedAt === null);
  if (!live.length) return assignedDue;
  if (live.some((c) => c.validUntil === null)) return null;
  return toDateKey(Math.max(...live.map((c) => c.validUntil!)));
}

/** True when a certificate that is valid now expires within `days` days. */
export function expiresWithin(certificates: readonly CertificateFacts[], now: number, days: number): boolean {
  if (certificates.length === 0) return false;
  const live = certificates.filter((c) => c.revokedAt === null && (c.validUntil === null || c.validUntil > now));
  if (!live.length || live.some((c) => c.validUntil === null)) return false;
  return Math.max(...live.map((c) => c.validUntil!)) <= now + days * 86_400_000;
}
