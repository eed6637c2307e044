import { describe, expect, it } from 'vitest';
import { decideUnit, managerScopesFromGroups, multiFactorBasis, subjectKey, usableEmail } from '../../src/lib/server/oidc/claims';
import { checkIssuerUrl } from '../../src/lib/server/oidc/issuer';
import { decryptSecret, encryptSecret } from '../../src/lib/server/oidc/secret-box';

const rules = { enforcesMfa: false, acrValue: null };

describe('multi-factor from the ID token', () => {
  it('counts amr=mfa, two factor classes, the configured acr, or a provider that enforces MFA', () => {
    expect(multiFactorBasis(rules, { amr: ['mfa'] })).toBe('amr');
    expect(multiFactorBasis(rules, { amr: ['pwd', 'otp'] })).toBe('amr');
    expect(multiFactorBasis(rules, { amr: ['pwd', 'fpt'] })).toBe('amr');
    expect(multiFactorBasis({ ...rules, acrValue: 'loa2' }, { acr: 'loa2' })).toBe('acr');
    expect(multiFactorBasis({ ...rules, enforcesMfa: true }, {})).toBe('provider');
  });
  it('does not count one class twice, a wrong acr, or nothing', () => {
    expect(multiFactorBasis(rules, { amr: ['pwd', 'pin'] })).toBeNull();
    expect(multiFactorBasis(rules, { amr: ['otp', 'sms'] })).toBeNull();
    expect(multiFactorBasis({ ...rules, acrValue: 'loa2' }, { acr: 'loa1' })).toBeNull();
    expect(multiFactorBasis(rules, { amr: 'mfa' })).toBeNull();
    expect(multiFactorBasis(rules, {})).toBeNull();
  });
});

describe('who the person is', () => {
  it('keys Entra ID people by tenant and object id, others by sub', () => {
    expect(subjectKey('https://login.microsoftonline.com/t1/v2.0', { sub: 'pairwise', tid: 't1', oid: 'o1' })).toEqual({ subject: 't1:o1', externalId: 'o1' });
    expect(subjectKey('https://login.microsoftonline.com/t1/v2.0', { sub: 'pairwise' })).toBeNull();
    expect(subjectKey('https://accounts.google.com', { sub: '123' })).toEqual({ subject: '123', externalId: '123' });
  });
  it('uses an unverified address only in an owned domain', () => {
    expect(usableEmail({ domains: ['pohde.fi'] }, { email: 'A@Pohde.fi' })).toEqual({ email: 'a@pohde.fi' });
    expect(usableEmail({ domains: ['pohde.fi'] }, { email: 'a@muu.fi' })).toEqual({ problem: 'unverified' });
    expect(usableEmail({ domains: ['pohde.fi'] }, { email: 'a@muu.fi', email_verified: true })).toEqual({ email: 'a@muu.fi' });
    expect(usableEmail({ domains: [] }, {})).toEqual({ problem: 'missing' });
  });
  it('maps a unit claim and groups to nodes', () => {
    expect(decideUnit({ unitClaim: 'department', unitMap: { Kotihoito: 5 }, defaultNodeId: 2 }, { department: 'Kotihoito' })).toBe(5);
    expect(decideUnit({ unitClaim: 'department', unitMap: { Kotihoito: 5 }, defaultNodeId: 2 }, { department: 'Muu' })).toBe(2);
    expect(decideUnit({ unitClaim: null, unitMap: {}, defaultNodeId: null }, {})).toBeNull();
    expect(managerScopesFromGroups({ groupClaim: 'groups', managerGroups: { g1: 3, g2: 3, g3: 1 } }, { groups: ['g2', 'g1', 'x', 'g3'] })).toEqual([1, 3]);
  });
});

describe('issuer URLs', () => {
  it('takes https and tenant-specific Entra issuers only', () => {
    expect(checkIssuerUrl('https://login.microsoftonline.com/7f1d2c3b-0000-4000-8000-000000000001/v2.0')).toBeNull();
    expect(checkIssuerUrl('https://login.microsoftonline.com/common/v2.0')).toBe('multi_tenant');
    expect(checkIssuerUrl('https://login.microsoftonline.com/Organizations/v2.0')).toBe('multi_tenant');
    expect(checkIssuerUrl('http://keycloak.example.fi/realms/pohde')).toBe('not_https');
    expect(checkIssuerUrl('ei osoite')).toBe('not_url');
  });
});

describe('client secrets at rest', () => {
  it('round-trips, and refuses another key or an altered text', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = encryptSecret(key, 'salaisuus');
    expect(sealed).not.toContain('salaisuus');
    expect(decryptSecret(key, sealed)).toBe('salaisuus');
    expect(() => decryptSecret(Buffer.alloc(32, 2), sealed)).toThrow();
    expect(() => decryptSecret(key, `${sealed.slice(0, -2)}AA`)).toThrow();
  });
});
