/**
 * Personal data: the export covers every table that refers to a person,
 * erasure leaves no trace of the name or email in any database file, and the
 * retention run removes exactly what the privacy notice says it does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPersonalData, NOT_PERSONAL_TABLES, PERSONAL_DATA_TABLES } from '../../src/lib/server/privacy/export';
import { deleteOwnAccount, eraseAccount, ERASED_NAME } from '../../src/lib/server/privacy/erase';
import { describeRetention, INACTIVITY_GRACE_DAYS, OUTBOX_RETENTION_DAYS, runRetention } from '../../src/lib/server/privacy/retention';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { certificateStatus } from '../../src/lib/server/certificates/status';
import { listCertificatesOfUser } from '../../src/lib/server/db/certificates';
import { findUserById } from '../../src/lib/server/db/users';
import { appendAuditEvent } from '../../src/lib/server/db/audit';
import { createSession } from '../../src/lib/server/auth/session';
import { issueOneTimeToken } from '../../src/lib/server/accounts/one-time-token';
import { consumeRateLimit } from '../../src/lib/server/auth/rate-limit';
import { saveReflection } from '../../src/lib/server/learning/progress';
import { login } from '../../src/lib/server/accounts/login';
import { deliverMail } from '../../src/lib/server/mail/mailer';
import { enqueueMail } from '../../src/lib/server/mail/outbox';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, PASSWORD } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';

const DAY = 86_400_000;
const fixture = loadFixtureCourse();
const NAME = 'Zelmeri Qvistbäck-Ylönen';
const EMAIL = 'zelmeri.qvistback@tunniste-esimerkki.fi';
let t: TestContext;

beforeEach(() => {
  t = createTestContext();
});
afterEach(() => t.db.cleanup());

const count = (sql: string) => (t.db.sqlite.prepare(sql).get() as { n: number }).n;

/** A learner with something in every personal table. */
async function learnerWithHistory() {
  const org = createOrg(t.db.db);
  const user = await createUser(t.db.db, { email: EMAIL, name: NAME, nodeId: org.a });
  const learner = { userId: user.id, issuer: issuerFromConfig(t.config) };
  completeLessons(t.db.db, fixture, learner, t.now());
  passFinal(t.db.db, fixture, learner, 'n1', t.now());
  saveReflection(t.db.db, fixture.structure, 'perusteet', 'tk-pohdinta', `Minä, ${NAME}, ajattelen näin.`, learner, t.now());
  createSession(t.db.db, user, { twoFactorVerified: false, userAgent: 'Mozilla/5.0 Firefox/140.0' }, t.config.sessionTimeouts, t.now());
  issueOneTimeToken(t.db.db, 'email_change', { email: EMAIL, userId: user.id }, t.now());
  consumeRateLimit(t.db.db, t.config.rateLimits, 'login.account', EMAIL, t.now());
  appendAuditEvent(t.db.db, { actorId: user.id, action: 'auth.login', targetType: 'user', targetId: user.id }, t.now());
  const welcome = { to: EMAIL, subject: 'Tervetuloa', text: `Hei ${NAME}`, html: `<p>Hei ${NAME}</p>` };
  enqueueMail(t.db.db, welcome, { kind: 'password_changed', userId: user.id }, t.now());
  await deliverMail(t.config, welcome, t.now(), { log: () => {} });
  return user;
}

