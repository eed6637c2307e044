/**
 * In-process scheduler for recurring jobs (daily backup; later reminders and
 * retention). No external cron: each job decides from durable state whether
 * it is due, so a restart neither skips nor repeats work.
 */
export interface ScheduledJob {
  name: string;
  /** Runs the job if it is due at `now`; must be idempotent. */
  run: (now: Date) => Promise<void> | void;
}

export interface Scheduler {
  /** Runs every job once now (start-up) and then on each tick. */
  start(): void;
  /** Runs every due job once; resolves when all have finished. */
  tick(now?: Date): Promise<void>;
  stop(): Promise<void>;
}

/**
 * @param intervalMs how often jobs are asked whether they are due.
 * @param onError receives a job's failure; the other jobs still run.
 */
export function createScheduler(
  jobs: ScheduledJob[],
  intervalMs: number,
  onError: (job: string, error: unknown) => void,
  clock: () => Date = () => new Date(),
): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const tick = (now = clock()) => {
    running = running.then(async () => {
      for (const job of jobs) {
        if (stopped) return;
        try {
          await job.run(now);
        } catch (error) {
          onError(job.name, error);
        }
      }
    });
    return running;
  };

  return {
    start() {
      void tick();
      timer = setInterval(() => void tick(), intervalMs);
      timer.unref();
    },
    tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
