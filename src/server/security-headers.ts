/**
 * Headers every response carries, static files included. The CSP itself comes
 * from Astro for pages (hashes of its own scripts and styles) and from
 * {@link defaultCspHeader} for everything else.
 */
import { defaultCspHeader } from '../lib/server/csp-policy';

export interface HeaderOptions {
  /** Send HSTS: only when the site is served over https. */
  secure: boolean;
}

/** The security headers, without the CSP. */
export function securityHeaders(options: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
  if (options.secure) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

export const DEFAULT_CSP = defaultCspHeader();

/**
 * The public verification resources that browser-based verifiers on other
 * sites read: the keys, the issuer profile, the revocation list, a
 * certificate's JSON and the course badge images. Nothing personal beyond
 * what the public verification page shows; everything else keeps the strict
 * same-origin headers.
 */
const PUBLIC_VERIFICATION_RESOURCE = /^\/(?:avaimet(?:\/[^/]+)?|myontaja|peruutuslista|todistus\/[^/]+\.json|merkit\/[^/]+\.png)$/;

export function isPublicVerificationResource(pathname: string): boolean {
  return PUBLIC_VERIFICATION_RESOURCE.test(pathname);
}

/** On a public verification resource's GET and HEAD: readable from any origin, without credentials. */
export const PUBLIC_RESOURCE_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** The answer to a CORS preflight on a public verification resource: GET and HEAD only, no credentials. */
export const PREFLIGHT_HEADERS: Record<string, string> = {
  ...PUBLIC_RESOURCE_HEADERS,
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Max-Age': '86400',
  'Cache-Control': 'no-store',
};
