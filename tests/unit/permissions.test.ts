import { describe, expect, it } from 'vitest';
import { hasPermission, PERMISSIONS, requiresSecondFactor, rolesRequireSecondFactor, type Permission } from '../../src/lib/server/auth/permissions';
import { decideAccess, safeReturnPath, loginUrl } from '../../src/lib/server/web/access';
import type { Role, SessionInfo, SessionUser } from '../../src/lib/server/auth/types';

const expected: Record<Permission, Role[]> = {
  'learning.track': ['learner', 'trainer', 'manager', 'admin'],
  'profile.manage': ['learner', 'trainer', 'manager', 'admin'],
  'trainer.analytics': ['trainer', 'admin'],
  'live.manage': ['trainer', 'admin'],
  'manager.view': ['manager', 'admin'],
  'manager.members': ['manager', 'admin'],
  'manager.assign': ['manager', 'admin'],
  'admin.users': ['admin'],
  'admin.invite': ['admin'],
  'admin.org': ['admin'],
  'admin.audit': ['admin'],
  'admin.settings': ['admin'],
  'admin.certificates': ['admin'],
  'admin.mail': ['admin'],
  'admin.identity': ['admin'],
};

describe('the permission map', () => {
  it('is exactly as documented, role by role', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(expected).sort());
    for (const [permission, roles] of Object.entries(expected) as [Permission, Role[]][]) {
      for (const role of ['learner', 'trainer', 'manager', 'admin'] as Role[]) {
        expect(hasPermission([role], permission), `${role} ${permission}`).toBe(roles.includes(role));
      }
    }
  });

  it('grants what any of several roles grants', () => {
    expect(hasPermission(['learner', 'trainer'], 'trainer.analytics')).toBe(true);
    expect(hasPermission(['learner'], 'manager.view')).toBe(false);
  });

  it('requires a second factor for what only managers and admins may do', () => {
    expect(requiresSecondFactor('manager.view')).toBe(true);
    expect(requiresSecondFactor('admin.users')).toBe(true);
    expect(requiresSecondFactor('trainer.analytics')).toBe(false);
    expect(requiresSecondFactor('learning.track')).toBe(false);
    expect(rolesRequireSecondFactor(['learner', 'manager'])).toBe(true);
    expect(rolesRequireSecondFactor(['learner', 'trainer'])).toBe(false);
  });
});

describe('access decisions', () => {
  const session = { id: 's' } as SessionInfo;
  const user = (roles: Role[]): SessionUser => ({ id: 1, name: 'x', email: 'x@example.fi', roles });

  it('sends the anonymous to sign in and a half-signed-in session to its second factor', () => {
    expect(decideAccess({ user: null, session: null, pendingSecondFactor: false, hasSecondFactor: () => false }).kind).toBe('login');
    expect(decideAccess({ user: null, session: null, pendingSecondFactor: true, hasSecondFactor: () => false }, 'learning.track').kind).toBe('second-factor');
  });

  it('refuses a role without the permission', () => {
    expect(decideAccess({ user: user(['learner']), session, pendingSecondFactor: false, hasSecondFactor: () => true }, 'admin.users').kind).toBe('forbidden');
  });

  it('sends a manager without a second factor to enrol before manager pages', () => {
    expect(decideAccess({ user: user(['learner', 'manager']), session, pendingSecondFactor: false, hasSecondFactor: () => false }, 'manager.view').kind).toBe('enrol-second-factor');
    expect(decideAccess({ user: user(['learner', 'manager']), session, pendingSecondFactor: false, hasSecondFactor: () => false }, 'learning.track').kind).toBe('allow');
    expect(decideAccess({ user: user(['learner', 'manager']), session, pendingSecondFactor: false, hasSecondFactor: () => true }, 'manager.view').kind).toBe('allow');
  });

  it('gives an admin without a second factor nothing that needs one, whichever permission names it', () => {
    const without = (roles: Role[], permission: Parameters<typeof decideAccess>[1]) => decideAccess({ user: user(roles), session, pendingSecondFactor: false, hasSecondFactor: () => false }, permission);
    // trainer.analytics is also a trainer's permission, but an admin holds it only through the admin role.
    expect(without(['learner', 'admin'], 'trainer.analytics').kind).toBe('enrol-second-factor');
    expect(without(['admin'], 'trainer.analytics').kind).toBe('enrol-second-factor');
    expect(without(['learner', 'trainer', 'admin'], 'trainer.analytics').kind).toBe('allow');
    // Pages that check a further permission themselves (the certificate PDF) see only the roles usable now.
    const learning = without(['learner', 'admin'], 'learning.track');
    expect(learning.kind).toBe('allow');
    expect(learning.kind === 'allow' && hasPermission(learning.user.roles, 'admin.certificates')).toBe(false);
    const enrolled = decideAccess({ user: user(['learner', 'admin']), session, pendingSecondFactor: false, hasSecondFactor: () => true }, 'learning.track');
    expect(enrolled.kind === 'allow' && hasPermission(enrolled.user.roles, 'admin.certificates')).toBe(true);
    // Enrolment itself stays open to an admin who holds no other role.
    expect(without(['admin'], 'profile.manage').kind).toBe('allow');
  });
});

describe('return paths after sign-in', () => {
  it('only lead back into the site', () => {
    expect(safeReturnPath('/kurssit/a/b?x=1')).toBe('/kurssit/a/b?x=1');
    for (const bad of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', null, undefined, '/a\nb']) {
      expect(safeReturnPath(bad), String(bad)).toBe('/');
    }
    expect(loginUrl('/omat-kurssit')).toBe('/kirjaudu?palaa=%2Fomat-kurssit');
  });

  it('are percent-encoded outside printable ASCII, so the redirect header can carry them', () => {
    expect(safeReturnPath('/я')).toBe('/%D1%8F');
    expect(safeReturnPath('/€?q=ä ö')).toBe('/%E2%82%AC?q=%C3%A4%20%C3%B6');
    expect(safeReturnPath('/kurssit/%C3%A4')).toBe('/kurssit/%C3%A4');
    expect(safeReturnPath('/\ud800')).toBe('/');
    expect(safeReturnPath('/a\u007fb')).toBe('/');
    for (const path of ['/я', '/€', '/😀']) expect(() => new Headers({ location: safeReturnPath(path) })).not.toThrow();
  });
});
