import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { loadConfig } from '../../src/lib/server/config';
import { courseStatus, markRead, type Learner } from '../../src/lib/server/learning/progress';
import { listCompletions } from '../../src/lib/server/db/learning';
import { findCertificateByCompletion, insertCertificateOnce, listCertificatesOfUser } from '../../src/lib/server/db/certificates';
import { certificateBlocker, issuePendingCertificates, issuerFromConfig, hashIdentity } from '../../src/lib/server/certificates/issue';
import { certificateStatus } from '../../src/lib/server/certificates/status';
import { heldCertificates } from '../../src/lib/server/certificates/holder';
import { revokeCertificateWithReason } from '../../src/lib/server/certificates/revoke';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import { changeName } from '../../src/lib/server/accounts/profile';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';

const DAY = 86_400_000;
const fixture = loadFixtureCourse();
let t: TestContext;
let learner: Learner;
let userId: number;

beforeEach(async () => {
  t = createTestContext();
  userId = (await createUser(t.db.db, { email: 'Oppija.Aalto@example.fi', name: 'Åsa Öhman-Äijälä' })).id;
  learner = { userId, issuer: issuerFromConfig(t.config) };
});
afterEach(() => t.db.cleanup());

function finishCourse(nonce = 'n1', f = fixture) {
  completeLessons(t.db.db, f, learner, t.now());
  return passFinal(t.db.db, f, learner, nonce, t.now());
}