describe('Lataa omat tietoni', () => {
  it('covers every table that refers to a user (add a table and this fails until it is listed)', () => {
    const tables = (t.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    const refersToUser = (table: string) => {
      const fks = t.db.sqlite.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { table: string }[];
      const cols = t.db.sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[];
      return table === 'user' || fks.some((f) => f.table === 'user') || cols.some((c) => /(^|_)(user_id|actor_id|by)$|_by$|^email$/.test(c.name));
    };
    for (const table of tables) {
      if (refersToUser(table)) expect(Object.keys(PERSONAL_DATA_TABLES), `${table} refers to a user`).toContain(table);
      else expect([...Object.keys(PERSONAL_DATA_TABLES), ...Object.keys(NOT_PERSONAL_TABLES)], `${table} is in neither list`).toContain(table);
    }
    for (const listed of [...Object.keys(PERSONAL_DATA_TABLES), ...Object.keys(NOT_PERSONAL_TABLES)]) expect(tables).toContain(listed);
  });

  it('returns the person’s rows from each table and no secrets', async () => {
    const user = await learnerWithHistory();
    const other = await createUser(t.db.db, { email: 'toinen@example.fi' });
    saveReflection(t.db.db, fixture.structure, 'perusteet', 'tk-pohdinta', 'Toisen ajatus', { userId: other.id }, t.now());
    const data = exportPersonalData(t.db.db, user.id, t.now()) as { tiedot: Record<string, unknown[]> };
    for (const table of ['user', 'user_role', 'membership', 'session', 'one_time_token', 'audit_log', 'lesson_progress', 'quiz_attempt', 'case_run', 'reflection', 'final_attempt', 'course_activity', 'course_completion', 'certificate']) {
      expect(data.tiedot[table], table).not.toHaveLength(0);
    }
    const json = JSON.stringify(data);
    expect(json).toContain(NAME);
    expect(json).not.toContain('Toisen ajatus');
    expect(json).not.toMatch(/\$argon2/);
    expect(json).not.toMatch(/secretHash|codeHash/);
  });
});

describe('Poista tilini', () => {
  it('leaves neither the name nor the email in the database, -wal or -shm files', async () => {
    const user = await learnerWithHistory();
    const file = path.join(t.db.dir, 'app.db');
    const bytesOf = () => [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f)).map((f) => [f, fs.readFileSync(f)] as const);
    const contains = (needle: string) => bytesOf().filter(([, b]) => b.includes(Buffer.from(needle, 'utf8'))).map(([f]) => path.basename(f));
    expect(contains(NAME).length).toBeGreaterThan(0);
    expect(fs.readdirSync(t.config.outboxDir)).toHaveLength(1);

    const result = eraseAccount(t.db, user.id, user.id, t.config.outboxDir, t.now());
    expect(result).toEqual({ ok: true });
    expect(contains(NAME)).toEqual([]);
    expect(contains(EMAIL)).toEqual([]);
    expect(contains('Qvistbäck')).toEqual([]);
    expect(fs.readdirSync(t.config.outboxDir)).toHaveLength(0);

    // Anonymous counts stay; the certificate verifies as revoked, "tili poistettu".
    expect(findUserById(t.db.db, user.id)).toMatchObject({ name: ERASED_NAME });
    expect(count('SELECT COUNT(*) AS n FROM course_completion')).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM final_attempt')).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM reflection')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM session')).toBe(0);
    const [cert] = listCertificatesOfUser(t.db.db, user.id);
    expect(certificateStatus(cert!, t.now())).toBe('peruttu');
    expect(cert).toMatchObject({ revokedReason: 'tili poistettu', holderName: ERASED_NAME, identityHash: null });
  });

  it('asks for the password and keeps the last administrator', async () => {
    const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'] });
    const learner = await createUser(t.db.db, { email: 'oppija@example.fi' });
    const input = { outboxDir: t.config.outboxDir, now: t.now() };
    expect(await deleteOwnAccount(t.db, { ...input, userId: learner.id, password: 'väärä salasana' })).toEqual({ ok: false, error: 'wrong_password' });
    expect(findUserById(t.db.db, learner.id)?.erasedAt).toBeNull();
    expect(await deleteOwnAccount(t.db, { ...input, userId: admin.id, password: PASSWORD })).toEqual({ ok: false, error: 'last_admin' });
    expect(await deleteOwnAccount(t.db, { ...input, userId: learner.id, password: PASSWORD })).toEqual({ ok: true });
    expect(await deleteOwnAccount(t.db, { ...input, userId: learner.id, password: PASSWORD })).toEqual({ ok: false, error: 'not_found' });
    expect((await login(t.ctx(), { email: 'oppija@example.fi', password: PASSWORD })).ok).toBe(false);
  });
});

