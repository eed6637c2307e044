/**
 * The one typed configuration of the platform: zod over `process.env`.
 *
 * The server, `astro.config.mjs` and every command-line script read their settings
 * through {@link loadConfig}; nothing else reads `process.env` for settings.
 * An invalid value stops start-up with a message that names the variable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseRateLimits, type RateLimitRules } from './auth/rate-limit-rules';
import { parseSessionTimeouts, type SessionTimeouts } from './auth/session-policy';

/** The `SITE_URL` a fresh checkout runs with; certificates refuse it in production. */
export const DEFAULT_SITE_URL = 'http://localhost:4321';

const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const booleanFlag = z
  .enum(['0', '1', 'true', 'false'], { message: 'must be 0 or 1' })
  .transform((v) => v === '1' || v === 'true');

const positiveInt = (min: number, max: number) =>
  z.coerce
    .number({ message: `must be a whole number between ${min} and ${max}` })
    .int({ message: `must be a whole number between ${min} and ${max}` })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

/**
 * True when `id` is a Finnish business ID (Y-tunnus) with a correct check
 * digit: seven digits, a hyphen and the check digit (weights 7 9 10 5 8 4 2,
 * remainder 0 gives 0, remainder 1 is never issued, otherwise 11 − remainder).
 */
export function isValidBusinessId(id: string): boolean {
  const m = /^(\d{7})-(\d)$/.exec(id);
  if (!m) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = [...m[1]!].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  return Number(m[2]) === (remainder === 0 ? 0 : 11 - remainder);
}

/** Image types a logo may be, by file extension, and the largest file the header will carry. */
export const ORG_LOGO_TYPES = { svg: 'image/svg+xml', png: 'image/png', webp: 'image/webp' } as const;
export const ORG_LOGO_MAX_BYTES = 200_000;

/**
 * Why a logo file cannot be used, or null when it can: it must exist, be an
 * SVG, PNG or WebP image by extension, and stay under {@link ORG_LOGO_MAX_BYTES}
 * (it is shown on every page).
 */
export function orgLogoProblem(file: string): string | null {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (!(ext in ORG_LOGO_TYPES)) return 'must be an .svg, .png or .webp file';
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'must name an existing file';
  }
  if (!stat.isFile()) return 'must name a file, not a directory';
  if (stat.size > ORG_LOGO_MAX_BYTES) return `must be at most ${ORG_LOGO_MAX_BYTES / 1000} kB`;
  return null;
}

