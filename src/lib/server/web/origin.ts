/**
 * Cross-site request refusal for state-changing methods, on top of Astro's
 * origin check (which covers form content types only). A request is refused
 * when it names another origin, or when the browser marks it `cross-site`.
 * Requests without either header come from non-browser clients, which cannot
 * carry a victim's cookies, and are left to the page's own authorisation.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isCrossSiteStateChange(request: Request, url: URL): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const origin = request.headers.get('origin');
  if (origin !== null) return origin !== url.origin;
  return request.headers.get('sec-fetch-site') === 'cross-site';
}
