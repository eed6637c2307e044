/**
 * A flow context for integration tests: a real temporary database, the real
 * configuration parser, a fixed clock that tests move forward, and the mail
 * the flows queued, read back from the outbox table.
 */
import { loadConfig, type AppConfig } from '../../src/lib/server/config';
import { createRequestContext, type CourseCatalog, type RequestContext } from '../../src/lib/server/context';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { loadContentFiles } from '../../src/lib/content/load-files';
import { reportCoursesOf } from '../../src/lib/server/reporting/course-manifest';
import type { MailMessage } from '../../src/lib/server/mail/mailer';
import { createTestDatabase, type TestDatabase } from './test-db';
import { mailOutbox } from '../../src/lib/server/db/schema';

export interface TestContext {
  db: TestDatabase;
  config: AppConfig;
  /** Every queued message that still has its body, oldest first. */
  readonly mail: MailMessage[];
  /** A request context at the current test time, from an address, nobody signed in. */
  ctx: (ip?: string) => RequestContext;
  /** A request context at the current test time for a signed-in person, as middleware makes it. */
  as: (actor: SessionUser, ip?: string) => RequestContext;
  catalog: CourseCatalog;
  now: () => Date;
  advance: (ms: number) => void;
  setTime: (iso: string) => void;
  /** The link in the last mail sent to an address. */
  lastLink: (to: string) => string | undefined;
}

/** The real courses read from the files, as scripts and jobs see them (read once per test file). */
export const fileCatalog: CourseCatalog = (() => {
  let courses: ReturnType<typeof reportCoursesOf> | undefined;
  return {
    reportCourses: async () => (courses ??= reportCoursesOf(loadContentFiles('src/content'))),
  };
})();

export function createTestContext(env: Record<string, string> = {}, catalog: CourseCatalog = fileCatalog): TestContext {
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
    catalog,
    ctx: (ip = '198.51.100.1') => createRequestContext({ db: db.db, config, now: new Date(time), ip, actor: null, catalog }),
    as: (actor, ip = '198.51.100.1') => createRequestContext({ db: db.db, config, now: new Date(time), ip, actor, catalog }),
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
