/**
 * The single authorisation decision for pages, actions and endpoints: given
 * who is signed in and what they ask for, allow, send to sign-in, send to the
 * second-factor step or enrolment, or refuse. Pure, so the route matrix and
 * unit tests exercise the same rule the pages use.
 */
import { hasPermission, requiresSecondFactor, type Permission } from '../auth/permissions';
import type { SessionInfo, SessionUser } from '../auth/types';

export type AccessDecision =
  | { kind: 'allow'; user: SessionUser; session: SessionInfo }
  | { kind: 'login' }
  | { kind: 'second-factor' }
  | { kind: 'enrol-second-factor' }
  | { kind: 'forbidden' };

export interface AccessInput {
  user: SessionUser | null | undefined;
  session: SessionInfo | null | undefined;
  /** A session that still waits for its second factor. */
  pendingSecondFactor: boolean;
  /** Whether the user has enrolled a second factor (only consulted when the permission needs one). */
  hasSecondFactor: () => boolean;
}

/** Decides whether a request may proceed. */
export function decideAccess(input: AccessInput, permission?: Permission): AccessDecision {
  if (!input.user || !input.session) return input.pendingSecondFactor ? { kind: 'second-factor' } : { kind: 'login' };
  if (permission && !hasPermission(input.user.roles, permission)) return { kind: 'forbidden' };
  if (permission && requiresSecondFactor(permission) && !input.hasSecondFactor()) return { kind: 'enrol-second-factor' };
  return { kind: 'allow', user: input.user, session: input.session };
}

/** The sign-in URL that returns to `returnTo` afterwards (same-site paths only). */
export function loginUrl(returnTo: string): string {
  return `/kirjaudu?palaa=${encodeURIComponent(safeReturnPath(returnTo))}`;
}

/**
 * A return path that can only lead back into this site: a single leading
 * slash, no scheme, no backslashes. Anything else returns home.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f]/.test(value)) return '/';
  return value;
}
