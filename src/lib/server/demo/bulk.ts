/**
 * A fast seeder for benchmarks: a county with 20 municipalities of ten units
 * each, any number of learners with plausible records per course (about a
 * third each not started, in progress and complete; of the complete some
 * expiring, some expired, a few revoked), unit assignments with due dates
 * past and coming, and one manager over the whole county. Prepared
 * statements in one transaction, no password hashing and no rule engine:
 * 10,000 learners × 3 courses take seconds. The learners cannot sign in
 * (their password hash matches nothing); benchmarks make sessions directly.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../db/client';
import { findRootNode } from '../db/org';
import { prepareBulkInserts } from '../db/bulk-insert';
import type { SessionUser } from '../auth/types';
import { generateCertificateCode } from '../certificates/code';
import { hashIdentity } from '../certificates/issue';
import { addMonths } from '../certificates/status';
import { completionSnapshot, type CourseStructure } from '../../learning/structure';
import { addDaysToKey, helsinkiDateKey } from '../../format';
import { drawName } from './people';
import { createRandom } from './random';

export interface BulkSeedOptions {
  learners: number;
  courses: readonly CourseStructure[];
  /** Generator seed; also part of every address, so different seeds can share a database. */
  seed: number;
  now: Date;
  municipalities?: number;
  unitsPerMunicipality?: number;
  issuer?: { name: string; email: string };
}

export interface BulkSeedResult {
  countyId: number;
  countyPath: string;
  managerId: number;
  /** The manager as a session sees them, for `createSession` in benchmarks. */
  manager: SessionUser;
  counts: { nodes: number; learners: number; activities: number; completions: number; certificates: number; expired: number; revoked: number; assignments: number };
}

const DAY = 86_400_000;
/** Never a valid argon2 hash, so no bulk account can sign in with a password. */
const NO_PASSWORD = '!bulk-seeded';
const UNIT_NAMES = ['Työllisyyspalvelut', 'Sote-keskus', 'Aikuissosiaalityö', 'Kuntoutus', 'Nuorten palvelut', 'Työkykytiimi', 'Vastaanotto', 'Mielenterveyspalvelut', 'Perhekeskus', 'Hyvinvoinnin edistäminen'];
/** Due-date offsets in days from today, cycled over municipalities and courses. */
const DUE_OFFSETS = [-21, 14, 45, 120];

