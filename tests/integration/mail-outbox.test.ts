/**
 * The mail outbox against a real SMTP server (smtp-server on a free port):
 * delivered, refused (5xx), hanging and down; and in outbox-file mode with a
 * disk that is full. Requests only queue; the sender settles each message.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServiceContext } from '../../src/lib/server/accounts/context';
import { requestPasswordReset, resetPassword } from '../../src/lib/server/accounts/password-reset';
import { checkMailHealth, resendMail } from '../../src/lib/server/accounts/mail-queue';
import { describeInvitation, inviteUser } from '../../src/lib/server/accounts/invitations';
import { createMailSender } from '../../src/lib/server/mail/sender';
import { loadConfig, type AppConfig } from '../../src/lib/server/config';
import { createTestContext, tokenOf, type TestContext } from '../helpers/context';
import { createOrg, createUser } from '../helpers/accounts';

interface Smtp {
  url: string;
  received: string[];
  close: () => Promise<void>;
}

/** A real SMTP server on a free port; `options` decide how it answers. */
async function startSmtp(options: Partial<SMTPServerOptions> = {}): Promise<Smtp> {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let t: TestContext;
let smtp: Smtp | undefined;
beforeEach(() => {
  t = createTestContext();
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  t.db.cleanup();
});

const rows = () => t.db.sqlite.prepare('SELECT id, kind, recipient, status, attempts, body IS NOT NULL AS hasBody, last_error AS lastError, next_attempt_at AS nextAttemptAt FROM mail_outbox ORDER BY id').all() as { id: number; kind: string; recipient: string; status: string; attempts: number; hasBody: number; lastError: string | null; nextAttemptAt: number }[];

function withSmtp(url: string): AppConfig {
  return { ...t.config, smtpUrl: url };
}

function sender(config: AppConfig, extra: Parameters<typeof createMailSender>[2] = {}) {
  return createMailSender(t.db.db, config, { smtpTimeoutMs: 400, clock: t.now, log: () => {}, ...extra });
}

describe('the outbox with a real SMTP server', () => {
  it('delivers a queued message, then clears its body so the link is not kept', async () => {
    smtp = await startSmtp();
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    const config = withSmtp(smtp.url);
    expect(await requestPasswordReset(createServiceContext(t.db.db, config, '198.51.100.1', t.now()), { email: 'oppija@example.fi' })).toEqual({ ok: true });
    const link = t.lastLink('oppija@example.fi')!;
    expect(rows()).toMatchObject([{ kind: 'password_reset', status: 'queued', attempts: 0, hasBody: 1 }]);
    expect(smtp.received).toEqual([]);

    expect(await sender(config).runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.replace(/=\r?\n/g, '')).toContain(tokenOf(link).slice(0, 20));
    expect(rows()).toMatchObject([{ status: 'sent', attempts: 1, hasBody: 0 }]);
    // The stored database no longer holds the secret part of the link.
    const secret = tokenOf(link).split('.')[1]!;
    expect(fs.readFileSync(path.join(t.db.dir, 'app.db')).includes(Buffer.from(secret))).toBe(false);
  });

  it('gives a refused message (SMTP 5xx) up at once and keeps no link', async () => {
    smtp = await startSmtp({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
    });
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    const config = withSmtp(smtp.url);
    await requestPasswordReset(createServiceContext(t.db.db, config, '198.51.100.1', t.now()), { email: 'oppija@example.fi' });
    expect(await sender(config).runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(rows()).toMatchObject([{ status: 'failed', attempts: 1, hasBody: 0, lastError: 'SMTP 550' }]);
  });

  it('answers a reset for a known and an unknown address at once while SMTP hangs, each by queueing one message', async () => {
    smtp = await startSmtp({
      onData(stream) {
        // Reads the message and never answers.
        stream.resume();
      },
    });
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    const config = withSmtp(smtp.url);
    const ctx = createServiceContext(t.db.db, config, '198.51.100.1', t.now());
    expect(await requestPasswordReset(ctx, { email: 'oppija@example.fi' })).toEqual({ ok: true });
    expect(await requestPasswordReset(ctx, { email: 'ei-tilia@example.fi' })).toEqual({ ok: true });
    expect(rows().map((r) => [r.recipient, r.status, r.attempts])).toEqual([
      ['oppija@example.fi', 'queued', 0],
      ['ei-tilia@example.fi', 'queued', 0],
    ]);

    expect(await sender(config).runOnce()).toEqual({ sent: 0, retried: 2, failed: 0 });
    const after = rows();
    expect(after.map((r) => [r.status, r.attempts, r.hasBody])).toEqual([
      ['queued', 1, 1],
      ['queued', 1, 1],
    ]);
    // Backoff: not before a minute has passed.
    expect(after.every((r) => r.nextAttemptAt >= t.now().getTime() + 60_000)).toBe(true);
    expect(await sender(config).runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('retries while the server is down, delivers when it is back, and gives up after a day', async () => {
    const port = await closedPort();
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    await createUser(t.db.db, { email: 'toinen@example.fi' });
    const down = withSmtp(`smtp://127.0.0.1:${port}`);
    await requestPasswordReset(createServiceContext(t.db.db, down, '198.51.100.1', t.now()), { email: 'oppija@example.fi' });
    expect(await sender(down).runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(rows()[0]).toMatchObject({ status: 'queued', lastError: 'ESOCKET' });
    expect(checkMailHealth(t.db.db, t.now())).toBe('ok');
    t.advance(16 * 60_000);
    expect(checkMailHealth(t.db.db, t.now())).toBe('degraded');

    // Back up: the message goes out on the next due attempt.
    smtp = await startSmtp();
    const up = withSmtp(smtp.url);
    expect(await sender(up).runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(checkMailHealth(t.db.db, t.now())).toBe('ok');

    // Down for a whole day: failed, and the link is dropped with the body.
    await requestPasswordReset(createServiceContext(t.db.db, down, '198.51.100.2', t.now()), { email: 'toinen@example.fi' });
    for (let hour = 0; hour <= 24; hour += 1) {
      await sender(down).runOnce();
      t.advance(3_600_000);
    }
    expect(rows()[1]).toMatchObject({ status: 'failed', hasBody: 0 });
  });
});

describe('the outbox in file mode', () => {
  it('leaves no empty or partial .eml on a full disk, and writes the message once there is room', async () => {
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    await requestPasswordReset(t.ctx(), { email: 'oppija@example.fi' });
    // A full disk: the first bytes land, then the kernel's ENOSPC (from /dev/full, the real device).
    const fullDisk = (file: string, data: Buffer) => {
      fs.writeFileSync(file, data.subarray(0, 64));
      fs.writeFileSync('/dev/full', data);
    };
    expect(await sender(t.config, { writeFile: fullDisk }).runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(fs.existsSync(t.config.outboxDir) ? fs.readdirSync(t.config.outboxDir) : []).toEqual([]);
    expect(rows()[0]).toMatchObject({ status: 'queued', hasBody: 1, lastError: 'ENOSPC' });

    t.advance(61_000);
    expect(await sender(t.config).runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const files = fs.readdirSync(t.config.outboxDir);
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(path.join(t.config.outboxDir, files[0]!), 'utf8')).toContain('To: oppija@example.fi');
  });
});

describe('resending from the queue', () => {
  it('issues a fresh link where the old one expired, and the old link stops working', async () => {
    const org = createOrg(t.db.db);
    const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'] });
    expect((await inviteUser(t.ctx(), { id: admin.id, roles: ['admin'] } as never, { name: 'Uusi Oppija', email: 'uusi@example.fi', nodeId: org.a, roles: ['learner'] })).ok).toBe(true);
    const firstLink = t.lastLink('uusi@example.fi')!;
    await sender(t.config).runOnce();
    expect(rows()[0]).toMatchObject({ kind: 'invitation', status: 'sent', hasBody: 0 });

    t.advance(8 * 86_400_000);
    const result = resendMail(t.ctx(), admin.id, rows()[0]!.id);
    expect(result).toEqual({ ok: true, freshLink: true });
    const fresh = t.lastLink('uusi@example.fi')!;
    expect(fresh).not.toBe(firstLink);
    expect(describeInvitation(t.ctx(), tokenOf(firstLink))).toMatchObject({ ok: false });
    expect(describeInvitation(t.ctx(), tokenOf(fresh))).toMatchObject({ ok: true, name: 'Uusi Oppija' });
    expect(t.mail.at(-1)!.text).toContain('Uusi Oppija');
    expect(rows()[1]).toMatchObject({ kind: 'invitation', status: 'queued', hasBody: 1 });
    const audit = t.db.sqlite.prepare("SELECT actor_id AS actor FROM audit_log WHERE action = 'mail.resent'").all();
    expect(audit).toEqual([{ actor: admin.id }]);
  });
});

describe('a password reset', () => {
  it('queues the "password changed" notice in the same transaction as the change', async () => {
    await createUser(t.db.db, { email: 'oppija@example.fi' });
    await requestPasswordReset(t.ctx(), { email: 'oppija@example.fi' });
    const token = tokenOf(t.lastLink('oppija@example.fi'));
    expect((await resetPassword(t.ctx(), { token, password: 'aivan uusi salasana 7' })).ok).toBe(true);
    expect(rows().map((r) => r.kind)).toEqual(['password_reset', 'password_changed']);
  });

  it('uses no SMTP server when none is configured', () => {
    expect(loadConfig({ DATABASE_PATH: `${t.db.dir}/x.db` }).smtpUrl).toBeUndefined();
  });
});
