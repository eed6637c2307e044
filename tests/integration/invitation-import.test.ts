/**
 * The invitation CSV at its promised size: the list waits on the server
 * between preview and confirmation (tied to the session, expiring, removed
 * after), and the confirmation writes in batches with the event loop handed
 * back between them. Invitations are queued in the mail outbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmInvitationImport, previewInvitationImport, UPLOAD_LIFETIME_MS, WRITE_BATCH_ROWS } from '../../src/lib/server/accounts/invitation-import';
import { parseInvitationCsv } from '../../src/lib/server/accounts/invitation-csv';
import { createSession } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import type { SessionUser } from '../../src/lib/server/auth/types';

let t: TestContext;
let org: Org;
let admin: SessionUser;
let sessionId: string;
beforeEach(async () => {
  t = createTestContext();
  org = createOrg(t.db.db);
  admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'], nodeId: org.root });
  sessionId = createSession(t.db.db, admin, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now()).session.id;
});
afterEach(() => t.db.cleanup());

/** A list of `n` people; about 110 bytes a row, so 17,000 rows is close to the promised 2 MB. */
function bigCsv(n: number): Uint8Array {
  const lines = ['nimi;sähköposti;organisaatio;roolit'];
  for (let i = 0; i < n; i += 1) lines.push(`Henkilö Numero${i} Esimerkkinen;henkilo.numero${i}@tyonantaja.example.fi;Testialue / Kunta A / Tiimi A1;oppija`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

function rowsOf(bytes: Uint8Array) {
  const parsed = parseInvitationCsv(bytes);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows;
}

const count = (sql: string) => (t.db.sqlite.prepare(sql).get() as { n: number }).n;

describe('the invitation import at full size', () => {
  it('previews and confirms 17,000 rows (2 MB) in batches, queues every invitation and removes the kept list', async () => {
    const bytes = bigCsv(17_000);
    expect(bytes.byteLength).toBeGreaterThan(1.7 * 1024 * 1024);
    expect(bytes.byteLength).toBeLessThanOrEqual(2 * 1024 * 1024);
    const preview = await previewInvitationImport(t.ctx(), admin, sessionId, rowsOf(bytes));
    expect(preview.valid).toBe(true);
    expect(preview.uploadId).toMatch(/^[a-z2-7]{32}$/);
    expect(count('SELECT COUNT(*) AS n FROM invitation_upload')).toBe(1);

    // Each pause records what was written so far and lets a queued task run before the next batch.
    const seen: { tokens: number; otherTaskRan: boolean }[] = [];
    let otherTaskRan = false;
    const pause = async () => {
      seen.push({ tokens: count("SELECT COUNT(*) AS n FROM one_time_token WHERE kind = 'invitation'"), otherTaskRan });
      otherTaskRan = false;
      setImmediate(() => (otherTaskRan = true));
      await new Promise((resolve) => setImmediate(resolve));
    };
    // Batches of exactly WRITE_BATCH_ROWS here; in service a batch also ends after BATCH_BUDGET_MS.
    const result = await confirmInvitationImport(t.ctx(), admin, sessionId, preview.uploadId!, { pause, batchBudgetMs: Infinity });
    expect(result).toMatchObject({ ok: true, invited: 17_000 });

    const writes = seen.filter((s) => s.tokens > 0).map((s) => s.tokens);
    expect(writes).toHaveLength(Math.ceil(17_000 / WRITE_BATCH_ROWS));
    expect(writes.every((n, i) => n === Math.min((i + 1) * WRITE_BATCH_ROWS, 17_000))).toBe(true);
    expect(seen.slice(1).every((s) => s.otherTaskRan)).toBe(true);

    expect(count("SELECT COUNT(*) AS n FROM one_time_token WHERE kind = 'invitation'")).toBe(17_000);
    expect(count("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'invitation' AND status = 'queued'")).toBe(17_000);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'user.invited_bulk'")).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM invitation_upload')).toBe(0);
    // Confirming twice invites nobody twice.
    expect(await confirmInvitationImport(t.ctx(), admin, sessionId, preview.uploadId!)).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('keeps the list for its own session only, for an hour, and drops it at sign-out', async () => {
    const rows = rowsOf(bigCsv(3));
    const { uploadId } = await previewInvitationImport(t.ctx(), admin, sessionId, rows);
    const other = createSession(t.db.db, admin, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, t.now()).session.id;
    expect(await confirmInvitationImport(t.ctx(), admin, other, uploadId!)).toMatchObject({ ok: false, error: 'not_found' });
    t.advance(UPLOAD_LIFETIME_MS + 1);
    expect(await confirmInvitationImport(t.ctx(), admin, sessionId, uploadId!)).toMatchObject({ ok: false, error: 'not_found' });
    // The next preview clears expired lists; a session's end clears its own.
    await previewInvitationImport(t.ctx(), admin, other, rows);
    expect(count('SELECT COUNT(*) AS n FROM invitation_upload')).toBe(1);
    t.db.sqlite.prepare('DELETE FROM session WHERE id = ?').run(other);
    expect(count('SELECT COUNT(*) AS n FROM invitation_upload')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM one_time_token')).toBe(0);
  });

  it('checks again at confirmation and writes nothing when an address got an account meanwhile', async () => {
    const rows = rowsOf(bigCsv(5));
    const { uploadId } = await previewInvitationImport(t.ctx(), admin, sessionId, rows);
    await createUser(t.db.db, { email: 'henkilo.numero3@tyonantaja.example.fi', nodeId: org.a });
    const result = await confirmInvitationImport(t.ctx(), admin, sessionId, uploadId!);
    expect(result).toMatchObject({ ok: false, error: 'invalid' });
    expect(result.checks?.filter((c) => c.problems.length).map((c) => c.row.line)).toEqual([5]);
    expect(count('SELECT COUNT(*) AS n FROM mail_outbox')).toBe(0);
  });

  it('resumes an interrupted confirmation where it stopped, inviting nobody twice', async () => {
    const rows = rowsOf(bigCsv(450));
    const { uploadId } = await previewInvitationImport(t.ctx(), admin, sessionId, rows);
    // The disk fills after the first batch: a real SQLITE_FULL.
    let batches = 0;
    const fillAfterFirst = async () => {
      batches += 1;
      if (batches === 2) {
        t.db.sqlite.pragma(`max_page_count = ${t.db.sqlite.pragma('page_count', { simple: true }) as number}`);
      }
    };
    await expect(confirmInvitationImport(t.ctx(), admin, sessionId, uploadId!, { pause: fillAfterFirst, checkBatchRows: 1000, batchBudgetMs: Infinity })).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(count('SELECT COUNT(*) AS n FROM mail_outbox')).toBe(WRITE_BATCH_ROWS);
    expect(count('SELECT done_rows AS n FROM invitation_upload')).toBe(WRITE_BATCH_ROWS);
    t.db.sqlite.pragma('max_page_count = 1000000');
    expect(await confirmInvitationImport(t.ctx(), admin, sessionId, uploadId!)).toMatchObject({ ok: true, invited: 450 });
    expect(count('SELECT COUNT(*) AS n FROM mail_outbox')).toBe(450);
    expect(count('SELECT COUNT(DISTINCT recipient) AS n FROM mail_outbox')).toBe(450);
  });
});
