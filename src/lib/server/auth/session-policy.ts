/**
 * Idle and absolute session timeouts per role. A user with several roles
 * gets the strictest of them. Defaults: learners and trainers 24 h idle and
 * 14 days absolute (they study in short sittings on their own devices);
 * managers and admins 30 min and 10 h (they see many people's records).
 */
import type { Role } from './types';
import { formatDuration, parseDuration } from './durations';

export interface Timeouts {
  idleMs: number;
  absoluteMs: number;
}

export type SessionTimeouts = Record<Role, Timeouts>;

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = {
  learner: { idleMs: 24 * 3_600_000, absoluteMs: 14 * 86_400_000 },
  trainer: { idleMs: 24 * 3_600_000, absoluteMs: 14 * 86_400_000 },
  manager: { idleMs: 30 * 60_000, absoluteMs: 10 * 3_600_000 },
  admin: { idleMs: 30 * 60_000, absoluteMs: 10 * 3_600_000 },
};

/**
 * Parses `SESSION_TIMEOUTS`, e.g. `manager=15m/8h admin=15m/8h`; roles not
 * named keep their defaults.
 * @throws {Error} naming the malformed part.
 */
export function parseSessionTimeouts(text: string | undefined): SessionTimeouts {
  const result: SessionTimeouts = structuredClone(DEFAULT_SESSION_TIMEOUTS);
  if (!text?.trim()) return result;
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(learner|trainer|manager|admin)=([^/]+)\/(.+)$/.exec(part);
    const idle = m ? parseDuration(m[2]!) : undefined;
    const absolute = m ? parseDuration(m[3]!) : undefined;
    if (!m || !idle || !absolute || idle > absolute) {
      throw new Error(`"${part}" is not role=idle/absolute with idle ≤ absolute (e.g. manager=30m/10h)`);
    }
    result[m[1] as Role] = { idleMs: idle, absoluteMs: absolute };
  }
  return result;
}

/** The strictest timeouts among a user's roles (every user is at least a learner). */
export function timeoutsForRoles(roles: readonly Role[], timeouts: SessionTimeouts): Timeouts {
  const applicable = roles.length ? roles : (['learner'] as const);
  return {
    idleMs: Math.min(...applicable.map((r) => timeouts[r].idleMs)),
    absoluteMs: Math.min(...applicable.map((r) => timeouts[r].absoluteMs)),
  };
}

/** The timeouts in the form `SESSION_TIMEOUTS` takes, for docs and logs. */
export function describeSessionTimeouts(timeouts: SessionTimeouts): string {
  return (Object.keys(timeouts) as Role[]).map((r) => `${r}=${formatDuration(timeouts[r].idleMs)}/${formatDuration(timeouts[r].absoluteMs)}`).join(' ');
}
