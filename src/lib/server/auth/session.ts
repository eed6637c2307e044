/**
 * Sessions exactly per the Lucia guide, plus idle and absolute timeouts per
 * role. The client holds `<id>.<secret>`; the database holds the id and
 * SHA-256(secret). Validation compares the hash in constant time, refuses
 * disabled users and expired sessions, and refreshes the idle clock at most
 * once a minute (so reading pages does not write on every request).
 */
import type { DbClient } from '../db/client';
import { deleteSession, deleteUserSessions, findSessionWithUser, insertSession, listSessionsOfUser, setSessionTwoFactorVerified, touchSession } from '../db/sessions';
import { createSplitToken, parseSplitToken, verifySecret } from './tokens';
import { timeoutsForRoles, type SessionTimeouts } from './session-policy';
import type { SessionInfo, SessionUser } from './types';

/** How stale `last_seen_at` may get before a request refreshes it. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface CreatedSession {
  token: string;
  session: SessionInfo;
}

/** Creates a session for a user; a new token at every login. */
export function createSession(
  db: DbClient,
  user: SessionUser,
  options: { twoFactorVerified: boolean; userAgent?: string | null },
  timeouts: SessionTimeouts,
  now: Date,
): CreatedSession {
  const token = createSplitToken();
  insertSession(db, {
    id: token.id,
    userId: user.id,
    secretHash: Buffer.from(token.secretHash),
    createdAt: now,
    lastSeenAt: now,
    twoFactorVerified: options.twoFactorVerified,
    userAgent: options.userAgent ? describeUserAgent(options.userAgent) : null,
  });
  const policy = timeoutsForRoles(user.roles, timeouts);
  return {
    token: token.token,
    session: {
      id: token.id,
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + policy.idleMs),
      absoluteExpiresAt: new Date(now.getTime() + policy.absoluteMs),
      twoFactorVerified: options.twoFactorVerified,
    },
  };
}

export interface ValidatedSession {
  session: SessionInfo;
  user: SessionUser;
}

/**
 * Returns the session and user for a token, or null when the token is
 * malformed, unknown, wrong, expired (idle or absolute) or its user disabled.
 * Expired sessions are deleted.
 */
export function validateSessionToken(db: DbClient, token: string | undefined, timeouts: SessionTimeouts, now: Date): ValidatedSession | null {
  const parsed = parseSplitToken(token);
  if (!parsed) return null;
  const found = findSessionWithUser(db, parsed.id);
  if (!found) return null;
  if (!verifySecret(parsed.secret, new Uint8Array(found.session.secretHash))) return null;
  const policy = timeoutsForRoles(found.roles, timeouts);
  const nowMs = now.getTime();
  const absoluteExpiresAt = found.session.createdAt.getTime() + policy.absoluteMs;
  const idleExpiresAt = found.session.lastSeenAt.getTime() + policy.idleMs;
  if (found.user.disabledAt || nowMs >= absoluteExpiresAt || nowMs >= idleExpiresAt) {
    deleteSession(db, parsed.id);
    return null;
  }
  let lastSeenAt = found.session.lastSeenAt;
  if (nowMs - lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    touchSession(db, parsed.id, now);
    lastSeenAt = now;
  }
  return {
    session: {
      id: found.session.id,
      userId: found.user.id,
      createdAt: found.session.createdAt,
      lastSeenAt,
      idleExpiresAt: new Date(Math.min(lastSeenAt.getTime() + policy.idleMs, absoluteExpiresAt)),
      absoluteExpiresAt: new Date(absoluteExpiresAt),
      twoFactorVerified: found.session.twoFactorVerified,
    },
    user: { id: found.user.id, name: found.user.name, email: found.user.email, roles: found.roles },
  };
}

/** Extends the idle clock now (the "Jatka istuntoa" button). */
export function extendSession(db: DbClient, sessionId: string, now: Date): void {
  touchSession(db, sessionId, now);
}

export function markSessionTwoFactorVerified(db: DbClient, sessionId: string): void {
  setSessionTwoFactorVerified(db, sessionId);
}

/** Ends one session (logout). */
export function invalidateSession(db: DbClient, sessionId: string): void {
  deleteSession(db, sessionId);
}

/** Ends all of a user's sessions (password or role change, disabling), optionally keeping one. */
export function invalidateUserSessions(db: DbClient, userId: number, exceptSessionId?: string): number {
  return deleteUserSessions(db, userId, exceptSessionId);
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  current: boolean;
}

/** A user's sessions for "your sessions" (never the secret hash). */
export function listUserSessions(db: DbClient, userId: number, currentSessionId?: string): SessionSummary[] {
  return listSessionsOfUser(db, userId)
    .map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, userAgent: s.userAgent, current: s.id === currentSessionId }))
    .reverse();
}

/** A short, non-identifying description of a browser: "Firefox, Windows". */
export function describeUserAgent(ua: string): string {
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Selain';
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : 'tuntematon järjestelmä';
  return `${browser}, ${os}`;
}
