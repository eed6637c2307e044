/**
 * The filters of manager reports, read from a query string: subtree, course,
 * status, a date range on the completion, start or due date, and the CSV
 * separator. A subtree outside the manager's scope, or an unknown id,
 * answers as not found, so ids reveal nothing. A value that does not parse
 * is refused with a Finnish message (`checkReportQuery`), never silently
 * dropped: a dropped unit filter would widen the report to the whole scope.
 */
import { z } from 'astro/zod';
import { parseId } from '../../ids';
import type { DbClient } from '../db/client';
import { findNode } from '../db/org';
import { managedPaths, pathInScope } from '../accounts/scope';
import type { SessionUser } from '../auth/types';
import { RECORD_STATUSES, type RecordStatus } from '../../reporting/record-status';
import type { DateField, RecordFilter, ReportCourse } from './records';
import type { CsvSeparator } from './export-csv';

/** A real calendar day written `YYYY-MM-DD` (so not 2026-13-01 or 2026-02-30). */
export function isDateKey(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const dateKey = z.string().refine(isDateKey);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const querySchema = z.object({
  yksikko: optional(z.string().refine((v) => parseId(v) !== undefined).transform(Number)),
  kurssi: optional(z.string().max(100)),
  tila: optional(z.enum(RECORD_STATUSES)),
  paiva: optional(z.enum(['suoritettu', 'aloitettu', 'erapaiva'])),
  alkaen: optional(dateKey),
  asti: optional(dateKey),
  erotin: optional(z.enum(['puolipiste', 'pilkku'])),
});

export interface ReportQuery {
  nodeId?: number;
  courseId?: string;
  status?: RecordStatus;
  dateField: DateField;
  from?: string;
  to?: string;
  separator: CsvSeparator;
}

const DATE_FIELDS: Record<string, DateField> = { suoritettu: 'completed', aloitettu: 'started', erapaiva: 'due' };

const PROBLEMS: Record<string, (value: string) => string> = {
  yksikko: () => 'Yksikön tunniste ei kelpaa. Valitse yksikkö luettelosta.',
  kurssi: () => 'Kurssin tunniste on liian pitkä.',
  tila: (v) => `Tuntematon tila "${v.slice(0, 40)}". Valitse tila luettelosta.`,
  paiva: () => 'Tuntematon päivämäärän laji. Valitse suoritus-, aloitus- tai eräpäivä.',
  alkaen: (v) => `Alkupäivä "${v.slice(0, 40)}" ei ole kelvollinen päivämäärä. Kirjoita se muodossa vvvv-kk-pp.`,
  asti: (v) => `Loppupäivä "${v.slice(0, 40)}" ei ole kelvollinen päivämäärä. Kirjoita se muodossa vvvv-kk-pp.`,
  erotin: () => 'Tuntematon erotin. Valitse puolipiste tai pilkku.',
};

/** What is wrong with the query, field by field in Finnish; empty when every value parses. */
export function checkReportQuery(params: URLSearchParams): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [field, schema] of Object.entries(querySchema.shape)) {
    const value = params.get(field);
    if (value === null) continue;
    if (!schema.safeParse(value).success) problems[field] = PROBLEMS[field]!(value);
  }
  return problems;
}

/** Reads the query; call {@link checkReportQuery} first, which refuses what does not parse. */
export function parseReportQuery(params: URLSearchParams): ReportQuery {
  const raw = Object.fromEntries([...params.keys()].map((k) => [k, params.get(k)]));
  const parsed = querySchema.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  return {
    nodeId: q.yksikko,
    courseId: q.kurssi,
    status: q.tila,
    dateField: DATE_FIELDS[q.paiva ?? 'suoritettu']!,
    from: q.alkaen,
    to: q.asti,
    separator: q.erotin === 'pilkku' ? ',' : ';',
  };
}

/** The query as the audit log records it. */
export function describeReportQuery(q: ReportQuery): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
}

/**
 * The record filter for a manager: their subtrees, narrowed to the chosen
 * unit and course. `not_found` when the unit or course is not theirs to see.
 */
export function resolveReportFilter(db: DbClient, actor: SessionUser, courses: readonly ReportCourse[], q: ReportQuery): { ok: true; filter: RecordFilter } | { ok: false } {
  const paths = managedPaths(db, actor);
  let subtree: string | undefined;
  if (q.nodeId !== undefined) {
    const node = findNode(db, q.nodeId);
    if (!node || !pathInScope(node.path, paths)) return { ok: false };
    subtree = node.path;
  }
  if (q.courseId !== undefined && !courses.some((c) => c.id === q.courseId)) return { ok: false };
  return {
    ok: true,
    filter: {
      paths,
      subtree,
      courseIds: q.courseId ? [q.courseId] : undefined,
      statuses: q.status ? [q.status] : undefined,
      dateField: q.dateField,
      from: q.from,
      to: q.to,
    },
  };
}
