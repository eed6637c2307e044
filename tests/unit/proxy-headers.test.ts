import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, normaliseProxyHeaders } from '../../src/server/app-server';

function fakeRequest(headers: Record<string, string>, remoteAddress = '10.0.0.5'): http.IncomingMessage {
  return { headers: { ...headers }, socket: { remoteAddress } } as unknown as http.IncomingMessage;
}

describe('normaliseProxyHeaders', () => {
  const site = new URL('https://oppiminen.example.fi');

  it('drops X-Forwarded-For unless TRUST_PROXY is set', () => {
    const req = fakeRequest({ host: 'oppiminen.example.fi', 'x-forwarded-for': '203.0.113.9' });
    normaliseProxyHeaders(req, site, false);
    expect(req.headers['x-forwarded-for']).toBeUndefined();
  });

  it('keeps only the hop our proxy appended when trusted', () => {
    const req = fakeRequest({ host: 'oppiminen.example.fi', 'x-forwarded-for': '1.2.3.4, 198.51.100.7' });
    normaliseProxyHeaders(req, site, true);
    expect(req.headers['x-forwarded-for']).toBe('198.51.100.7');
  });

  it('states the client address for rate limits and the log whatever Host the proxy sends', () => {
    // A proxy that rewrites Host (nginx's default) must not make every client share one address.
    const proxied = fakeRequest({ host: '127.0.0.1:4321', 'x-forwarded-for': '198.51.100.7' });
    normaliseProxyHeaders(proxied, site, true);
    expect(proxied.headers[CLIENT_ADDRESS_HEADER]).toBe('198.51.100.7');
    const direct = fakeRequest({ host: 'oppiminen.example.fi', 'x-forwarded-for': '198.51.100.7' });
    normaliseProxyHeaders(direct, site, false);
    expect(direct.headers[CLIENT_ADDRESS_HEADER]).toBe('10.0.0.5');
    // A client cannot name its own address.
    const forged = fakeRequest({ host: 'oppiminen.example.fi', [CLIENT_ADDRESS_HEADER]: '192.0.2.1' });
    normaliseProxyHeaders(forged, site, true);
    expect(forged.headers[CLIENT_ADDRESS_HEADER]).toBe('10.0.0.5');
  });

  it('treats a request forwarded over https for our own host as https', () => {
    const req = fakeRequest({ host: '127.0.0.1:4321', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'oppiminen.example.fi' });
    normaliseProxyHeaders(req, site, false);
    expect((req.socket as unknown as { encrypted?: boolean }).encrypted).toBe(true);
    expect(req.headers.host).toBe('oppiminen.example.fi');
    expect(req.headers['x-forwarded-proto']).toBeUndefined();
  });

  it('ignores forwarded hosts that are not ours', () => {
    const req = fakeRequest({ host: 'oppiminen.example.fi', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    normaliseProxyHeaders(req, site, true);
    expect((req.socket as unknown as { encrypted?: boolean }).encrypted).toBeUndefined();
    expect(req.headers.host).toBe('oppiminen.example.fi');
    expect(req.headers['x-forwarded-host']).toBeUndefined();
  });

  it('ignores https forwarding when the site itself is http', () => {
    const req = fakeRequest({ host: 'localhost:4321', 'x-forwarded-proto': 'https' });
    normaliseProxyHeaders(req, new URL('http://localhost:4321'), true);
    expect((req.socket as unknown as { encrypted?: boolean }).encrypted).toBeUndefined();
  });
});
