/**
 * The request context: everything a handler needs, made once per on-demand
 * request in middleware (`context.locals.ctx`), the same way by the test
 * helper, and without a request by jobs and scripts (`createJobContext`).
 * It grows the flows' `ServiceContext`, so every flow accepts it as is.
 */
import type { AppConfig } from './config';
import type { Db, DbClient } from './db/client';
import type { SessionUser } from './auth/types';
import type { MailMessage } from './mail/mailer';
import { enqueueMail, type EnqueueMeta } from './mail/outbox';
import { managedPaths } from './accounts/scope';
import type { ServiceContext } from './accounts/context';
import type { ReportCourse } from './reporting/records';

/** Queues a message in the outbox inside `tx`, the transaction of the change the message tells about. */
export type QueueMail = (tx: DbClient, message: MailMessage, meta: EnqueueMeta) => void;

/** The courses as plain data, from the content collections in the app and from the files in scripts and jobs. */
export interface CourseCatalog {
  /** The published courses as reports name them, in listing order. */
  reportCourses(): Promise<readonly ReportCourse[]>;
}

export interface RequestContext extends ServiceContext {
  /** The outbox enqueue of the flows, at this context's time. */
  mail: QueueMail;
  /** The signed-in person (second factor done), or null. */
  actor: SessionUser | null;
  catalog: CourseCatalog;
  /** The actor's node paths (undefined = everything, an admin); worked out once per request. */
  scope(): string[] | undefined;
}

export interface RequestContextInput {
  db: Db;
  config: AppConfig;
  ip: string;
  actor: SessionUser | null;
  catalog: CourseCatalog;
  now?: Date;
}

/** Builds the context of one request (middleware, tests). */
export function createRequestContext(input: RequestContextInput): RequestContext {
  const { db, config, ip, actor, catalog } = input;
  const now = input.now ?? new Date();
  let scope: { paths: string[] | undefined } | undefined;
  return {
    db,
    config,
    now,
    ip,
    actor,
    catalog,
    mail: (tx, message, meta) => enqueueMail(tx, message, meta, now),
    scope() {
      // Nobody signed in manages nothing.
      scope ??= { paths: actor ? managedPaths(db, actor) : [] };
      return scope.paths;
    },
  };
}

/** The address jobs and scripts write to the audit log and rate limits. */
export const JOB_ADDRESS = 'job';

/** A context for a job or a script: no request, no actor. */
export function createJobContext(db: Db, config: AppConfig, catalog: CourseCatalog, options: { now?: Date; ip?: string } = {}): RequestContext {
  return createRequestContext({ db, config, ip: options.ip ?? JOB_ADDRESS, actor: null, catalog, now: options.now ?? new Date() });
}

/** A catalog over a fixed list (a build manifest, a test fixture). */
export function staticCatalog(courses: readonly ReportCourse[]): CourseCatalog {
  return { reportCourses: async () => courses };
}