describe('retention', () => {
  it('purges exactly what the notice lists, as of the injected time', async () => {
    const start = t.now();
    const old = await createUser(t.db.db, { email: 'vanha@example.fi', name: 'Vanha Käyttäjä' }, start);
    const active = await createUser(t.db.db, { email: 'aktiivinen@example.fi' }, start);
    await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'] }, start);
    // Things that expire early.
    issueOneTimeToken(t.db.db, 'password_reset', { email: 'aktiivinen@example.fi', userId: active.id }, start);
    consumeRateLimit(t.db.db, t.config.rateLimits, 'login.ip', '203.0.113.9', start);
    createSession(t.db.db, active, { twoFactorVerified: false }, t.config.sessionTimeouts, start);
    appendAuditEvent(t.db.db, { actorId: active.id, action: 'auth.login' }, start);
    await deliverMail(t.config, { to: 'aktiivinen@example.fi', subject: 'Vanha viesti', text: 'x', html: '<p>x</p>' }, start, { log: () => {} });
    const [oldMail] = fs.readdirSync(t.config.outboxDir);
    fs.utimesSync(path.join(t.config.outboxDir, oldMail!), start, start);

    // Two days later: tokens (1 h), counters (15 min) go; the session, mail and audit stay.
    t.advance(2 * DAY);
    expect(await runRetention(t.db, t.config, t.now())).toEqual({ tokens: 1, rateLimits: 1, sessions: 0, outboxFiles: 0, outboxMessages: 0, auditEntries: 0, warned: 0, anonymised: 0 });
    expect(await runRetention(t.db, t.config, t.now())).toEqual({ tokens: 0, rateLimits: 0, sessions: 0, outboxFiles: 0, outboxMessages: 0, auditEntries: 0, warned: 0, anonymised: 0 });

    // 31 days: the outbox mail and the dead session go.
    t.setTime(new Date(start.getTime() + (OUTBOX_RETENTION_DAYS + 1) * DAY).toISOString());
    expect(await runRetention(t.db, t.config, t.now())).toMatchObject({ sessions: 1, outboxFiles: 1, auditEntries: 0 });

    // Just past three years without signing in: a warning, then anonymisation after the grace period.
    t.setTime(new Date(start.getTime() + (t.config.inactiveAccountDays + 1) * DAY).toISOString());
    await login(t.ctx(), { email: 'aktiivinen@example.fi', password: PASSWORD });
    const warned = await runRetention(t.db, t.config, t.now());
    expect(warned).toMatchObject({ warned: 2, anonymised: 0 });
    expect(t.mail.map((m) => m.to).sort()).toEqual(['admin@example.fi', 'vanha@example.fi']);
    expect(await runRetention(t.db, t.config, t.now())).toMatchObject({ warned: 0, anonymised: 0 });

    t.advance((INACTIVITY_GRACE_DAYS + 1) * DAY);
    const done = await runRetention(t.db, t.config, t.now());
    // The only administrator is never anonymised; the active learner signed in.
    expect(done).toMatchObject({ warned: 0, anonymised: 1 });
    expect(findUserById(t.db.db, old.id)).toMatchObject({ name: ERASED_NAME });
    expect(findUserById(t.db.db, active.id)?.erasedAt).toBeNull();

    // Five years: audit entries older than the period go, newer ones stay.
    t.setTime(new Date(start.getTime() + (t.config.auditRetentionDays + 1) * DAY).toISOString());
    const cutoff = t.now().getTime() - t.config.auditRetentionDays * DAY;
    const older = count(`SELECT COUNT(*) AS n FROM audit_log WHERE at < ${cutoff}`);
    const newer = count(`SELECT COUNT(*) AS n FROM audit_log WHERE at >= ${cutoff}`);
    expect(older).toBe(1);
    expect(newer).toBeGreaterThan(0);
    expect((await runRetention(t.db, t.config, t.now())).auditEntries).toBe(older);
    expect(count('SELECT COUNT(*) AS n FROM audit_log')).toBe(newer);
  });

  it('prints every period the purge enforces, from the same numbers', () => {
    const text = JSON.stringify(describeRetention(t.config));
    expect(text).toContain(`${OUTBOX_RETENTION_DAYS} päivää`);
    expect(text).toContain('5 vuotta');
    expect(text).toContain('3 vuotta');
    expect(text).toContain(`${t.config.backupKeep} viimeisintä`);
    const custom = describeRetention({ ...t.config, auditRetentionDays: 400, inactiveAccountDays: 730 });
    expect(JSON.stringify(custom)).toContain('400 päivää');
    expect(JSON.stringify(custom)).toContain('2 vuotta');
  });
});
