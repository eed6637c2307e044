/**
 * The hot queries run as statements prepared once per connection: the same
 * rows as before, on the database and inside transactions alike.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEvent, listAuditEvents } from '../../src/lib/server/db/audit';
import { findSessionWithUser, touchSession } from '../../src/lib/server/db/sessions';
import { createSession } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { insertUser } from '../../src/lib/server/db/users';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let t: TestDatabase;
beforeEach(() => (t = createTestDatabase()));
afterEach(() => t.cleanup());

describe('prepared hot queries', () => {
  it('append audit entries with SQL NULL for missing details and JSON otherwise, in and out of transactions', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    const a = appendAuditEvent(t.db, { actorId: null, action: 'test.plain' }, at);
    const b = t.db.transaction((tx) => appendAuditEvent(tx, { actorId: 7, action: 'test.details', targetType: 'user', targetId: 3, ip: '::1', details: { n: 1 } }, at));
    expect(b).toBe(a + 1);
    const raw = t.sqlite.prepare('SELECT id, at, details, target_id FROM audit_log ORDER BY id').all();
    expect(raw).toEqual([
      { id: a, at: at.getTime(), details: null, target_id: null },
      { id: b, at: at.getTime(), details: '{"n":1}', target_id: '3' },
    ]);
    expect(listAuditEvents(t.db, { action: 'test.details' })[0]).toMatchObject({ at, actorId: 7, details: { n: 1 } });
  });

  it('find a session with its user and roles, and refresh its idle clock', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const id = insertUser(t.db, { email: 'a@example.invalid', name: 'A', passwordHash: '!', roles: ['trainer'] }, now);
    const created = createSession(t.db, { id, name: 'A', email: 'a@example.invalid', roles: ['learner', 'trainer'] }, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, now);
    const found = findSessionWithUser(t.db, created.session.id)!;
    expect(found.user.id).toBe(id);
    expect(found.roles.sort()).toEqual(['learner', 'trainer']);
    expect(found.session.lastSeenAt).toEqual(now);
    const later = new Date(now.getTime() + 120_000);
    t.db.transaction((tx) => touchSession(tx, created.session.id, later));
    expect(findSessionWithUser(t.db, created.session.id)!.session.lastSeenAt).toEqual(later);
    expect(findSessionWithUser(t.db, 'missing')).toBeUndefined();
  });
});