/** Seeds the benchmark data in one transaction and returns the manager and counts. */
export function seedBulk(handle: DatabaseHandle, options: BulkSeedOptions): BulkSeedResult {
  const random = createRandom(options.seed);
  const now = options.now.getTime();
  const ago = (days: number) => now - days * DAY;
  const issuer = options.issuer ?? { name: 'Työkykyakatemia', email: 'tuki@tyokykyakatemia.invalid' };
  const courses = options.courses.map((c) => ({ c, snapshot: completionSnapshot(c), validity: c.certificateValidityMonths ?? null }));
  const counts = { nodes: 0, learners: 0, activities: 0, completions: 0, certificates: 0, expired: 0, revoked: 0, assignments: 0 };
  const today = helsinkiDateKey(options.now);
  const tag = `kuorma${options.seed}`;

  return handle.sqlite.transaction((): BulkSeedResult => {
    const q = prepareBulkInserts(handle.sqlite);
    const root = findRootNode(handle.db);
    const createdAt = ago(6 * 365);
    const county = q.node({ parentId: root?.id ?? null, parentPath: root?.path ?? '/', name: `Kuormitustestin hyvinvointialue ${options.seed}`, type: 'hyvinvointialue', createdAt });
    counts.nodes += 1;
    const municipalities: number[] = [];
    const units: number[] = [];
    for (let m = 1; m <= (options.municipalities ?? 20); m += 1) {
      const kunta = q.node({ parentId: county.id, parentPath: county.path, name: `Kunta ${String(m).padStart(2, '0')}`, type: 'kunta', createdAt });
      municipalities.push(kunta.id);
      for (let u = 0; u < (options.unitsPerMunicipality ?? 10); u += 1) {
        units.push(q.node({ parentId: kunta.id, parentPath: kunta.path, name: UNIT_NAMES[u % UNIT_NAMES.length]!, type: u === 0 ? 'tyollisyysalue' : 'yksikko', createdAt }).id);
      }
    }
    counts.nodes += municipalities.length + units.length;

    const managerName = 'Kuormitus Esihenkilö';
    const managerEmail = `${tag}.esihenkilo@demo.invalid`;
    const managerId = q.user({ email: managerEmail, name: managerName, passwordHash: NO_PASSWORD, subjectId: `urn:uuid:${randomUUID()}`, createdAt, lastLoginAt: ago(1), roles: ['manager'] });
    q.activeMembership(managerId, county.id, createdAt);
    q.managerScope(managerId, county.id);

    courses.forEach(({ c }, ci) => {
      municipalities.forEach((nodeId, mi) => {
        const offset = DUE_OFFSETS[(mi + ci) % DUE_OFFSETS.length]!;
        q.nodeAssignment({ courseId: c.id, nodeId, dueDate: addDaysToKey(today, offset), assignedBy: managerId, createdAt: ago(Math.max(30, 30 - offset)) });
        counts.assignments += 1;
      });
    });

    for (let i = 0; i < options.learners; i += 1) {
      const name = drawName(random);
      const email = `${tag}.oppija${i + 1}@demo.invalid`;
      const joinedAt = ago(random.int(50 * 30, 72 * 30));
      // A recent sign-in keeps the inactivity purge from warning thousands of seeded accounts.
      const userId = q.user({ email, name, passwordHash: NO_PASSWORD, subjectId: `urn:uuid:${randomUUID()}`, createdAt: joinedAt, lastLoginAt: ago(random.int(0, 60)), roles: [] });
      q.activeMembership(userId, units[i % units.length]!, joinedAt);
      counts.learners += 1;
      for (const { c, snapshot, validity } of courses) {
        const roll = random.next();
        if (roll < 1 / 3) continue;
        if (roll < 2 / 3) {
          const startedAt = ago(random.int(1, 120));
          const failed = random.chance(0.15) ? Math.floor(random.next() * c.minFinalScore) : null;
          q.activity({ userId, courseId: c.id, startedAt, lastActivityAt: Math.min(now, startedAt + random.int(0, 20) * DAY), percent: random.int(5, 95), version: c.version, bestFinalScore: failed });
          counts.activities += 1;
          continue;
        }
        const kind = random.next();
        const lapse = validity ? addMonths(options.now, -validity).getTime() : now - 3 * 365 * DAY;
        // expired 12 %, revoked 3 %, expiring within 90 days 10 %, recent otherwise.
        const completedAt = kind < 0.12 ? lapse - random.int(1, 400) * DAY : kind < 0.25 ? lapse + random.int(10, 85) * DAY : ago(random.int(1, 900));
        const revoked = kind >= 0.12 && kind < 0.15;
        const score = random.int(c.minFinalScore, 100);
        q.activity({ userId, courseId: c.id, startedAt: completedAt - random.int(2, 30) * DAY, lastActivityAt: completedAt, percent: 100, version: c.version, bestFinalScore: score });
        const completionId = q.completion({ userId, courseId: c.id, version: c.version, contentHash: c.contentHash, completedAt, snapshot });
        const salt = randomBytes(16).toString('hex');
        const validUntil = validity ? addMonths(new Date(completedAt), validity).getTime() : null;
        q.certificate({
          code: generateCertificateCode(),
          completionId,
          userId,
          courseId: c.id,
          version: c.version,
          contentHash: c.contentHash,
          holderName: name,
          snapshot,
          issuedAt: completedAt,
          validUntil,
          issuerName: issuer.name,
          issuerEmail: issuer.email,
          credentialId: `urn:uuid:${randomUUID()}`,
          identityHash: hashIdentity(email, salt),
          identitySalt: salt,
          revoked: revoked ? { at: Math.min(now, completedAt + 7 * DAY), reason: 'Myönnetty virheellisesti (kuormitustestin aineisto).', by: null } : null,
        });
        counts.activities += 1;
        counts.completions += 1;
        counts.certificates += 1;
        if (revoked) counts.revoked += 1;
        else if (validUntil !== null && validUntil <= now) counts.expired += 1;
      }
    }
    const manager: SessionUser = { id: managerId, name: managerName, email: managerEmail, roles: ['learner', 'manager'] };
    return { countyId: county.id, countyPath: county.path, managerId, manager, counts };
  })();
}
