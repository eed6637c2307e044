/**
 * A flow context for integration tests: a real temporary database, the real
 * configuration parser, a fixed clock that tests move forward, and the mail
 * the flows queued, read back from the outbox table.
 */
import { loadConfig, type AppConfig } from '../../src/lib/server/config';
import type { ServiceContext } from '../../src/lib/server/accounts/context';
import type { MailMessage } from '../../src/lib/server/mail/mailer';
import { createTestDatabase, type TestDatabase } from './test-db';
import { mailOutbox } from '../../src/lib/server/db/schema';

export interface TestContext {
  db: TestDatabase;
  config: AppConfig;
  /** Every queued message that still has its body, oldest first. */
  readonly mail: MailMessage[];
  /** A context at the current test time, from an address. */
  ctx: (ip?: string) => ServiceContext;
  now: () => Date;
  advance: (ms: number) => void;
  setTime: (iso: string) => void;
  /** The link in the last mail sent to an address. */
  lastLink: (to: string) => string | undefined;
}

export function createTestContext(env: Record<string, string> = {}): TestContext {
  const db = createTestDatabase();
  const config = loadConfig({ SITE_URL: 'https://oppiminen.example.fi', ORG_NAME: 'Testialue', ORG_CONTACT_EMAIL: 'tuki@example.fi', DATABASE_PATH: `${db.dir}/app.db`, ...env });
  let time = new Date('2026-11-23T10:00:00Z').getTime();
  return {
    db,
    config,
    get mail() {
      return db.db
        .select()
        .from(mailOutbox)
        .orderBy(mailOutbox.id)
        .all()
        .flatMap((row) => (row.body ? [{ to: row.recipient, ...row.body }] : []));
    },
    now: () => new Date(time),
    advance: (ms) => {
      time += ms;
    },
    setTime: (iso) => {
      time = new Date(iso).getTime();
    },
    ctx: (ip = '198.51.100.1') => ({
      db: db.db,
      config,
      now: new Date(time),
      ip,
    }),
    lastLink(to) {
      return [...this.mail].reverse().find((m) => m.to === to)?.links?.[0];
    },
  };
}

/** The token at the end of a link. */
export function tokenOf(link: string | undefined): string {
  if (!link) throw new Error('no link');
  return link.split('/').at(-1)!;
}
