/**
 * First run. Until an administrator exists, the server prints a one-time
 * setup code at start; `/aloitus` asks for it, so a stranger who reaches a
 * fresh public server first cannot take it over.
 */
import type { DbClient } from '../db/client';
import { deleteSetting, readSetting, writeSetting } from '../db/settings';
import { adminExists, findUserByEmail, insertUser } from '../db/users';
import { findRootNode, insertNode } from '../db/org';
import { startActiveMembership } from '../db/memberships';
import { generateRandomString, hashSecret, bytesEqual } from '../auth/tokens';
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from '../auth/password';
import { audit, type Result, type ServiceContext } from './context';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import type { OrgType } from '../db/schema';

const SETUP_CODE_KEY = 'setup_code_hash';
const ADMIN_FLAG = Symbol.for('tyokykyakatemia.adminExists');
type FlagHolder = { [ADMIN_FLAG]?: boolean };

/**
 * True once an administrator exists. Cached after the first true answer:
 * setup happens once, and this runs on every request until it has.
 */
export function isSetupComplete(db: DbClient): boolean {
  const holder = globalThis as FlagHolder;
  if (holder[ADMIN_FLAG]) return true;
  const exists = adminExists(db);
  if (exists) holder[ADMIN_FLAG] = true;
  return exists;
}

/** Forgets the cached answer (tests that reuse a process). */
export function resetSetupCache(): void {
  (globalThis as FlagHolder)[ADMIN_FLAG] = false;
}

/**
 * Creates a new setup code when no administrator exists, stores its hash and
 * returns the code for the log; undefined when setup is done.
 */
export function issueSetupCode(db: DbClient, now: Date): string | undefined {
  if (isSetupComplete(db)) {
    deleteSetting(db, SETUP_CODE_KEY);
    return undefined;
  }
  const raw = generateRandomString(10).toUpperCase();
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
  writeSetting(db, SETUP_CODE_KEY, encodeBase64(hashSecret(normaliseCode(code))), now);
  return code;
}

function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z2-7]/g, '');
}

/** True when a setup code is waiting to be used. */
export function hasSetupCode(db: DbClient): boolean {
  return readSetting<string>(db, SETUP_CODE_KEY) !== undefined;
}

function setupCodeMatches(db: DbClient, code: string): boolean {
  const stored = readSetting<string>(db, SETUP_CODE_KEY);
  if (!stored) return false;
  return bytesEqual(hashSecret(normaliseCode(code)), decodeBase64(stored));
}

export interface SetupInput {
  code: string;
  name: string;
  email: string;
  password: string;
  orgName: string;
  orgType: OrgType;
}

export type SetupError = 'already_done' | 'bad_code' | PasswordProblem;

/**
 * Creates the first administrator (and the root organisation node when none
 * exists) and consumes the setup code.
 */
export async function completeSetup(ctx: ServiceContext, input: SetupInput): Promise<Result<{ userId: number }, SetupError>> {
  if (isSetupComplete(ctx.db)) return { ok: false, error: 'already_done' };
  if (!setupCodeMatches(ctx.db, input.code)) return { ok: false, error: 'bad_code', field: 'code' };
  const problem = checkPasswordPolicy(input.password);
  if (problem) return { ok: false, error: problem, field: 'password' };
  const passwordHash = await hashPassword(input.password);
  const userId = ctx.db.transaction((tx) => {
    if (adminExists(tx) || !setupCodeMatches(tx, input.code)) return undefined;
    const root = findRootNode(tx) ?? insertNode(tx, { name: input.orgName, type: input.orgType, parentId: null }, ctx.now);
    const existing = findUserByEmail(tx, input.email);
    if (existing) return undefined;
    const id = insertUser(tx, { email: input.email, name: input.name, passwordHash, roles: ['learner', 'admin'] }, ctx.now);
    startActiveMembership(tx, id, root.id, null, ctx.now);
    deleteSetting(tx, SETUP_CODE_KEY);
    return id;
  });
  if (userId === undefined) return { ok: false, error: 'already_done' };
  audit(ctx, { actorId: userId, action: 'setup.completed', targetType: 'user', targetId: userId });
  return { ok: true, userId };
}
