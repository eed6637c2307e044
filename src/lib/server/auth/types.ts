/** The roles a user can hold; several at once. */
export const ROLES = ['learner', 'trainer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as pages see it (never the password hash). */
export interface SessionUser {
  id: number;
  name: string;
  email: string;
  roles: Role[];
}

/** The current session as pages see it (never the secret hash). */
export interface SessionInfo {
  id: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  /** False while a user with a second factor has not yet entered a code in this session. */
  twoFactorVerified: boolean;
}
