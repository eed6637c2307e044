/**
 * The demo seeder against a real temporary database: added beside an
 * existing organisation with --force (the full demo, taken addresses
 * skipped), every status a manager can see present, and the command line
 * refusing a database with users and seeding an empty one. The seed walks
 * two short fixture courses (`helpers/demo-content.ts`) rather than the whole
 * curriculum: the same flows and states, a fraction of the activities.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { loadConfig } from '../../src/lib/server/config';
import { findNode, findRootNode, insertNode, listNodes } from '../../src/lib/server/db/org';
import { findUserByEmail, findUserById, getUserRoles, insertUser } from '../../src/lib/server/db/users';
import { listActiveAssignments } from '../../src/lib/server/db/assignments';
import { listRevokedCertificates } from '../../src/lib/server/db/certificates';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import { certificate as certificateTable, membership, user } from '../../src/lib/server/db/schema';
import { listManagerScopeNodeIds } from '../../src/lib/server/accounts/scope';
import { listTrainerCourses } from '../../src/lib/server/accounts/admin-users';
import { checkPasswordPolicy, verifyPassword } from '../../src/lib/server/auth/password';
import { listCompletionRecords } from '../../src/lib/server/reporting/records';
import { RECORD_STATUSES } from '../../src/lib/reporting/record-status';
import { addDaysToKey, helsinkiDateKey } from '../../src/lib/format';
import { DEFAULT_DEMO_SEED, seedDemo, type DemoSeedResult } from '../../src/lib/server/demo/seed';
import { loadDemoCourses } from '../../src/lib/server/demo/courses';
import { DEMO_ORGANISATION } from '../../src/lib/server/demo/organisation';
import { DEMO_PASSWORD, DEMO_STAFF, drawPeople } from '../../src/lib/server/demo/people';
import { createRandom } from '../../src/lib/server/demo/random';
import { runRetention } from '../../src/lib/server/privacy/retention';
import { createTestDatabase, makeTempDir, type TestDatabase } from '../helpers/test-db';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { decodeJwt } from 'jose';
import achievementCredentialSchema from '../fixtures/ob3/ob_v3p0_achievementcredential_schema.json';
import { buildCredential, signCredential } from '../../src/lib/server/certificates/credential';
import { createUser } from '../helpers/accounts';
import { createDemoContent } from '../helpers/demo-content';

const NOW = new Date('2026-11-23T10:00:00Z');
const CONTENT = createDemoContent();
const courses = loadDemoCourses(CONTENT);
const reportCourses = courses.map((c) => ({ id: c.structure.id, title: c.structure.title, version: c.structure.version }));

describe('seedDemo beside an existing organisation', () => {
  let t: TestDatabase;
  let result: DemoSeedResult;
  let refused: DemoSeedResult;
  let rootId: number;
  /** The first person the demo plans, given an account before the seed. */
  const taken = drawPeople(createRandom(DEFAULT_DEMO_SEED), 1)[0]!;

  beforeAll(async () => {
    t = createTestDatabase();
    const config = loadConfig({ DATABASE_PATH: `${t.dir}/app.db`, SITE_URL: 'https://oppiminen.example.fi', ORG_NAME: 'Testialue' });
    rootId = insertNode(t.db, { name: 'Testialue', type: 'muu', parentId: null }, NOW).id;
    await createUser(t.db, { email: 'admin@example.fi', roles: ['admin'], nodeId: rootId });
    await createUser(t.db, { email: taken.email, name: 'Jo olemassa', nodeId: rootId });
    refused = await seedDemo(t, config, NOW, { contentDir: CONTENT });
    result = await seedDemo(t, config, NOW, { force: true, contentDir: CONTENT });
  }, 120_000);
  afterAll(() => t.cleanup());

  const staffId = (key: keyof typeof DEMO_STAFF) => findUserByEmail(t.db, DEMO_STAFF[key].email)!.id;

  it('refuses without --force, then adds the demo under the root, skipping the taken address and the admin', async () => {
    expect(refused).toEqual({ ok: false, error: 'has_users' });
    if (!result.ok) throw new Error(result.error);
    const counties = listNodes(t.db).filter((n) => n.name === DEMO_ORGANISATION.name);
    expect(counties).toHaveLength(1);
    expect(counties[0]!.parentId).toBe(rootId);
    expect(findRootNode(t.db)!.id).toBe(rootId);
    expect(result.skipped).toBe(1);
    expect(findUserByEmail(t.db, taken.email)!.name).toBe('Jo olemassa');
    expect(findUserByEmail(t.db, DEMO_STAFF.admin.email)).toBeUndefined();
    expect(result.staff.map((s) => s.email).sort()).toEqual([DEMO_STAFF.associationManager.email, DEMO_STAFF.countyManager.email, DEMO_STAFF.employmentManager.email, DEMO_STAFF.trainer.email].sort());
    expect(result.password).toBe(DEMO_PASSWORD);
    expect(checkPasswordPolicy(DEMO_PASSWORD)).toBeNull();
    expect(await verifyPassword(findUserByEmail(t.db, DEMO_STAFF.trainer.email)!.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it('creates about 200 fictional learners, some pending and some who left a unit', () => {
    if (!result.ok) throw new Error(result.error);
    const demoUsers = t.db.select().from(user).where(like(user.email, '%@demo.invalid')).all();
    expect(result.counts.learners).toBeGreaterThanOrEqual(180);
    expect(result.counts.learners).toBeLessThanOrEqual(220);
    expect(demoUsers).toHaveLength(result.counts.learners + result.staff.length + 1);
    const statuses = t.db.select({ status: membership.status }).from(membership).all().map((m) => m.status);
    expect(statuses.filter((s) => s === 'pending').length).toBeGreaterThanOrEqual(8);
    expect(statuses.filter((s) => s === 'ended').length).toBeGreaterThanOrEqual(8);
    expect(result.sampleLearners).toHaveLength(2);
  });

  it('gives the managers their scopes and the trainer every course', () => {
    const scopeNames = (key: keyof typeof DEMO_STAFF) => listManagerScopeNodeIds(t.db, staffId(key)).map((id) => findNode(t.db, id)!.name);
    expect(scopeNames('countyManager')).toEqual([DEMO_ORGANISATION.name]);
    expect(scopeNames('employmentManager')).toEqual(['Kaislarannan työllisyyspalvelut']);
    expect(scopeNames('associationManager')).toEqual(['Järvi-Pohjan Mielenterveysseura ry']);
    expect(getUserRoles(t.db, staffId('countyManager'))).toContain('manager');
    expect(getUserRoles(t.db, staffId('trainer'))).toContain('trainer');
    expect(listTrainerCourses(t.db, staffId('trainer')).sort()).toEqual(courses.map((c) => c.structure.id).sort());
  });

  it('shows managers every completion status, expiring certificates among them', () => {
    const records = listCompletionRecords(t.db, reportCourses, {}, NOW);
    expect(new Set(records.map((r) => r.status))).toEqual(new Set(RECORD_STATUSES));
    expect(records.some((r) => r.expiringSoon && r.status === 'valmis')).toBe(true);
    const employmentPaths = listManagerScopeNodeIds(t.db, staffId('employmentManager')).map((id) => findNode(t.db, id)!.path);
    const theirs = listCompletionRecords(t.db, reportCourses, { paths: employmentPaths }, NOW);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.map((r) => r.status)).toContain('myöhässä');
  });

  it('assigns a course county-wide, one overdue to the employment services and some personally', () => {
    const today = helsinkiDateKey(NOW);
    const all = listActiveAssignments(t.db);
    const county = all.find((a) => a.nodeName === DEMO_ORGANISATION.name)!;
    expect(county.dueDate).toBe(addDaysToKey(today, 60));
    expect(county.createdAt.getTime()).toBeLessThan(NOW.getTime());
    const employment = all.find((a) => a.nodeName === 'Kaislarannan työllisyyspalvelut')!;
    expect(employment.dueDate < today).toBe(true);
    expect(employment.createdAt.getTime()).toBeLessThan(Date.parse(`${employment.dueDate}T00:00:00Z`));
    expect(all.filter((a) => a.userId !== null).length).toBeGreaterThanOrEqual(3);
  });

  it('issues certificates through the real flow and revokes some with a reason, audit-logged', () => {
    if (!result.ok) throw new Error(result.error);
    expect(result.counts.certificates).toBe(result.counts.completions);
    const revoked = listRevokedCertificates(t.db);
    expect(revoked).toHaveLength(result.counts.revoked);
    expect(revoked.length).toBeGreaterThan(0);
    expect(revoked.every((c) => (c.revokedReason ?? '').length > 10 && c.revokedAt!.getTime() < NOW.getTime())).toBe(true);
    const hashes = new Map(courses.map((c) => [c.structure.id, c.structure.contentHash]));
    expect(revoked.every((c) => c.contentHash === hashes.get(c.courseId))).toBe(true);
    expect(listAuditEvents(t.db, { action: 'certificate.revoked' })).toHaveLength(revoked.length);
  });

  it('issues only credentials valid against the OB 3.0 schema, with nbf = validFrom and exp = validUntil to the second', async () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(achievementCredentialSchema);
    const all = t.db.select().from(certificateTable).all();
    expect(all.length).toBeGreaterThan(100);
    for (const c of all) {
      const subjectId = findUserById(t.db, c.userId)!.subjectId;
      expect(validate(buildCredential(c, subjectId, 'https://oppiminen.example.fi')), `${c.code}: ${JSON.stringify(validate.errors)}`).toBe(true);
      const claims = decodeJwt(await signCredential(t.db, c, subjectId, 'https://oppiminen.example.fi'));
      expect(claims.nbf, c.code).toBe(Date.parse(String(claims.validFrom)) / 1000);
      expect(claims.exp, c.code).toBe(claims.validUntil === undefined ? undefined : Date.parse(String(claims.validUntil)) / 1000);
    }
  });

  it('keeps every demo account clear of the inactivity purge', async () => {
    const config = loadConfig({ DATABASE_PATH: `${t.dir}/app.db` });
    const purged = await runRetention(t, config, NOW);
    expect(purged.warned).toBe(0);
    expect(t.sqlite.prepare("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'inactivity_warning'").get()).toEqual({ n: 0 });
  });

  it('refuses a second copy even with --force', async () => {
    const config = loadConfig({ DATABASE_PATH: `${t.dir}/app.db` });
    expect(await seedDemo(t, config, NOW, { force: true, contentDir: CONTENT })).toEqual({ ok: false, error: 'already_seeded' });
    expect(t.db.select().from(user).where(eq(user.email, DEMO_STAFF.trainer.email)).all()).toHaveLength(1);
  });
});

