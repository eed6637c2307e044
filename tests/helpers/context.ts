/**
 * A flow context for integration tests: a real temporary database, the real
 * configuration parser, a fixed clock that tests move forward, and a mail
 * recorder in place of the mailer (the one process boundary we stand in for).
 */
import { loadConfig, type AppConfig } from '../../src/lib/server/config';
import type { ServiceContext } from '../../src/lib/server/accounts/context';
import type { MailMessage } from '../../src/lib/server/mail/mailer';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface TestContext {
  db: TestDatabase;
  config: AppConfig;
  mail: MailMessage[];
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
  const mail: MailMessage[] = [];
  return {
    db,
    config,
    mail,
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
      sendMail: async (m) => {
        mail.push(m);
        return true;
      },
    }),
    lastLink: (to) => [...mail].reverse().find((m) => m.to === to)?.links?.[0],
  };
}

/** The token at the end of a link. */
export function tokenOf(link: string | undefined): string {
  if (!link) throw new Error('no link');
  return link.split('/').at(-1)!;
}
