import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, generateCertificateCode, normaliseCertificateCode } from '../../src/lib/server/certificates/code';
import { addMonths, certificateStatus, isRenewalOpen, RENEWAL_WINDOW_DAYS } from '../../src/lib/server/certificates/status';

describe('certificate codes', () => {
  it('use at least 10 characters from an alphabet without look-alikes', () => {
    expect(CODE_LENGTH).toBeGreaterThanOrEqual(10);
    for (const lookAlike of ['0', 'O', '1', 'I', 'L', 'U']) expect(CODE_ALPHABET).not.toContain(lookAlike);
    for (let i = 0; i < 200; i += 1) {
      const code = generateCertificateCode();
      expect(code).toMatch(/^[^-]{4}-[^-]{4}-[^-]{4}$/);
      for (const c of code.replace(/-/g, '')) expect(CODE_ALPHABET).toContain(c);
    }
  });

  it('are neither repeated nor sequential', () => {
    const codes = Array.from({ length: 5000 }, generateCertificateCode);
    expect(new Set(codes).size).toBe(codes.length);
    // Consecutive codes share no more characters in place than chance allows (1/30 per position).
    let samePlace = 0;
    for (let i = 1; i < codes.length; i += 1) for (let k = 0; k < 14; k += 1) if (codes[i]![k] === codes[i - 1]![k] && codes[i]![k] !== '-') samePlace += 1;
    expect(samePlace / ((codes.length - 1) * 12)).toBeLessThan(0.06);
    // Every character of the alphabet turns up in every position.
    for (let k = 0; k < 14; k += 1) {
      if (k === 4 || k === 9) continue;
      expect(new Set(codes.map((c) => c[k])).size).toBe(CODE_ALPHABET.length);
    }
  });

  it('are read back whatever the case, spacing and dashes, and malformed ones are refused', () => {
    expect(normaliseCertificateCode('abcd efgh jkmn')).toBe('ABCD-EFGH-JKMN');
    expect(normaliseCertificateCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    for (const bad of ['', 'ABCD-EFGH-JKM', 'ABCD-EFGH-JKMNP', 'ABCD-EFGH-JKM0', 'ABCD-EFGH-JKMO', '../../etc/passwd', 'ÄBCD-EFGH-JKMN']) {
      expect(normaliseCertificateCode(bad), bad).toBeUndefined();
    }
  });
});

describe('certificate status', () => {
  const issued = new Date('2026-01-31T10:00:00Z');
  const validUntil = addMonths(issued, 24);

  it('adds calendar months and keeps to the end of shorter months', () => {
    expect(validUntil.toISOString()).toBe('2028-01-31T10:00:00.000Z');
    expect(addMonths(issued, 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2027-01-31T10:00:00Z'), 13).toISOString()).toBe('2028-02-29T10:00:00.000Z');
  });

  it('is computed when read: revoked wins, then expiry', () => {
    const c = { validUntil, revokedAt: null };
    expect(certificateStatus(c, new Date(validUntil.getTime() - 1))).toBe('voimassa');
    expect(certificateStatus(c, validUntil)).toBe('vanhentunut');
    expect(certificateStatus({ validUntil, revokedAt: issued }, issued)).toBe('peruttu');
    expect(certificateStatus({ validUntil: null, revokedAt: null }, new Date('2099-01-01'))).toBe('voimassa');
  });

  it('opens renewal 90 days before expiry, never for revoked or open-ended certificates', () => {
    const opens = validUntil.getTime() - RENEWAL_WINDOW_DAYS * 86_400_000;
    expect(isRenewalOpen({ validUntil, revokedAt: null }, new Date(opens - 1))).toBe(false);
    expect(isRenewalOpen({ validUntil, revokedAt: null }, new Date(opens))).toBe(true);
    expect(isRenewalOpen({ validUntil, revokedAt: null }, new Date(validUntil.getTime() + 86_400_000))).toBe(true);
    expect(isRenewalOpen({ validUntil, revokedAt: issued }, new Date(opens))).toBe(false);
    expect(isRenewalOpen({ validUntil: null, revokedAt: null }, new Date(opens))).toBe(false);
  });
});