describe('issuing a certificate', () => {
  it('happens the moment the course is complete, with a snapshot of every fact', () => {
    completeLessons(t.db.db, fixture, learner, t.now());
    expect(listCertificatesOfUser(t.db.db, userId)).toHaveLength(0);
    passFinal(t.db.db, fixture, learner, 'n1', t.now());
    const [cert] = listCertificatesOfUser(t.db.db, userId);
    expect(cert).toMatchObject({
      holderName: 'Åsa Öhman-Äijälä',
      courseId: 'testikurssi',
      courseTitle: 'Testikurssi',
      version: '1.0',
      contentHash: 'hash-1.0',
      creditHours: 0.5,
      outcomes: ['Tunnistat testikurssin rakenteen.', 'Osaat vastata testikysymyksiin.'],
      issuerName: 'Testialue',
      issuerEmail: 'tuki@example.fi',
      round: 1,
    });
    expect(cert!.code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(cert!.issuedAt.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(cert!.validUntil!.toISOString()).toBe('2029-11-23T10:00:00.000Z');
    expect(cert!.criteria).toMatch(/80 %/);
    expect(cert!.credentialId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(cert!.identityHash).toBe(hashIdentity('oppija.aalto@example.fi', cert!.identitySalt!));
    expect(cert!.identityHash).not.toContain('oppija');
  });

  it('keeps what it states when the person or the course changes later', () => {
    finishCourse();
    changeName(t.ctx(), userId, 'Uusi Nimi');
    const renamed = loadFixtureCourse('1.0');
    markRead(t.db.db, { ...renamed.structure, title: 'Muutettu otsikko' }, 'perusteet', learner, t.now());
    const [cert] = listCertificatesOfUser(t.db.db, userId);
    expect(cert).toMatchObject({ holderName: 'Åsa Öhman-Äijälä', courseTitle: 'Testikurssi' });
  });

  it('is exactly one per completion when many connections race to insert it', () => {
    completeLessons(t.db.db, fixture, { userId }, t.now());
    passFinal(t.db.db, fixture, { userId }, 'n1', t.now());
    const [completion] = listCompletions(t.db.db, userId);
    const handles = Array.from({ length: 20 }, () => openDatabase(path.join(t.db.dir, 'app.db')));
    try {
      const results = handles.map((h, i) =>
        insertCertificateOnce(h.db, {
          code: `RACE-${String(i).padStart(4, '2')}-AAAA`,
          completionId: completion!.id,
          userId,
          courseId: 'testikurssi',
          version: '1.0',
          round: 1,
          contentHash: 'hash-1.0',
          holderName: 'X',
          courseTitle: 'Testikurssi',
          creditHours: 0.5,
          outcomes: [],
          criteria: '',
          description: '',
          issuedAt: t.now(),
          validUntil: null,
          issuerName: 'Testialue',
          issuerEmail: 'tuki@example.fi',
          credentialId: `urn:uuid:race-${i}`,
          identityHash: null,
          identitySalt: null,
        }),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.certificate.code)).size).toBe(1);
    } finally {
      for (const h of handles) closeDatabase(h);
    }
    expect(t.db.sqlite.prepare('SELECT COUNT(*) AS n FROM certificate').get()).toEqual({ n: 1 });
  });

  it('is not issued twice however often the rule is settled again', () => {
    finishCourse('n1');
    for (let i = 0; i < 20; i += 1) passFinal(t.db.db, fixture, learner, `again-${i}`, t.now());
    expect(listCompletions(t.db.db, userId)).toHaveLength(1);
    expect(listCertificatesOfUser(t.db.db, userId)).toHaveLength(1);
  });
});

describe('in production while SITE_URL is the local default', () => {
  it('refuses to issue, says why, and issues the waiting certificates once the address is set', () => {
    const prod = loadConfig({ APP_ENV: 'production', DATABASE_PATH: path.join(t.db.dir, 'app.db'), ORG_NAME: 'Testialue', ORG_CONTACT_EMAIL: 'tuki@example.fi' });
    expect(issuerFromConfig(prod)).toBeNull();
    expect(certificateBlocker(prod)).toMatch(/SITE_URL/);
    learner = { userId, issuer: issuerFromConfig(prod) };
    finishCourse();
    expect(listCompletions(t.db.db, userId)).toHaveLength(1);
    expect(listCertificatesOfUser(t.db.db, userId)).toHaveLength(0);

    const fixed = loadConfig({ APP_ENV: 'production', SITE_URL: 'https://oppiminen.example.fi', DATABASE_PATH: path.join(t.db.dir, 'app.db') });
    expect(certificateBlocker(fixed)).toBeUndefined();
    expect(issuePendingCertificates(t.db.db, issuerFromConfig(fixed)!)).toBe(1);
    expect(issuePendingCertificates(t.db.db, issuerFromConfig(fixed)!)).toBe(0);
    expect(listCertificatesOfUser(t.db.db, userId)[0]!.issuedAt.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
});

describe('renewal', () => {
  it('opens 90 days before expiry, asks only for the final quiz, and keeps the earlier certificate', () => {
    finishCourse('n1');
    const [first] = listCertificatesOfUser(t.db.db, userId);
    const expires = first!.validUntil!.getTime();

    // 100 days before expiry: renewal is not open, a passed quiz changes nothing.
    t.setTime(new Date(expires - 100 * DAY).toISOString());
    expect(heldCertificates(t.db.db, userId, t.now())[0]!.renewalOpen).toBe(false);
    markRead(t.db.db, fixture.structure, 'perusteet', learner, t.now());
    expect(listCertificatesOfUser(t.db.db, userId)).toHaveLength(1);

    // 60 days before: open; lessons need not be redone, the final quiz is enough.
    t.setTime(new Date(expires - 60 * DAY).toISOString());
    expect(heldCertificates(t.db.db, userId, t.now())[0]!.renewalOpen).toBe(true);
    passFinal(t.db.db, fixture, learner, 'renew', t.now());
    const certs = listCertificatesOfUser(t.db.db, userId);
    expect(certs).toHaveLength(2);
    expect(certs.map((c) => c.round)).toEqual([2, 1]);
    expect(certs[0]!.code).not.toBe(certs[1]!.code);
    expect(certs[0]!.validUntil!.getTime()).toBeGreaterThan(expires);
    const held = heldCertificates(t.db.db, userId, t.now());
    expect(held.map((h) => [h.latest, h.renewalOpen])).toEqual([[true, false], [false, false]]);

    // The earlier one stays and expires on its own date.
    t.setTime(new Date(expires + DAY).toISOString());
    expect(certificateStatus(certs[1]!, t.now())).toBe('vanhentunut');
    expect(certificateStatus(certs[0]!, t.now())).toBe('voimassa');
  });

  it('does not reuse a final attempt made before the previous certificate', () => {
    finishCourse('n1');
    const [first] = listCertificatesOfUser(t.db.db, userId);
    t.setTime(new Date(first!.validUntil!.getTime() - 10 * DAY).toISOString());
    markRead(t.db.db, fixture.structure, 'perusteet', learner, t.now());
    expect(listCertificatesOfUser(t.db.db, userId)).toHaveLength(1);
  });

  it('keeps the version it was issued under when the course moves to a new version', () => {
    finishCourse('n1');
    const [issued] = listCertificatesOfUser(t.db.db, userId);
    t.advance(30 * DAY);
    const v2 = loadFixtureCourse('2.0');
    passFinal(t.db.db, v2, learner, 'v2-final', t.now());
    completeLessons(t.db.db, v2, learner, t.now());
    const byVersion = new Map(listCertificatesOfUser(t.db.db, userId).map((c) => [c.version, c]));
    expect(byVersion.get('1.0')).toMatchObject({ code: issued!.code, version: '1.0', issuedAt: issued!.issuedAt });
    expect(byVersion.get('2.0')!.code).not.toBe(issued!.code);
  });

  it('under a new version label asks for what the rule engine says is missing', () => {
    finishCourse('n1');
    t.advance(30 * DAY);
    const v2 = loadFixtureCourse('2.0');
    expect(courseStatus(t.db.db, v2.structure, userId).complete).toBe(false);
    passFinal(t.db.db, v2, learner, 'v2-final', t.now());
    expect(listCertificatesOfUser(t.db.db, userId)).toHaveLength(1);
    completeLessons(t.db.db, v2, learner, t.now());
    const certs = listCertificatesOfUser(t.db.db, userId);
    expect(certs.map((c) => c.version).sort()).toEqual(['1.0', '2.0']);
  });
});

describe('revoking', () => {
  it('needs a reason, is audit-logged, shows as peruttu and happens once', async () => {
    const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'] });
    finishCourse();
    const [cert] = listCertificatesOfUser(t.db.db, userId);
    expect(revokeCertificateWithReason(t.ctx(), admin.id, { code: cert!.code, reason: ' ' })).toMatchObject({ ok: false, error: 'reason' });
    expect(revokeCertificateWithReason(t.ctx(), admin.id, { code: 'AAAA-BBBB-CCCC', reason: 'Virhe' })).toMatchObject({ ok: false, error: 'not_found' });
    expect(revokeCertificateWithReason(t.ctx(), admin.id, { code: cert!.code.toLowerCase().replace(/-/g, ''), reason: 'Myönnetty väärälle henkilölle' })).toMatchObject({ ok: true });
    expect(revokeCertificateWithReason(t.ctx(), admin.id, { code: cert!.code, reason: 'Toinen kerta' })).toMatchObject({ ok: false, error: 'already_revoked' });
    const revoked = findCertificateByCompletion(t.db.db, cert!.completionId)!;
    expect(certificateStatus(revoked, t.now())).toBe('peruttu');
    expect(revoked).toMatchObject({ revokedReason: 'Myönnetty väärälle henkilölle', revokedBy: admin.id });
    const events = listAuditEvents(t.db.db, { action: 'certificate.revoked', limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.id, targetId: String(cert!.id), details: { code: cert!.code, reason: 'Myönnetty väärälle henkilölle' } });
  });
});
