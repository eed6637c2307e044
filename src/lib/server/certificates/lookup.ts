/**
 * Looking a certificate up by its public code: rate limited per address, and
 * unknown and malformed codes answer exactly alike.
 */
import type { AppConfig } from '../config';
import type { DbClient } from '../db/client';
import { findCertificateByCode, type CertificateRow } from '../db/certificates';
import { consumeRateLimit } from '../auth/rate-limit';
import { normaliseCertificateCode } from './code';

export type LookupResult = { kind: 'found'; certificate: CertificateRow } | { kind: 'not_found' } | { kind: 'rate_limited'; retryAfterMs: number };

export function lookUpCertificate(db: DbClient, config: Pick<AppConfig, 'rateLimits'>, ip: string, rawCode: string, now: Date): LookupResult {
  const limit = consumeRateLimit(db, config.rateLimits, 'verify.ip', ip, now);
  if (!limit.allowed) return { kind: 'rate_limited', retryAfterMs: limit.retryAfterMs };
  const code = normaliseCertificateCode(rawCode);
  const found = code ? findCertificateByCode(db, code) : undefined;
  return found ? { kind: 'found', certificate: found } : { kind: 'not_found' };
}
