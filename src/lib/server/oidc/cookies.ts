/**
 * The sign-in flow cookie: `<id>.<secret>` of the `oidc_flow` row, HttpOnly,
 * SameSite=Lax (the provider's redirect back is a top-level GET from another
 * site, which Lax lets through and Strict would not), ten minutes, and over
 * https Secure with the `__Host-` prefix.
 */
import type { AstroCookies } from 'astro';

export function flowCookieName(secure: boolean): string {
  return secure ? '__Host-oidc-flow' : 'oidc-flow';
}

export function setFlowCookie(cookies: AstroCookies, token: string, maxAgeSeconds: number, secure: boolean): void {
  cookies.set(flowCookieName(secure), token, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: maxAgeSeconds });
}

export function deleteFlowCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.set(flowCookieName(secure), '', { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 0 });
}
