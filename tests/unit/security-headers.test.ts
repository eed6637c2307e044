import { describe, expect, it } from 'vitest';
import { DEFAULT_CSP, securityHeaders } from '../../src/server/security-headers';

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
});
