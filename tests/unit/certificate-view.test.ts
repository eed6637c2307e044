/**
 * What the verification page says in each state: one consistent status,
 * never "voimassa … asti" or "Tällä todistuksella vahvistetaan" for a revoked
 * or expired certificate, no double full stops, and which printed facts to
 * compare (the page's status being the current one).
 */
import { describe, expect, it } from 'vitest';
import type { CertificateRow } from '../../src/lib/server/db/certificates';
import { certificateFacts, certificateLead, compareAdvice, statusNotice, viewCertificate, type CertificateView } from '../../src/lib/server/certificates/view';

const NOW = new Date('2026-11-23T10:00:00Z');
const base = {
  code: '7KQM-2XRT-9HCW',
  holderName: 'Åsa Öhman',
  courseTitle: 'Testikurssi',
  courseId: 'testikurssi',
  version: '1.0',
  contentHash: 'hash',
  creditHours: 0.5,
  outcomes: ['Tunnistat rakenteen.'],
  criteria: 'Loppukokeesta vähintään 80 %.',
  issuedAt: new Date('2025-01-10T10:00:00Z'),
  validUntil: new Date('2028-01-10T10:00:00Z'),
  issuerName: 'Testialue',
  issuerEmail: 'tuki@example.fi',
  revokedAt: null,
  revokedReason: null,
} as unknown as CertificateRow;

const views: Record<string, CertificateView> = {
  valid: viewCertificate(base, 'https://x.fi', NOW),
  expired: viewCertificate({ ...base, validUntil: new Date('2026-01-10T10:00:00Z') }, 'https://x.fi', NOW),
  revoked: viewCertificate({ ...base, revokedAt: new Date('2026-03-01T10:00:00Z'), revokedReason: 'Myönnetty väärälle henkilölle.' }, 'https://x.fi', NOW),
  revokedNoReason: viewCertificate({ ...base, revokedAt: new Date('2026-03-01T10:00:00Z'), revokedReason: null }, 'https://x.fi', NOW),
};

const allText = (v: CertificateView) => {
  const n = statusNotice(v);
  const lead = certificateLead(v);
  return [n.title, n.text, lead.before, lead.after, ...certificateFacts(v).flat(), ...compareAdvice(v)].join('\n');
};

describe('the verification page text', () => {
  it('says voimassa with the end date only for a valid certificate', () => {
    expect(statusNotice(views.valid!)).toEqual({ kind: 'success', title: 'Tila: Voimassa.', text: 'Todistus on voimassa 10.1.2028 asti.' });
    expect(certificateLead(views.valid!).before).toBe('Tällä todistuksella vahvistetaan, että');
    expect(certificateFacts(views.valid!)).toContainEqual(['Voimassa', '10.1.2028 asti']);
  });

  it('says peruttu with the reason, and nothing that claims validity', () => {
    for (const key of ['revoked', 'revokedNoReason']) {
      const v = views[key]!;
      const text = allText(v);
      expect(statusNotice(v).title).toBe('Tila: Peruttu.');
      expect(text).toContain('peru');
      expect(text).not.toMatch(/voimassa[^.\n]*asti/i);
      expect(text).not.toContain('Tällä todistuksella vahvistetaan');
      expect(text).not.toContain('..');
    }
    expect(statusNotice(views.revoked!).text).toBe('Myöntäjä perui todistuksen 1.3.2026, eikä se ole voimassa. Syy: Myönnetty väärälle henkilölle.');
    expect(statusNotice(views.revokedNoReason!).text).toMatch(/Syy: ei ilmoitettu\.$/);
    expect(certificateFacts(views.revoked!)).toContainEqual(['Perumisen syy', 'Myönnetty väärälle henkilölle.']);
  });

  it('says vanhentunut consistently for an expired certificate', () => {
    const v = views.expired!;
    const text = allText(v);
    expect(statusNotice(v).title).toBe('Tila: Vanhentunut.');
    expect(text).toContain('päättyi 10.1.2026');
    expect(text).not.toMatch(/voimassa[^.\n]*asti/i);
    expect(text).not.toContain('Tällä todistuksella vahvistetaan');
    expect(text).not.toContain('..');
  });

  it('tells which printed facts to compare and that the status here is the current one, not that a difference means forgery', () => {
    for (const v of Object.values(views)) {
      const advice = compareAdvice(v).join(' ');
      for (const fact of ['nimi', 'kurssi', 'versio', 'myöntöpäivä', 'voimassaoloaika', 'tunnus']) expect(advice).toContain(fact);
      expect(advice).toContain('tila juuri nyt');
      expect(advice).not.toMatch(/väärennet|on muutettu/);
    }
  });
});
