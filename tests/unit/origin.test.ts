import { describe, expect, it } from 'vitest';
import { isCrossSiteStateChange } from '../../src/lib/server/web/origin';

const url = new URL('https://oppiminen.example.fi/profiili');
const req = (method: string, headers: Record<string, string>) => new Request(url, { method, headers });

describe('cross-site state changes', () => {
  it('refuse a POST from another origin whatever its content type', () => {
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'TEXT/PLAIN;charset=UTF-8']) {
      expect(isCrossSiteStateChange(req('POST', { origin: 'https://evil.example', 'content-type': type }), url), type).toBe(true);
    }
    expect(isCrossSiteStateChange(req('POST', { origin: 'null' }), url)).toBe(true);
    expect(isCrossSiteStateChange(req('DELETE', { 'sec-fetch-site': 'cross-site' }), url)).toBe(true);
  });

  it('allow same-origin writes and every read', () => {
    expect(isCrossSiteStateChange(req('POST', { origin: 'https://oppiminen.example.fi' }), url)).toBe(false);
    expect(isCrossSiteStateChange(req('POST', { 'sec-fetch-site': 'same-origin' }), url)).toBe(false);
    expect(isCrossSiteStateChange(req('GET', { origin: 'https://evil.example' }), url)).toBe(false);
  });
});
