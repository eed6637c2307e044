/**
 * The brute-force limits. Per account they are strict; per IP address they
 * are generous, because a whole wellbeing services county may reach us from
 * one NAT address.
 */
import { parseDuration } from './durations';

export const RATE_LIMIT_NAMES = [
  'login.account',
  'login.ip',
  'totp.account',
  'reset.account',
  'reset.ip',
  'register.email',
  'register.ip',
  'invite.token',
  'invite.ip',
  'verify.ip',
  'checkin.account',
  'oidc.ip',
  'scim.provider',
] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

export interface RateLimitRule {
  max: number;
  windowMs: number;
}

export type RateLimitRules = Record<RateLimitName, RateLimitRule>;

export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  // Failed logins per account: 10 in 15 minutes, then wait; a real user rarely mistypes ten times.
  'login.account': { max: 10, windowMs: 15 * 60_000 },
  // Login attempts per address: a county-wide morning rush through one NAT stays well under this.
  'login.ip': { max: 300, windowMs: 15 * 60_000 },
  'totp.account': { max: 5, windowMs: 15 * 60_000 },
  'reset.account': { max: 3, windowMs: 60 * 60_000 },
  'reset.ip': { max: 60, windowMs: 60 * 60_000 },
  'register.email': { max: 3, windowMs: 60 * 60_000 },
  'register.ip': { max: 60, windowMs: 60 * 60_000 },
  'invite.token': { max: 10, windowMs: 15 * 60_000 },
  'invite.ip': { max: 100, windowMs: 15 * 60_000 },
  // Wrong check-in codes per account: the code is six characters, shown in the room.
  'checkin.account': { max: 10, windowMs: 15 * 60_000 },
  'verify.ip': { max: 120, windowMs: 60_000 },
  // Organisation sign-ins (start and return) per address: a county's morning rush through one NAT.
  'oidc.ip': { max: 600, windowMs: 15 * 60_000 },
  // SCIM requests per provider: Entra's provisioning sends a few per person per cycle.
  'scim.provider': { max: 1200, windowMs: 60_000 },
};

/**
 * Parses `RATE_LIMITS`, e.g. `login.account=5/15m login.ip=500/15m`; limits not
 * named keep their defaults.
 * @throws {Error} naming the malformed part.
 */
export function parseRateLimits(text: string | undefined): RateLimitRules {
  const result: RateLimitRules = structuredClone(DEFAULT_RATE_LIMITS);
  if (!text?.trim()) return result;
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^([a-z.]+)=(\d+)\/(.+)$/.exec(part);
    const windowMs = m ? parseDuration(m[3]!) : undefined;
    if (!m || !(RATE_LIMIT_NAMES as readonly string[]).includes(m[1]!) || !windowMs || Number(m[2]) < 1) {
      throw new Error(`"${part}" is not name=max/window with a known name (${RATE_LIMIT_NAMES.join(', ')}), e.g. login.account=10/15m`);
    }
    result[m[1] as RateLimitName] = { max: Number(m[2]), windowMs };
  }
  return result;
}
