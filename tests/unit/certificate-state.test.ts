import { describe, expect, it } from 'vitest';
import { describeCertificateState } from '../../src/lib/server/certificates/status';

const now = new Date('2026-12-02T10:00:00Z');

describe('describeCertificateState', () => {
  it('says the status once, with the date that matters', () => {
    expect(describeCertificateState({ validUntil: new Date('2029-12-02T10:00:00Z'), revokedAt: null }, now)).toBe('voimassa 2.12.2029 asti');
    expect(describeCertificateState({ validUntil: null, revokedAt: null }, now)).toBe('voimassa toistaiseksi');
    expect(describeCertificateState({ validUntil: new Date('2026-11-01T10:00:00Z'), revokedAt: null }, now)).toBe('vanhentunut 1.11.2026');
    expect(describeCertificateState({ validUntil: new Date('2029-12-02T10:00:00Z'), revokedAt: new Date('2026-12-01T10:00:00Z') }, now)).toBe('peruttu 1.12.2026');
  });
});
