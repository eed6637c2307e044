/**
 * The recurring jobs the server runs in-process. Each asks durable state
 * whether it is due, so running them again after a restart is harmless.
 */
import type { AppConfig } from '../lib/server/config';
import type { DatabaseHandle } from '../lib/server/db/client';
import { createBackup, isDailyBackupDue, pruneBackups } from '../lib/server/backup';
import type { ScheduledJob } from '../lib/server/scheduler';
import { readSetting, writeSetting } from '../lib/server/db/settings';
import { helsinkiDateKey } from '../lib/format';
import { runRetention } from '../lib/server/privacy/retention';
import { certificateBlocker, issuePendingCertificates, issuerFromConfig } from '../lib/server/certificates/issue';
import { runReminders } from '../lib/server/assignments/reminders';
import { readCourseManifest } from '../lib/server/reporting/course-manifest';
import { fillFreedPlaces, queueSessionReminders } from '../lib/server/live/registration';
import { DEFAULT_FOLLOW_UP_WEEKS, queueFollowUpReminders, queueFollowUps } from '../lib/server/impact/follow-up';

type LogEvent = (event: string, details?: Record<string, unknown>) => void;

/** A job that runs at most once per Helsinki calendar day, remembered in the database. */
export function dailyJob(handle: DatabaseHandle, name: string, run: (now: Date) => Promise<void> | void): ScheduledJob {
  const key = `job_last_run:${name}`;
  return {
    name,
    run: async (now) => {
      const today = helsinkiDateKey(now);
      if (readSetting<string>(handle.db, key) === today) return;
      await run(now);
      writeSetting(handle.db, key, today, now);
    },
  };
}

/** The jobs for this server process. */
export function createJobs(config: AppConfig, handle: DatabaseHandle, logEvent: LogEvent): ScheduledJob[] {
  let blockerLogged = false;
  // The build does not change under a running server.
  const courses = readCourseManifest(config.buildDir);
  return [
    {
      name: 'daily-backup',
      run: async (now) => {
        if (!isDailyBackupDue(config.backupDir, now)) return;
        const file = await createBackup(handle.sqlite, config.backupDir, now);
        const removed = pruneBackups(config.backupDir, config.backupKeep);
        logEvent('backup_created', { file: file.split('/').at(-1), removed: removed.length });
      },
    },
    {
      // Certificates that waited (e.g. for SITE_URL in production) are issued as soon as they can be.
      name: 'pending-certificates',
      run: () => {
        const issuer = issuerFromConfig(config);
        if (!issuer) {
          if (!blockerLogged) logEvent('certificates_blocked', { reason: certificateBlocker(config) });
          blockerLogged = true;
          return;
        }
        const issued = issuePendingCertificates(handle.db, issuer);
        if (issued) logEvent('certificates_issued', { count: issued });
      },
    },
    {
      // Assignment mail: claimed in the database and queued in the outbox, so each goes once however often this runs.
      name: 'assignment-reminders',
      run: async (now) => {
        const result = await runReminders(handle.db, courses, now, { siteUrl: config.siteUrl, orgName: config.orgName });
        if (result.claimed || result.failed) logEvent('assignment_reminders', { ...result });
      },
    },
    {
      // Live sessions: the day-before reminder (claimed with the queued mail, so once) and places freed without a cancellation.
      name: 'live-sessions',
      run: (now) => {
        const ctx = { db: handle.db, config, now };
        const promoted = fillFreedPlaces(ctx);
        const reminded = queueSessionReminders(ctx);
        if (promoted || reminded) logEvent('live_sessions', { promoted, reminded });
      },
    },
    {
      // Follow-ups N weeks after completion and their one reminder, each claimed with its queued mail.
      name: 'follow-ups',
      run: (now) => {
        const ctx = { db: handle.db, config, now };
        const sent = queueFollowUps(ctx, courses.map((c) => c.id), (id) => courses.find((c) => c.id === id)?.followUpWeeks ?? DEFAULT_FOLLOW_UP_WEEKS);
        const reminded = queueFollowUpReminders(ctx, (id) => courses.find((c) => c.id === id)?.title ?? id);
        if (sent || reminded) logEvent('follow_ups', { sent, reminded });
      },
    },
    dailyJob(handle, 'retention', async (now) => {
      const result = await runRetention(handle, config, now);
      logEvent('retention', { ...result });
    }),
  ];
}
