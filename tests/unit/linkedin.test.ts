import { describe, expect, it } from 'vitest';
import { linkedInAddToProfileUrl } from '../../src/lib/server/certificates/linkedin';

const SITE = 'https://oppiminen.example.fi';
const cert = {
  courseTitle: 'Työkyvyn tuki & puheeksiotto',
  issuerName: 'Järvi-Pohjan hyvinvointialue',
  code: '7KQM-2XRT-9HCW',
  // 23:30 UTC on 30 November is 1 December in Helsinki.
  issuedAt: new Date('2026-11-30T23:30:00Z'),
  validUntil: new Date('2029-11-30T23:30:00Z'),
};

describe("LinkedIn's add-to-profile link", () => {
  it('is the documented URL with name, organisation, Helsinki months, code and verification page', () => {
    const url = new URL(linkedInAddToProfileUrl(cert, SITE));
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Työkyvyn tuki & puheeksiotto',
      organizationName: 'Järvi-Pohjan hyvinvointialue',
      issueYear: '2026',
      issueMonth: '12',
      expirationYear: '2029',
      expirationMonth: '12',
      certUrl: `${SITE}/todistus/7KQM-2XRT-9HCW`,
      certId: '7KQM-2XRT-9HCW',
    });
  });

  it('encodes spaces as %20 and leaves out expiry when the certificate does not expire', () => {
    const raw = linkedInAddToProfileUrl({ ...cert, validUntil: null }, SITE);
    expect(raw).toContain('name=Ty%C3%B6kyvyn%20tuki%20%26%20puheeksiotto');
    expect(raw).not.toContain('+');
    expect(raw).not.toContain('expiration');
  });
});
