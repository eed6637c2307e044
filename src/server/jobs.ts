/**
 * The recurring jobs the server runs in-process. Each asks durable state
 * whether it is due, so running them again after a restart is harmless.
 */
import type { AppConfig } from '../lib/server/config';
import type { DatabaseHandle } from '../lib/server/db/client';
import { createBackup, isDailyBackupDue, pruneBackups } from '../lib/server/backup';
import type { ScheduledJob } from '../lib/server/scheduler';

type LogEvent = (event: string, details?: Record<string, unknown>) => void;

/** The jobs for this server process. */
export function createJobs(config: AppConfig, handle: DatabaseHandle, logEvent: LogEvent): ScheduledJob[] {
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
  ];
}
