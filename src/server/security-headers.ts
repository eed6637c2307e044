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
