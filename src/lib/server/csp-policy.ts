/**
 * The Content Security Policy, shared by Astro (which adds hashes for its own
 * scripts and styles) and our server (which sends it for static files).
 * No inline script runs unless Astro hashed it; Pagefind's WebAssembly needs
 * 'wasm-unsafe-eval'.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
] as const;

export const SCRIPT_RESOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;
export const STYLE_RESOURCES = ["'self'"] as const;

/** The `security.csp` option for `astro.config.mjs`. */
export const contentSecurityPolicy = {
  algorithm: 'SHA-256' as const,
  directives: [...CSP_DIRECTIVES],
  scriptDirective: { resources: [...SCRIPT_RESOURCES] },
  styleDirective: { resources: [...STYLE_RESOURCES] },
};

/** The policy sent with static files and responses that carry none of their own. */
export function defaultCspHeader(): string {
  return [...CSP_DIRECTIVES, `script-src ${SCRIPT_RESOURCES.join(' ')}`, `style-src ${STYLE_RESOURCES.join(' ')}`].join('; ');
}
