/**
 * `npm run seed:demo`: fills an empty database with the fictional Järvi-Pohja
 * organisation, about 200 learners and their staff, progress in every state
 * and assignments, through the same flows the application uses, so a
 * newcomer sees every screen with data. Everything is dated relative to
 * `now`. Refuses a database that already has users unless forced.
 */
import type { AppConfig } from '../config';
import type { DatabaseHandle, DbClient } from '../db/client';
import { findRootNode, listNodes } from '../db/org';
import { adminExists, findUserByEmail, insertUser, listUsers, updateUser } from '../db/users';
import { endActiveMembership, requestMembership, startActiveMembership } from '../db/memberships';
import { countCertificates, listCertificatesOfUser } from '../db/certificates';
import { replaceManagerScopes } from '../accounts/scope';
import { changeTrainerCourses } from '../accounts/admin-users';
import { createServiceContext } from '../accounts/context';
import { hashPassword } from '../auth/password';
import type { Role } from '../auth/types';
import { ensureSigningKey } from '../certificates/keys';
import { issuerFromConfig } from '../certificates/issue';
import { revokeCertificateWithReason } from '../certificates/revoke';
import { addMonths } from '../certificates/status';
import { defaultContentDir, loadDemoCourses } from './courses';
import { DEMO_ORGANISATION, insertDemoOrganisation, type DemoOrganisation } from './organisation';
import { DEMO_PASSWORD, DEMO_STAFF, type DemoStaff, type StaffKey } from './people';
import { planLearners, type PlannedLearner } from './plan';
import { applyState } from './progress';
import { seedDemoAssignments } from './demo-assignments';
import { seedDemoLiveTrainings } from './demo-live';
import { createRandom } from './random';

export interface DemoSeedOptions {
  /** Seed even though users exist (or in production): adds the demo beside them, skipping taken addresses. */
  force?: boolean;
  contentDir?: string;
  /** The generator seed; the same seed plans the same people. */
  seed?: number;
}

/** has_users and production: refused without force; already_seeded: the demo county exists, even with force. */
export type DemoSeedError = 'has_users' | 'production' | 'already_seeded';

export interface DemoAccount {
  email: string;
  name: string;
  description: string;
}

export interface DemoSeedSummary {
  password: string;
  siteUrl: string;
  /** Staff accounts created (an administrator only when there was none). */
  staff: DemoAccount[];
  /** Two learners worth signing in as. */
  sampleLearners: DemoAccount[];
  counts: { nodes: number; learners: number; pending: number; ended: number; assignments: number; completions: number; certificates: number; revoked: number };
  /** Addresses that already had an account and were left alone. */
  skipped: number;
  /** True when certificates wait (production without SITE_URL): completions are kept, certificates follow. */
  certificatesWaiting: boolean;
}

export type DemoSeedResult = ({ ok: true } & DemoSeedSummary) | { ok: false; error: DemoSeedError };

export const DEFAULT_DEMO_SEED = 20_261_123;

const REVOKE_REASONS = [
  'Suoritus kirjautui väärälle henkilölle yhteiskäytössä olleella koneella.',
  'Kurssi suoritettiin yhteisellä tunnuksella, ei henkilökohtaisesti.',
  'Päällekkäinen todistus: sama henkilö suoritti kurssin toisella tunnuksella.',
] as const;

const STAFF_PLACES: Record<StaffKey, { roles: Role[]; node: keyof DemoOrganisation['nodes'] }> = {
  admin: { roles: ['admin'], node: 'county' },
  countyManager: { roles: ['manager'], node: 'county' },
  employmentManager: { roles: ['manager'], node: 'employment' },
  associationManager: { roles: ['manager'], node: 'association' },
  trainer: { roles: ['trainer'], node: 'rehabilitation' },
};

/** True when the demo county is the root or directly under it (a second run would add an empty copy). */
function demoAlreadySeeded(db: DbClient): boolean {
  const root = findRootNode(db);
  if (!root) return false;
  return root.name === DEMO_ORGANISATION.name || listNodes(db, { includeArchived: true }).some((n) => n.parentId === root.id && n.name === DEMO_ORGANISATION.name);
}

type StaffIds = Partial<Record<StaffKey, { id: number; staff: DemoStaff }>>;

