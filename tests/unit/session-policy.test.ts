import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_TIMEOUTS, describeSessionTimeouts, parseSessionTimeouts, timeoutsForRoles } from '../../src/lib/server/auth/session-policy';
import { DEFAULT_RATE_LIMITS, parseRateLimits } from '../../src/lib/server/auth/rate-limit-rules';
import { loadConfig } from '../../src/lib/server/config';

const H = 3_600_000;
const D = 24 * H;

describe('session timeouts', () => {
  it('default to 24 h / 14 d for learners and trainers and 30 min / 10 h for managers and admins', () => {
    expect(DEFAULT_SESSION_TIMEOUTS.learner).toEqual({ idleMs: 24 * H, absoluteMs: 14 * D });
    expect(DEFAULT_SESSION_TIMEOUTS.trainer).toEqual({ idleMs: 24 * H, absoluteMs: 14 * D });
    expect(DEFAULT_SESSION_TIMEOUTS.manager).toEqual({ idleMs: 30 * 60_000, absoluteMs: 10 * H });
    expect(DEFAULT_SESSION_TIMEOUTS.admin).toEqual({ idleMs: 30 * 60_000, absoluteMs: 10 * H });
  });

  it('give a user with several roles the strictest', () => {
    expect(timeoutsForRoles(['learner', 'manager'], DEFAULT_SESSION_TIMEOUTS)).toEqual({ idleMs: 30 * 60_000, absoluteMs: 10 * H });
    expect(timeoutsForRoles(['learner', 'trainer'], DEFAULT_SESSION_TIMEOUTS)).toEqual({ idleMs: 24 * H, absoluteMs: 14 * D });
    const custom = parseSessionTimeouts('learner=2h/8h manager=1h/20h');
    // The idle of one role and the absolute of another can both be the strictest.
    expect(timeoutsForRoles(['learner', 'manager'], custom)).toEqual({ idleMs: H, absoluteMs: 8 * H });
  });

  it('are configurable per role through SESSION_TIMEOUTS', () => {
    const parsed = parseSessionTimeouts('manager=15m/8h admin=10m/4h');
    expect(parsed.manager).toEqual({ idleMs: 15 * 60_000, absoluteMs: 8 * H });
    expect(parsed.admin).toEqual({ idleMs: 10 * 60_000, absoluteMs: 4 * H });
    expect(parsed.learner).toEqual(DEFAULT_SESSION_TIMEOUTS.learner);
    expect(describeSessionTimeouts(parsed)).toContain('manager=15m/8h');
    expect(() => parseSessionTimeouts('manager=8h/15m')).toThrow(/idle ≤ absolute/);
    expect(() => parseSessionTimeouts('boss=1h/2h')).toThrow();
    expect(() => loadConfig({ SESSION_TIMEOUTS: 'manager=soon' })).toThrow(/SESSION_TIMEOUTS/);
  });
});

describe('rate limits', () => {
  it('are strict per account and generous per address by default', () => {
    expect(DEFAULT_RATE_LIMITS['login.account'].max).toBeLessThan(DEFAULT_RATE_LIMITS['login.ip'].max);
  });

  it('are configurable through RATE_LIMITS', () => {
    const parsed = parseRateLimits('login.account=5/10m login.ip=1000/15m');
    expect(parsed['login.account']).toEqual({ max: 5, windowMs: 10 * 60_000 });
    expect(parsed['login.ip']).toEqual({ max: 1000, windowMs: 15 * 60_000 });
    expect(parsed['reset.ip']).toEqual(DEFAULT_RATE_LIMITS['reset.ip']);
    expect(() => parseRateLimits('login.nobody=5/10m')).toThrow();
    expect(() => loadConfig({ RATE_LIMITS: 'login.account=x' })).toThrow(/RATE_LIMITS/);
  });
});
