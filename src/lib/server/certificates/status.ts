/**
 * A certificate's status is computed when read, never stored: revoked wins,
 * then expiry against the valid-until date. Renewal opens 90 days before the
 * certificate expires.
 */
import { formatDate } from '../../format';
import { certificateStateAt, type CertificateState } from '../../certificates/validity';

export type CertificateStatus = CertificateState;

export const RENEWAL_WINDOW_DAYS = 90;

export interface StatusFacts {
  validUntil: Date | null;
  revokedAt: Date | null;
}

export function certificateStatus(c: StatusFacts, now: Date): CertificateStatus {
  return certificateStateAt({ validUntil: c.validUntil?.getTime() ?? null, revokedAt: c.revokedAt?.getTime() ?? null }, now.getTime());
}

/** True when a certificate can be renewed at `now`: it expires, is not revoked, and is within 90 days of expiry (or past it). */
export function isRenewalOpen(c: StatusFacts, now: Date): boolean {
  if (c.revokedAt || !c.validUntil) return false;
  return now.getTime() >= c.validUntil.getTime() - RENEWAL_WINDOW_DAYS * 86_400_000;
}

export const STATUS_LABELS: Record<CertificateStatus, string> = {
  voimassa: 'Voimassa',
  vanhentunut: 'Vanhentunut',
  peruttu: 'Peruttu',
};

/** `validFrom` plus whole calendar months in Helsinki; the day is kept where the month has it. */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * The status and validity in one phrase, for running text: "voimassa
 * 2.12.2029 asti", "voimassa toistaiseksi", "vanhentunut 2.12.2026" or
 * "peruttu 3.12.2026". One phrase, so a page never says the status twice.
 */
export function describeCertificateState(c: StatusFacts, now: Date): string {
  const status = certificateStatus(c, now);
  if (status === 'peruttu') return `peruttu ${formatDate(c.revokedAt!)}`;
  if (status === 'vanhentunut') return `vanhentunut ${formatDate(c.validUntil!)}`;
  return c.validUntil ? `voimassa ${formatDate(c.validUntil)} asti` : 'voimassa toistaiseksi';
}