/** Inserts the staff whose addresses are free (the administrator only when `withAdmin`); counts the taken ones. */
function insertStaff(tx: DbClient, org: DemoOrganisation, passwordHash: string, createdAt: Date, lastSignIn: Date, withAdmin: boolean): { ids: StaffIds; skipped: number } {
  const out: StaffIds = {};
  let skipped = 0;
  for (const staff of Object.values(DEMO_STAFF)) {
    if (staff.key === 'admin' && !withAdmin) continue;
    if (findUserByEmail(tx, staff.email)) {
      skipped += 1;
      continue;
    }
    const place = STAFF_PLACES[staff.key];
    const id = insertUser(tx, { email: staff.email, name: staff.name, passwordHash, roles: place.roles }, createdAt);
    // Signed in lately, so the inactivity purge leaves the account alone.
    updateUser(tx, id, { lastLoginAt: lastSignIn });
    startActiveMembership(tx, id, org.nodes[place.node].id, null, createdAt);
    out[staff.key] = { id, staff };
  }
  if (out.countyManager) replaceManagerScopes(tx, out.countyManager.id, [org.countyId]);
  if (out.employmentManager) replaceManagerScopes(tx, out.employmentManager.id, [org.nodes.employment.id]);
  if (out.associationManager) replaceManagerScopes(tx, out.associationManager.id, [org.nodes.association.id]);
  return { ids: out, skipped };
}

const DAY = 86_400_000;

/**
 * When the learner last signed in: lately for people at work, before leaving
 * for leavers. Without it the inactivity purge would warn and then
 * anonymise every demo account whose creation date lies years back.
 */
function lastLogin(p: PlannedLearner, now: Date): Date {
  if (p.kind === 'pending') return new Date(p.joinedAt.getTime() + 600_000);
  if (p.kind === 'leaver') return new Date(p.changedAt!.getTime() - p.random.int(1, 20) * DAY);
  return new Date(Math.max(p.joinedAt.getTime(), now.getTime() - p.random.int(0, 45) * DAY - p.random.int(1, 10) * 3_600_000));
}

/** Writes one planned learner's account and memberships; returns the id. */
function insertLearner(tx: DbClient, p: PlannedLearner, passwordHash: string, decidedBy: number | null, now: Date): number {
  const id = insertUser(tx, { email: p.email, name: p.name, passwordHash, roles: [] }, p.joinedAt);
  updateUser(tx, id, { lastLoginAt: lastLogin(p, now) });
  switch (p.kind) {
    case 'pending':
      requestMembership(tx, id, p.unit.id, p.changedAt!);
      break;
    case 'mover':
      startActiveMembership(tx, id, p.otherUnit!.id, decidedBy, p.joinedAt);
      startActiveMembership(tx, id, p.unit.id, decidedBy, p.changedAt!);
      break;
    case 'leaver':
      startActiveMembership(tx, id, p.unit.id, decidedBy, p.joinedAt);
      endActiveMembership(tx, id, p.changedAt!);
      break;
    default:
      startActiveMembership(tx, id, p.unit.id, decidedBy, p.joinedAt);
      if (p.kind === 'transfer') requestMembership(tx, id, p.otherUnit!.id, p.changedAt!);
  }
  return id;
}

/**
 * Seeds the demo. Argon2 runs once (every demo account shares the printed
 * password) and the signing key is made before the one write transaction;
 * the trainer's courses and the revocations go through the admin flows
 * afterwards, so the audit log shows them as an administrator's acts.
 */
