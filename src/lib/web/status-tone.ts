/**
 * Every status the service shows, mapped onto one badge: a tone and a shape
 * cue that repeats the word (never colour alone). Pages pick the status; the
 * badge's look is decided here once.
 */
import type { RecordStatus } from '../reporting/record-status';
import type { CertificateStatus } from '../server/certificates/status';

export type StatusTone = 'ok' | 'alert' | 'warn' | 'neutral';

/** The mark before the word, per tone: ✓ done, ! needs action, … on its way, none when neutral. */
export const TONE_MARKS: Record<StatusTone, string> = { ok: '✓', alert: '!', warn: '…', neutral: '' };

/** A completion record: complete is ok; lapsed, revoked and late need action; started is under way. */
export function recordStatusTone(status: RecordStatus): StatusTone {
  if (status === 'valmis') return 'ok';
  if (status === 'myöhässä' || status === 'vanhentunut' || status === 'peruttu') return 'alert';
  return status === 'kesken' ? 'warn' : 'neutral';
}

/** A certificate: valid is ok, expired or revoked needs attention. */
export function certificateStatusTone(status: CertificateStatus): StatusTone {
  return status === 'voimassa' ? 'ok' : 'alert';
}

/** A queued mail message: sent is ok, failed needs action, queued or sending is under way. */
export function mailStatusTone(status: 'queued' | 'sending' | 'sent' | 'failed'): StatusTone {
  return status === 'sent' ? 'ok' : status === 'failed' ? 'alert' : 'warn';
}