const envSchema = z.object({
  DATABASE_PATH: optionalText(z.string().default('data/app.db')),
  HOST: optionalText(z.string().default('localhost')),
  // 0 lets the operating system choose a free port (tests).
  PORT: optionalText(positiveInt(0, 65535).default(4321)),
  SITE_URL: optionalText(
    z
      .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
      .default(DEFAULT_SITE_URL)
      .refine((u) => {
        const p = new URL(u);
        return (p.pathname === '/' || p.pathname === '') && !p.search && !p.hash;
      }, 'must be an origin without a path, query or fragment, e.g. https://oppiminen.example.fi'),
  ),
  APP_ENV: optionalText(
    z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  ),
  TRUST_PROXY: optionalText(booleanFlag.default(false)),
  SMTP_URL: optionalText(
    z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }).optional(),
  ),
  MAIL_FROM: optionalText(z.string().optional()),
  ORG_NAME: optionalText(z.string().max(200, { message: 'must be at most 200 characters' }).default('Työkykyakatemia')),
  ORG_LOGO_PATH: optionalText(z.string().optional()),
  ORG_CONTACT_EMAIL: optionalText(z.email({ message: 'must be an email address' }).default('tuki@tyokykyakatemia.invalid')),
  ORG_BUSINESS_ID: optionalText(
    z
      .string()
      .transform((v) => v.trim())
      .refine(isValidBusinessId, 'must be a Finnish business ID (Y-tunnus) such as 1234567-1, with a correct check digit')
      .optional(),
  ),
  ASTRO_KEY: optionalText(z.string().optional()),
  DATABASE_MAX_MB: optionalText(positiveInt(1, 10_000_000).optional()),
  BACKUP_KEEP: optionalText(positiveInt(1, 3650).default(14)),
  BACKUP_DIR: optionalText(z.string().optional()),
  BUILD_DIR: optionalText(z.string().default('dist')),
  AUDIT_RETENTION_DAYS: optionalText(positiveInt(30, 36500).default(1826)),
  INACTIVE_ACCOUNT_DAYS: optionalText(positiveInt(30, 36500).default(1095)),
  SESSION_TIMEOUTS: optionalText(z.string().optional()).transform((v, ctx) => {
    try {
      return parseSessionTimeouts(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  }),
  RATE_LIMITS: optionalText(z.string().optional()).transform((v, ctx) => {
    try {
      return parseRateLimits(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  }),
});

/** The parsed, typed configuration. */
export interface AppConfig {
  /** Absolute path of the SQLite file. */
  databasePath: string;
  /** Largest size of the database file in bytes; writes beyond it answer 503 (none: the disk is the limit). */
  databaseMaxBytes?: number;
  /** Directory that holds the database, backups, the outbox and generated keys. */
  dataDir: string;
  backupDir: string;
  outboxDir: string;
  backupKeep: number;
  host: string;
  port: number;
  /** Canonical origin, without a trailing slash. */
  siteUrl: string;
  /** True when `SITE_URL` is https: cookies get `Secure`, responses HSTS. */
  secure: boolean;
  appEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  orgName: string;
  orgContactEmail: string;
  /** Absolute path of the organisation's logo file (`ORG_LOGO_PATH`), shown in the brand bar. */
  orgLogoPath: string | undefined;
  /** The address the build serves that logo at (`/org-logo.svg` …), or undefined without one. */
  orgLogoUrl: string | undefined;
  /** The organisation's Finnish business ID (Y-tunnus), stated in the issuer profile of credentials. */
  orgBusinessId: string | undefined;
  astroKey: string | undefined;
  /** Where the build is written and served from. */
  buildDir: string;
  sessionTimeouts: SessionTimeouts;
  rateLimits: RateLimitRules;
  /** Days the audit log is kept (default five years). */
  auditRetentionDays: number;
  /** Days without a login after which an account is anonymised, after a warning (default three years). */
  inactiveAccountDays: number;
}

/** Thrown when a setting is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses settings from an environment object.
 * @param env defaults to `process.env`; tests pass their own.
 * @param cwd directory relative paths are resolved against.
 * @throws {ConfigError} naming each invalid variable and why.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const got = env[name];
      const shown = got === undefined || name === 'SESSION_TIMEOUTS' || name === 'RATE_LIMITS' ? '' : ` (got "${name === 'SMTP_URL' || name === 'ASTRO_KEY' ? '…' : got}")`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const orgLogoPath = e.ORG_LOGO_PATH ? path.resolve(cwd, e.ORG_LOGO_PATH) : undefined;
  const logoProblem = orgLogoPath ? orgLogoProblem(orgLogoPath) : null;
  if (logoProblem) throw new ConfigError([`ORG_LOGO_PATH ${logoProblem} (got "${e.ORG_LOGO_PATH}")`]);
  const databasePath = path.resolve(cwd, e.DATABASE_PATH);
  const dataDir = path.dirname(databasePath);
  const siteUrl = new URL(e.SITE_URL).origin;
  return {
    databasePath,
    databaseMaxBytes: e.DATABASE_MAX_MB ? e.DATABASE_MAX_MB * 1024 * 1024 : undefined,
    dataDir,
    backupDir: e.BACKUP_DIR ? path.resolve(cwd, e.BACKUP_DIR) : path.join(dataDir, 'backups'),
    outboxDir: path.join(dataDir, 'outbox'),
    backupKeep: e.BACKUP_KEEP,
    host: e.HOST,
    port: e.PORT,
    siteUrl,
    secure: siteUrl.startsWith('https:'),
    appEnv: e.APP_ENV,
    isProduction: e.APP_ENV === 'production',
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? `${e.ORG_NAME} <${e.ORG_CONTACT_EMAIL}>`,
    orgName: e.ORG_NAME,
    orgContactEmail: e.ORG_CONTACT_EMAIL,
    orgLogoPath,
    orgLogoUrl: orgLogoPath ? `/org-logo.${path.extname(orgLogoPath).slice(1).toLowerCase()}` : undefined,
    orgBusinessId: e.ORG_BUSINESS_ID,
    astroKey: e.ASTRO_KEY,
    buildDir: path.resolve(cwd, e.BUILD_DIR),
    sessionTimeouts: e.SESSION_TIMEOUTS,
    rateLimits: e.RATE_LIMITS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    inactiveAccountDays: e.INACTIVE_ACCOUNT_DAYS,
  };
}

const CACHE = Symbol.for('tyokykyakatemia.config');
type ConfigHolder = { [CACHE]?: AppConfig };

/** The process-wide configuration, parsed once from `process.env`. */
export function getConfig(): AppConfig {
  const holder = globalThis as ConfigHolder;
  holder[CACHE] ??= loadConfig();
  return holder[CACHE];
}

/** Replaces the process-wide configuration; used by the server entry and tests. */
export function setConfig(config: AppConfig): void {
  (globalThis as ConfigHolder)[CACHE] = config;
}
