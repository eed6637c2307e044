import { describe, expect, it } from 'vitest';
import { DEFAULT_CSP, isPublicVerificationResource, PREFLIGHT_HEADERS, PUBLIC_RESOURCE_HEADERS, securityHeaders } from '../../src/server/security-headers';

describe('security headers', () => {
  it('sends HSTS only over https', () => {
    expect(securityHeaders({ secure: true })['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(securityHeaders({ secure: false })['Strict-Transport-Security']).toBeUndefined();
  });

  it('sets nosniff, a referrer policy and a permissions policy', () => {
    const h = securityHeaders({ secure: false });
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBeTruthy();
    expect(h['Permissions-Policy']).toContain('camera=()');
  });

  it('has a default CSP without unsafe-inline scripts', () => {
    expect(DEFAULT_CSP).toContain("object-src 'none'");
    expect(DEFAULT_CSP).toContain("base-uri 'none'");
    expect(DEFAULT_CSP).toContain("frame-ancestors 'none'");
    expect(DEFAULT_CSP).toContain("'wasm-unsafe-eval'");
    expect(DEFAULT_CSP).not.toContain('unsafe-inline');
  });

  it('opens only the public verification resources to other origins, for GET without credentials', () => {
    for (const path of ['/avaimet', '/avaimet/abcDEF123_-abcDEF123_-abc', '/myontaja', '/peruutuslista', '/todistus/7KQM-2XRT-9HCW.json', '/merkit/testikurssi.png']) {
      expect(isPublicVerificationResource(path), path).toBe(true);
    }
    for (const path of ['/', '/todistus/7KQM-2XRT-9HCW', '/todistus/7KQM-2XRT-9HCW/pdf', '/todistus/7KQM-2XRT-9HCW/tunniste.jwt', '/todistus/7KQM-2XRT-9HCW/merkki.png', '/tarkista', '/profiili', '/avaimet/x/y', '/myontaja/x', '/todistukset']) {
      expect(isPublicVerificationResource(path), path).toBe(false);
    }
    expect(PUBLIC_RESOURCE_HEADERS).toEqual({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    expect(PREFLIGHT_HEADERS['Access-Control-Allow-Methods']).toBe('GET, HEAD');
    expect(PREFLIGHT_HEADERS).not.toHaveProperty('Access-Control-Allow-Credentials');
    expect(securityHeaders({ secure: false })['Cross-Origin-Resource-Policy']).toBe('same-origin');
  });
});
