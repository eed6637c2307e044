import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/lib/server/scheduler';

describe('createScheduler', () => {
  it('runs every job with the injected time and keeps going after a failure', async () => {
    const seen: string[] = [];
    const errors: string[] = [];
    const s = createScheduler(
      [
        { name: 'fails', run: () => { throw new Error('boom'); } },
        { name: 'records', run: (now) => { seen.push(now.toISOString()); } },
      ],
      60_000,
      (job) => errors.push(job),
      () => new Date('2026-11-23T00:00:00Z'),
    );
    await s.tick();
    await s.tick(new Date('2026-11-24T00:00:00Z'));
    expect(seen).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z']);
    expect(errors).toEqual(['fails', 'fails']);
    await s.stop();
  });

  it('runs nothing after stop', async () => {
    let runs = 0;
    const s = createScheduler([{ name: 'count', run: () => { runs += 1; } }], 60_000, () => {});
    await s.stop();
    await s.tick();
    expect(runs).toBe(0);
  });
});
