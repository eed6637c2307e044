/**
 * The one permission map: which roles may do what. Every page, action and
 * endpoint asks {@link hasPermission} (through the guard helpers); data-level
 * rules (a manager's subtree, a trainer's courses) are checked on top of it.
 */
import type { Role } from './types';

const EVERYONE = ['learner', 'trainer', 'manager', 'admin'] as const satisfies readonly Role[];

export const PERMISSIONS = {
  /** Record progress, answer quizzes, see "Omat kurssit", own certificates. */
  'learning.track': EVERYONE,
  /** Own profile, password, second factor, sessions, own data. */
  'profile.manage': EVERYONE,
  /** The trainer guide and analytics for courses assigned to the trainer. */
  'trainer.analytics': ['trainer', 'admin'],
  /** Create, change and cancel live training sessions (a trainer their own, an administrator all) and see their rosters. */
  'live.manage': ['trainer', 'admin'],
  /** Dashboards, learners and exports in the manager's subtrees. */
  'manager.view': ['manager', 'admin'],
  /** Invite learners into the manager's subtrees and confirm pending members there. */
  'manager.members': ['manager', 'admin'],
  /** Assign courses in the manager's subtrees. */
  'manager.assign': ['manager', 'admin'],
  /** Users, roles, scopes, trainers, disabling, reset links. */
  'admin.users': ['admin'],
  /** Invite anyone with any role; CSV import of any node. */
  'admin.invite': ['admin'],
  /** The organisation tree. */
  'admin.org': ['admin'],
  /** The audit log. */
  'admin.audit': ['admin'],
  /** Run-time settings (registration on/off). */
  'admin.settings': ['admin'],
  /** Revoke certificates. */
  'admin.certificates': ['admin'],
  /** The mail queue (recipients, kinds, status) and resending. */
  'admin.mail': ['admin'],
  /** Organisation sign-in providers and their SCIM tokens. */
  'admin.identity': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Roles that must use a second factor: they see many people's records. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['manager', 'admin'];

/** True when any of the roles grants the permission. */
export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

/** True when the permission is one that only second-factor roles hold. */
export function requiresSecondFactor(permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return allowed.every((r) => SECOND_FACTOR_ROLES.includes(r));
}

/** True when a user with these roles must enrol a second factor. */
export function rolesRequireSecondFactor(roles: readonly Role[]): boolean {
  return roles.some((r) => SECOND_FACTOR_ROLES.includes(r));
}
