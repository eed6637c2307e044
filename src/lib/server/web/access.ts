/**
 * The single authorisation decision for pages, actions and endpoints: given
 * who is signed in and what they ask for, allow, send to sign-in, send to the
 * second-factor step or enrolment, or refuse. Pure, so the route matrix and
 * unit tests exercise the same rule the pages use.
 */
import { hasPermission, rolesRequireSecondFactor, SECOND_FACTOR_ROLES, type Permission } from '../auth/permissions';
import type { Role } from '../auth/types';
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

/**
 * The roles usable without a second factor: those that do not require one,
 * and always the learner's (every account may study and keep its profile,
 * which is where the second factor is enrolled).
 */
export function rolesWithoutSecondFactor(roles: readonly Role[]): Role[] {
  return [...new Set<Role>(['learner', ...roles.filter((r) => !SECOND_FACTOR_ROLES.includes(r))])];
}

/**
 * Decides whether a request may proceed. The one rule for second factors:
 * someone whose role requires one but who has not enrolled it holds only the
 * permissions of their other roles, and the user handed to the page carries
 * only those roles, so a page's own further checks cannot grant more.
 */
export function decideAccess(input: AccessInput, permission?: Permission): AccessDecision {
  if (!input.user || !input.session) return input.pendingSecondFactor ? { kind: 'second-factor' } : { kind: 'login' };
  if (permission && !hasPermission(input.user.roles, permission)) return { kind: 'forbidden' };
  if (rolesRequireSecondFactor(input.user.roles) && !input.hasSecondFactor()) {
    const usable = rolesWithoutSecondFactor(input.user.roles);
    if (permission && !hasPermission(usable, permission)) return { kind: 'enrol-second-factor' };
    return { kind: 'allow', user: { ...input.user, roles: usable }, session: input.session };
  }
  return { kind: 'allow', user: input.user, session: input.session };
}

/** The sign-in URL that returns to `returnTo` afterwards (same-site paths only). */
export function loginUrl(returnTo: string): string {
  return `/kirjaudu?palaa=${encodeURIComponent(safeReturnPath(returnTo))}`;
}

/**
 * A return path that can only lead back into this site: a single leading
 * slash, no scheme, no backslashes. Anything else returns home. Characters
 * outside printable ASCII are percent-encoded, since a `Location` header
 * carries nothing else (`/я` would otherwise fail the redirect itself).
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f\u007f]/.test(value)) return '/';
  try {
    return value.replace(/[^\u0021-\u007e]/gu, (c) => encodeURIComponent(c));
  } catch {
    // A lone surrogate cannot be encoded.
    return '/';
  }
}
