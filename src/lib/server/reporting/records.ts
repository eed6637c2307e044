/**
 * Completion records: one per learner × course that is assigned or started,
 * with the status managers see (valmis … ei aloitettu), for dashboards,
 * learner lists and exports alike. Read page by page of members, so any
 * number of learners runs in bounded memory.
 */
import type { DbClient } from '../db/client';
import { listNodes, type OrgNodeRow } from '../db/org';
import { listActiveAssignmentRules, namesById } from '../db/assignments';
import { listActivityOf, listCertificatesOf, listCompletionsOf, listMembersPage, type ActivityRow, type CertificateFactRow, type CompletionFactRow, type MemberRow, type MemberScope } from '../db/report-queries';
import type { AssignmentRule } from '../../reporting/assignment-due';
import type { RecordStatus } from '../../reporting/record-status';
import { decideCore, rulesByCourse } from '../../reporting/record-core';
import { helsinkiDateKey } from '../../format';
import { listLiveFactsOf } from '../db/live-rosters';

/** A course as reports know it. */
export interface ReportCourse {
  id: string;
  title: string;
  version: string;
  /** Weeks from completion to the follow-up mail. */
  followUpWeeks?: number;
}

export interface CompletionRecord {
  userId: number;
  name: string;
  email: string;
  nodeId: number;
  nodePath: string;
  /** Unit names from the root: "Pohjolan hyvinvointialue / Kuusikko / Työllisyyspalvelut". */
  orgPath: string;
  courseId: string;
  courseTitle: string;
  version: string;
  status: RecordStatus;
  progressPercent: number;
  startedAt: number | null;
  completedAt: number | null;
  finalScore: number | null;
  certificateCode: string | null;
  validUntil: number | null;
  dueDate: string | null;
  assigned: boolean;
  assignedBy: string | null;
  /** The day the assignment began to apply to this learner (made, or joined the unit). */
  assignedOn: string | null;
  /** The due date is a certificate's valid-until day: the course is due again for renewal. */
  renewal: boolean;
  /** A valid certificate that lapses within 90 days. */
  expiringSoon: boolean;
  /** The live session of the course the person attended (else the one they registered for), if any. */
  liveSession: string | null;
  /** When their attendance was recorded. */
  attendedAt: number | null;
}

export type DateField = 'completed' | 'started' | 'due';

export interface RecordFilter extends MemberScope {
  courseIds?: readonly string[];
  statuses?: readonly RecordStatus[];
  /** Keep rows whose date field falls in [from, to] (Helsinki `YYYY-MM-DD`, inclusive). */
  dateField?: DateField;
  from?: string;
  to?: string;
}

const DEFAULT_PAGE = 500;

/** Org path names by node id, built once per report. */
export function orgPathNames(nodes: readonly OrgNodeRow[]): Map<number, string> {
  const byId = new Map(nodes.map((n) => [n.id, n.name]));
  return new Map(nodes.map((n) => [n.id, n.path.split('/').filter(Boolean).map((id) => byId.get(Number(id)) ?? '?').join(' / ')]));
}