describe('npm run seed:demo', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const run = (dbPath: string) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-demo.ts', '--content', CONTENT], { env: { ...process.env, DATABASE_PATH: dbPath }, encoding: 'utf8' });
  const tempDb = () => {
    const dir = makeTempDir();
    dirs.push(dir);
    return path.join(dir, 'app.db');
  };

  it('refuses a database that has users and exits 1', () => {
    const db = tempDb();
    const handle = openDatabase(db);
    insertUser(handle.db, { email: 'olemassa@example.fi', name: 'Olemassa', passwordHash: 'x', roles: [] }, NOW);
    closeDatabase(handle);
    const result = run(db);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('on jo käyttäjiä');
    expect(result.stdout).toBe('');
  });

  it('seeds an empty database and prints how to sign in', () => {
    const db = tempDb();
    const result = run(db);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`salasana: ${DEMO_PASSWORD}`);
    for (const s of Object.values(DEMO_STAFF)) expect(result.stdout).toContain(s.email);
    expect(result.stdout.match(/@demo\.invalid {2,}.*oppija/g)).toHaveLength(2);
    expect(result.stdout).toContain('http://localhost:4321/kirjaudu');
    expect(result.stdout).toContain('toisen tunnistautumistavan');
    const handle = openDatabase(db, { readonly: true });
    expect(findRootNode(handle.db)!.name).toBe(DEMO_ORGANISATION.name);
    expect(getUserRoles(handle.db, findUserByEmail(handle.db, DEMO_STAFF.admin.email)!.id)).toContain('admin');
    closeDatabase(handle);
  }, 120_000);
});
