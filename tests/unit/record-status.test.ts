import { describe, expect, it } from 'vitest';
import { decideRecordStatus, effectiveDueDate, expiresWithin, type CertificateFacts, type RecordFacts } from '../../src/lib/reporting/record-status';
import { applicableAssignment, type AssignmentRule } from '../../src/lib/reporting/assignment-due';
import { helsinkiDateKey } from '../../src/lib/format';

const DAY = 86_400_000;
const now = Date.parse('2026-11-23T10:00:00Z');
const today = '2026-11-23';
const base: RecordFacts = { started: false, completedWithoutCertificate: false, certificates: [], dueDate: null };
const cert = (over: Partial<CertificateFacts> = {}): CertificateFacts => ({ issuedAt: now - 100 * DAY, validUntil: now + 100 * DAY, revokedAt: null, ...over });

describe('decideRecordStatus', () => {
  it('decides in the documented order', () => {
    const cases: [RecordFacts, string][] = [
      [{ ...base, certificates: [cert()] }, 'valmis'],
      [{ ...base, certificates: [cert({ validUntil: null })] }, 'valmis'],
      [{ ...base, completedWithoutCertificate: true }, 'valmis'],
      [{ ...base, certificates: [cert({ validUntil: now - DAY }), cert()] }, 'valmis'],
      [{ ...base, certificates: [cert({ validUntil: now - DAY })], dueDate: '2026-01-01' }, 'vanhentunut'],
      [{ ...base, certificates: [cert({ validUntil: now })] }, 'vanhentunut'],
      [{ ...base, certificates: [cert({ revokedAt: now - DAY })], dueDate: '2026-01-01', started: true }, 'peruttu'],
      [{ ...base, certificates: [cert({ revokedAt: now - DAY }), cert({ validUntil: now - DAY })] }, 'vanhentunut'],
      [{ ...base, dueDate: '2026-11-22', started: true }, 'myöhässä'],
      [{ ...base, dueDate: '2026-11-23', started: true }, 'kesken'],
      [{ ...base, dueDate: '2026-11-23' }, 'ei aloitettu'],
      [{ ...base, started: true }, 'kesken'],
      [base, 'ei aloitettu'],
    ];
    for (const [facts, want] of cases) expect(decideRecordStatus(facts, today, now), JSON.stringify(facts)).toBe(want);
  });
});

describe('effectiveDueDate', () => {
  it('is the assigned date until a certificate exists, then the certificate’s valid-until day', () => {
    expect(effectiveDueDate(null, [cert()], helsinkiDateKey)).toBeNull();
    expect(effectiveDueDate('2026-12-31', [], helsinkiDateKey)).toBe('2026-12-31');
    expect(effectiveDueDate('2026-12-31', [cert({ validUntil: Date.parse('2029-11-22T23:30:00Z') })], helsinkiDateKey)).toBe('2029-11-23');
    expect(effectiveDueDate('2026-12-31', [cert({ validUntil: null })], helsinkiDateKey)).toBeNull();
    expect(effectiveDueDate('2026-12-31', [cert({ revokedAt: now })], helsinkiDateKey)).toBe('2026-12-31');
  });

  it('flags certificates expiring within a window', () => {
    expect(expiresWithin([cert({ validUntil: now + 89 * DAY })], now, 90)).toBe(true);
    expect(expiresWithin([cert({ validUntil: now + 91 * DAY })], now, 90)).toBe(false);
    expect(expiresWithin([cert({ validUntil: now + 10 * DAY }), cert({ validUntil: now + 1000 * DAY })], now, 90)).toBe(false);
    expect(expiresWithin([cert({ validUntil: now - DAY })], now, 90)).toBe(false);
  });
});

describe('applicableAssignment', () => {
  const created = Date.parse('2026-10-01T09:00:00Z');
  const unit: AssignmentRule = { id: 1, courseId: 'k', nodePath: '/1/2/', userId: null, dueDate: '2026-12-31', createdAt: created, assignedBy: 9 };
  it('covers the unit’s whole subtree, and nothing outside it', () => {
    expect(applicableAssignment({ userId: 5, nodePath: '/1/2/7/', joinedAt: created - DAY }, [unit], helsinkiDateKey)?.dueDate).toBe('2026-12-31');
    expect(applicableAssignment({ userId: 5, nodePath: '/1/3/', joinedAt: created - DAY }, [unit], helsinkiDateKey)).toBeUndefined();
    expect(applicableAssignment({ userId: 5, nodePath: '/1/22/', joinedAt: created - DAY }, [unit], helsinkiDateKey)).toBeUndefined();
  });

  it('gives a later joiner 30 days from joining when that is later than the unit’s date', () => {
    expect(applicableAssignment({ userId: 5, nodePath: '/1/2/', joinedAt: Date.parse('2026-11-01T08:00:00Z') }, [unit], helsinkiDateKey)?.dueDate).toBe('2026-12-31');
    expect(applicableAssignment({ userId: 5, nodePath: '/1/2/', joinedAt: Date.parse('2026-12-20T08:00:00Z') }, [unit], helsinkiDateKey)?.dueDate).toBe('2027-01-19');
  });

  it('takes the earliest due date when several apply, a personal one on a tie', () => {
    const personal: AssignmentRule = { ...unit, id: 2, nodePath: null, userId: 5, dueDate: '2026-12-31' };
    const earlier: AssignmentRule = { ...unit, id: 3, nodePath: '/1/', dueDate: '2026-12-15' };
    const member = { userId: 5, nodePath: '/1/2/', joinedAt: created - DAY };
    expect(applicableAssignment(member, [unit, personal], helsinkiDateKey)?.assignment.id).toBe(2);
    expect(applicableAssignment(member, [unit, personal, earlier], helsinkiDateKey)?.assignment.id).toBe(3);
    expect(applicableAssignment({ ...member, userId: 6 }, [personal], helsinkiDateKey)).toBeUndefined();
  });
});
