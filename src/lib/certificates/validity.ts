/**
 * Whether a certificate is valid: decided here once, for the certificate's
 * own status (verification page, PDF, profile) and for a manager's record
 * status (dashboard, lists, exports). Revoked wins, then expiry: a
 * certificate is expired from its valid-until instant on.
 */
export type CertificateState = 'voimassa' | 'vanhentunut' | 'peruttu';

/** Times as unix milliseconds (null: no expiry, not revoked). */
export interface ValidityFacts {
  validUntil: number | null;
  revokedAt: number | null;
}

/** The certificate's state at instant `now` (unix ms). */
export function certificateStateAt(c: ValidityFacts, now: number): CertificateState {
  if (c.revokedAt !== null) return 'peruttu';
  if (c.validUntil !== null && c.validUntil <= now) return 'vanhentunut';
  return 'voimassa';
}
