/**
 * The benchmark seeder: the counts it promises, rows the reports read as
 * every status, certificates with all their facts, and a manager whose scope
 * covers everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, isNotNull } from 'drizzle-orm';
import { certificate, courseActivity, courseCompletion, membership, orgNode, user } from '../../src/lib/server/db/schema';
import { listManagerScopeNodeIds, managedPaths } from '../../src/lib/server/accounts/scope';
import { getUserRoles } from '../../src/lib/server/db/users';
import { findCertificateByCode } from '../../src/lib/server/db/certificates';
import { normaliseCertificateCode } from '../../src/lib/server/certificates/code';
import { certificateStatus } from '../../src/lib/server/certificates/status';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { listCompletionRecords } from '../../src/lib/server/reporting/records';
import { RECORD_STATUSES } from '../../src/lib/reporting/record-status';
import { seedBulk, type BulkSeedResult } from '../../src/lib/server/demo/bulk';
import { loadDemoCourses } from '../../src/lib/server/demo/courses';
import { loadConfig } from '../../src/lib/server/config';
import { runRetention } from '../../src/lib/server/privacy/retention';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const NOW = new Date('2026-11-23T10:00:00Z');
const courses = loadDemoCourses().map((c) => c.structure);
const reportCourses = courses.map((c) => ({ id: c.id, title: c.title, version: c.version }));
let t: TestDatabase;
let result: BulkSeedResult;

beforeAll(() => {
  t = createTestDatabase();
  result = seedBulk(t, { learners: 300, courses, seed: 11, now: NOW });
});
afterAll(() => t.cleanup());

const countOf = (table: typeof user | typeof orgNode | typeof courseCompletion | typeof certificate | typeof courseActivity) => t.db.select({ n: count() }).from(table).get()!.n;

describe('seedBulk', () => {
  it('writes what it counts: 221 nodes, the learners and a manager, a third of each state', () => {
    expect(result.counts.learners).toBe(300);
    expect(countOf(orgNode)).toBe(result.counts.nodes);
    expect(result.counts.nodes).toBe(1 + 20 + 200);
    expect(countOf(user)).toBe(301);
    expect(t.db.select({ n: count() }).from(membership).where(eq(membership.status, 'active')).get()!.n).toBe(301);
    expect(countOf(courseCompletion)).toBe(result.counts.completions);
    expect(countOf(certificate)).toBe(result.counts.certificates);
    expect(countOf(courseActivity)).toBe(result.counts.activities);
    const pairs = 300 * courses.length;
    expect(result.counts.completions).toBeGreaterThan(pairs * 0.25);
    expect(result.counts.completions).toBeLessThan(pairs * 0.42);
    expect(result.counts.activities - result.counts.completions).toBeGreaterThan(pairs * 0.25);
    expect(t.db.select({ n: count() }).from(certificate).where(isNotNull(certificate.revokedAt)).get()!.n).toBe(result.counts.revoked);
    expect(result.counts.assignments).toBe(20 * courses.length);
  });

  it('gives every status a manager can see, expiring certificates among them', () => {
    const records = listCompletionRecords(t.db, reportCourses, { paths: [result.countyPath] }, NOW);
    expect(records).toHaveLength(300 * courses.length);
    const byStatus = new Map(RECORD_STATUSES.map((s) => [s, records.filter((r) => r.status === s).length]));
    for (const s of RECORD_STATUSES) expect(byStatus.get(s), s).toBeGreaterThan(0);
    expect(byStatus.get('vanhentunut')).toBe(result.counts.expired);
    expect(byStatus.get('peruttu')).toBe(result.counts.revoked);
    expect(records.some((r) => r.expiringSoon)).toBe(true);
  });

  it('writes certificates that state every fact and read back as the status they were given', () => {
    const revoked = t.db.select().from(certificate).where(isNotNull(certificate.revokedAt)).get()!;
    const cert = findCertificateByCode(t.db, normaliseCertificateCode(revoked.code)!)!;
    const course = courses.find((c) => c.id === cert.courseId)!;
    expect(cert).toMatchObject({ courseTitle: course.title, version: course.version, contentHash: course.contentHash, round: 1 });
    expect(cert.outcomes.length).toBeGreaterThan(0);
    expect(cert.criteria).toContain('loppukokeesta');
    expect(cert.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(cert.validUntil!.getTime()).toBeGreaterThan(cert.issuedAt.getTime());
    expect(certificateStatus(cert, NOW)).toBe('peruttu');
  });

  it('returns a manager scoped to the whole county, who cannot sign in with a password', async () => {
    expect(listManagerScopeNodeIds(t.db, result.managerId)).toEqual([result.countyId]);
    expect(getUserRoles(t.db, result.managerId).sort()).toEqual(['learner', 'manager']);
    expect(managedPaths(t.db, result.manager)).toEqual([result.countyPath]);
    const stored = t.db.select().from(user).where(eq(user.id, result.managerId)).get()!;
    expect(await verifyPassword(stored.passwordHash, '')).toBe(false);
  });

  it('leaves nobody for the inactivity purge to warn', async () => {
    const config = loadConfig({ DATABASE_PATH: `${t.dir}/app.db` });
    const purged = await runRetention(t, config, NOW);
    expect(purged.warned).toBe(0);
    expect(t.sqlite.prepare("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'inactivity_warning'").get()).toEqual({ n: 0 });
  });

  it('adds a second run with another seed beside the first', () => {
    const second = seedBulk(t, { learners: 10, courses, seed: 12, now: NOW });
    expect(second.countyId).not.toBe(result.countyId);
    expect(countOf(user)).toBe(301 + 11);
  });
});