export async function seedDemo(handle: DatabaseHandle, config: AppConfig, now: Date, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const db = handle.db;
  if (!options.force && listUsers(db, { limit: 1 }).total > 0) return { ok: false, error: 'has_users' };
  if (!options.force && config.isProduction) return { ok: false, error: 'production' };
  if (demoAlreadySeeded(db)) return { ok: false, error: 'already_seeded' };
  const courses = loadDemoCourses(options.contentDir ?? defaultContentDir());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ensureSigningKey(db, now);
  const issuer = issuerFromConfig(config);
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const certificatesBefore = countCertificates(db);
  const since = addMonths(now, -66);

  const run = db.transaction((tx) => {
    const root = findRootNode(tx);
    const org = insertDemoOrganisation(tx, root?.id ?? null, since);
    const { ids: staff, skipped: staffSkipped } = insertStaff(tx, org, passwordHash, addMonths(now, -60), new Date(now.getTime() - DAY), !adminExists(tx));
    const pendingUnits = org.units.filter((u) => u.path.startsWith(org.nodes.employment.path) || u.path.startsWith(org.nodes.association.path));
    const plan = planLearners(seed, org, courses.length, now, { pending: [pendingUnits[0]!, pendingUnits.at(-1)!] });
    const created: { id: number; p: PlannedLearner }[] = [];
    const revoke: { userId: number; courseId: string; at: Date }[] = [];
    let skipped = staffSkipped;
    let completions = 0;
    for (const p of plan) {
      if (findUserByEmail(tx, p.email)) {
        skipped += 1;
        continue;
      }
      const id = insertLearner(tx, p, passwordHash, staff.countyManager?.id ?? null, now);
      created.push({ id, p });
      courses.forEach((course, c) => {
        const state = p.states[c]!;
        const completedAt = applyState(tx, course, { userId: id, issuer }, state, now, p.joinedAt, p.random);
        if (completedAt) completions += 1;
        if (completedAt && state === 'revoked') revoke.push({ userId: id, courseId: course.structure.id, at: new Date(Math.min(now.getTime() - DAY, completedAt.getTime() + p.random.int(3, 20) * DAY)) });
      });
    }
    const admin = staff.admin?.id ?? listUsers(tx, { role: 'admin', limit: 1 }).items[0]?.id;
    const assigners = { county: staff.countyManager?.id ?? admin, employment: staff.employmentManager?.id ?? admin, association: staff.associationManager?.id ?? admin };
    const assignments = seedDemoAssignments(tx, { org, courses, created, now, assigners });
    if (staff.trainer) {
      const members = created.filter((c) => c.p.kind !== 'pending' && c.p.kind !== 'leaver').map((c) => ({ id: c.id, path: c.p.unit.path }));
      seedDemoLiveTrainings(tx, { trainerId: staff.trainer.id, learners: members, courseIds: courses.map((c) => c.structure.id), unitId: org.nodes.county.id, siteHost: new URL(config.siteUrl).hostname, now, random: createRandom(seed + 18) });
    }
    return { org, staff, admin, created, revoke, skipped, completions, assignments };
  });

  const adminId = run.admin;
  let revoked = 0;
  if (adminId !== undefined) {
    const ctx = createServiceContext(db, config, '127.0.0.1', now);
    if (run.staff.trainer) changeTrainerCourses(ctx, adminId, run.staff.trainer.id, courses.map((c) => c.structure.id));
    run.revoke.forEach((r, i) => {
      const cert = listCertificatesOfUser(db, r.userId).find((c) => c.courseId === r.courseId);
      if (cert && revokeCertificateWithReason({ ...ctx, now: r.at }, adminId, { code: cert.code, reason: REVOKE_REASONS[i % REVOKE_REASONS.length]! }).ok) revoked += 1;
    });
  }

  return {
    ok: true,
    password: DEMO_PASSWORD,
    siteUrl: config.siteUrl,
    staff: Object.values(run.staff).map(({ staff }) => ({ email: staff.email, name: staff.name, description: staff.description })),
    sampleLearners: pickSampleLearners(run.created, run.assignments.overdueLearnerId),
    counts: {
      nodes: run.org.nodeCount,
      learners: run.created.length,
      pending: run.created.filter((c) => c.p.kind === 'pending' || c.p.kind === 'transfer').length,
      ended: run.created.filter((c) => c.p.kind === 'mover' || c.p.kind === 'leaver').length,
      assignments: run.assignments.count,
      completions: run.completions,
      certificates: countCertificates(db) - certificatesBefore,
      revoked,
    },
    skipped: run.skipped,
    certificatesWaiting: issuer === null,
  };
}

/** Two learners worth signing in as: one with a certificate and a course under way, one with an overdue assignment. */
function pickSampleLearners(created: readonly { id: number; p: PlannedLearner }[], overdueId: number | undefined): DemoAccount[] {
  const overdue = created.find((c) => c.id === overdueId);
  const withCertificate = created.find((c) => c !== overdue && c.p.kind === 'member' && c.p.states.includes('completed') && c.p.states.includes('in_progress'));
  const account = (c: { p: PlannedLearner }, what: string) => ({ email: c.p.email, name: c.p.name, description: `oppija, ${c.p.unit.label}: ${what}` });
  return [...(withCertificate ? [account(withCertificate, 'todistus ja kesken oleva kurssi')] : []), ...(overdue ? [account(overdue, 'myöhässä oleva määräaikainen kurssi')] : [])];
}