function groupBy<T extends { userId: number; courseId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const key = `${r.userId}\u0000${r.courseId}`;
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

interface Context {
  rulesByCourse: Map<string, AssignmentRule[]>;
  assigners: Map<number, string>;
  paths: Map<number, string>;
  filter: RecordFilter;
  now: number;
  today: string;
}

function dateKeyOfField(r: CompletionRecord, field: DateField): string | null {
  if (field === 'due') return r.dueDate;
  const ms = field === 'completed' ? r.completedAt : r.startedAt;
  return ms === null ? null : helsinkiDateKey(ms);
}

function buildRecord(ctx: Context, m: MemberRow, course: ReportCourse, activity: ActivityRow | undefined, completions: CompletionFactRow[], certificates: CertificateFactRow[], live?: LiveFact): CompletionRecord | undefined {
  const core = decideCore(
    {
      member: m,
      rules: ctx.rulesByCourse.get(course.id) ?? [],
      startedAt: activity?.startedAt ?? null,
      completedWithoutCertificate: completions.some((c) => !c.hasCertificate),
      certificates,
    },
    ctx.today,
    ctx.now,
  );
  if (!core) return undefined;
  const { applied, status } = core;
  const latestCompletion = completions.reduce<CompletionFactRow | undefined>((a, c) => (!a || c.completedAt > a.completedAt ? c : a), undefined);
  const latestCertificate = certificates.reduce<CertificateFactRow | undefined>((a, c) => (!a || c.issuedAt > a.issuedAt ? c : a), undefined);
  const progress = status === 'valmis' ? 100 : activity && activity.progressVersion === course.version ? activity.progressPercent : 0;
  return {
    userId: m.userId,
    name: m.name,
    email: m.email,
    nodeId: m.nodeId,
    nodePath: m.nodePath,
    orgPath: ctx.paths.get(m.nodeId) ?? '',
    courseId: course.id,
    courseTitle: course.title,
    version: latestCompletion?.version ?? activity?.progressVersion ?? course.version,
    status,
    progressPercent: progress,
    startedAt: core.startedAt,
    completedAt: latestCompletion?.completedAt ?? null,
    finalScore: activity?.bestFinalScore ?? null,
    certificateCode: latestCertificate?.code ?? null,
    validUntil: latestCertificate?.validUntil ?? null,
    dueDate: core.dueDate,
    assigned: applied !== undefined,
    assignedBy: applied?.assignment.assignedBy ? (ctx.assigners.get(applied.assignment.assignedBy) ?? null) : null,
    assignedOn: applied ? helsinkiDateKey(Math.max(applied.assignment.createdAt, m.joinedAt)) : null,
    renewal: core.renewal,
    expiringSoon: core.expiringSoon,
    liveSession: live?.title ?? null,
    attendedAt: live?.attendedAt ?? null,
  };
}

function keep(ctx: Context, r: CompletionRecord): boolean {
  const f = ctx.filter;
  if (f.statuses && !f.statuses.includes(r.status)) return false;
  if (f.dateField && (f.from || f.to)) {
    const key = dateKeyOfField(r, f.dateField);
    if (key === null || (f.from && key < f.from) || (f.to && key > f.to)) return false;
  }
  return true;
}

type LiveFact = { title: string; startsAt: number; attendedAt: number | null };

/** Per person and course: the latest session attended, else the latest registered for. */
function liveFactsByKey(rows: readonly ({ userId: number; courseId: string } & LiveFact)[]): Map<string, LiveFact> {
  const out = new Map<string, LiveFact>();
  for (const r of rows) {
    const key = `${r.userId}\u0000${r.courseId}`;
    const had = out.get(key);
    if (!had || (r.attendedAt !== null) > (had.attendedAt !== null) || ((r.attendedAt !== null) === (had.attendedAt !== null) && r.startsAt > had.startsAt)) out.set(key, { title: r.title, startsAt: r.startsAt, attendedAt: r.attendedAt });
  }
  return out;
}

/**
 * Completion records in the filter, a page of members at a time (ordered by
 * user id, then by the order of `courses`).
 */
export function* iterateCompletionRecords(db: DbClient, courses: readonly ReportCourse[], filter: RecordFilter, now: Date, pageSize = DEFAULT_PAGE): Generator<CompletionRecord[]> {
  const wanted = filter.courseIds ? courses.filter((c) => filter.courseIds!.includes(c.id)) : courses;
  const rules = listActiveAssignmentRules(db, wanted.map((c) => c.id));
  const ctx: Context = {
    rulesByCourse: rulesByCourse(rules),
    assigners: namesById(db, [...new Set(rules.map((r) => r.assignedBy).filter((id): id is number => id !== null))]),
    paths: orgPathNames(listNodes(db, { includeArchived: true })),
    filter,
    now: now.getTime(),
    today: helsinkiDateKey(now),
  };
  let after = 0;
  for (;;) {
    const members = listMembersPage(db, filter, after, pageSize);
    if (!members.length) return;
    after = members.at(-1)!.userId;
    const ids = members.map((m) => m.userId);
    const activity = new Map(listActivityOf(db, ids).map((a) => [`${a.userId}\u0000${a.courseId}`, a]));
    const completions = groupBy(listCompletionsOf(db, ids));
    const certificates = groupBy(listCertificatesOf(db, ids));
    const live = liveFactsByKey(listLiveFactsOf(db, ids));
    const out: CompletionRecord[] = [];
    for (const m of members) {
      for (const course of wanted) {
        const key = `${m.userId}\u0000${course.id}`;
        const record = buildRecord(ctx, m, course, activity.get(key), completions.get(key) ?? [], certificates.get(key) ?? [], live.get(key));
        if (record && keep(ctx, record)) out.push(record);
      }
    }
    if (out.length) yield out;
    if (members.length < pageSize) return;
  }
}

/** Every record in the filter at once (learner pages and small lists). */
export function listCompletionRecords(db: DbClient, courses: readonly ReportCourse[], filter: RecordFilter, now: Date): CompletionRecord[] {
  const out: CompletionRecord[] = [];
  for (const page of iterateCompletionRecords(db, courses, filter, now)) out.push(...page);
  return out;
}
