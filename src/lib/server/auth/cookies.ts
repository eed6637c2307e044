/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, and over https also
 * Secure with the `__Host-` prefix (which forbids a Domain attribute, so no
 * subdomain can set or read it).
 */
import type { AstroCookies } from 'astro';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-session' : 'session';
}

export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: Date, secure: boolean): void {
  cookies.set(sessionCookieName(secure), token, { httpOnly: true, sameSite: 'lax', path: '/', secure, expires: expiresAt });
}

export function deleteSessionCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.set(sessionCookieName(secure), '', { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 0 });
}
