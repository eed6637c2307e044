/**
 * The funder indicators of one year for an actor's scope: completions are
 * attributed to the node the person belonged to when they completed, only
 * nodes inside the scope count, and each node stands for its organisation
 * (itself or its nearest organisation above). Completions of people who
 * belonged to no node count only in the whole-platform view (admins).
 */
import { z } from 'astro/zod';
import type { DbClient } from '../db/client';
import { listCompletionsWithNode, listCompletionYears, listFunderNodes } from '../db/funder-queries';
import { pathInScope } from '../accounts/scope';
import { computeFunderIndicators, resolveOrganisations, type FunderCompletion, type FunderCourseInput, type FunderIndicators } from '../../reporting/funder-indicators';
import { helsinkiDateKey, startOfHelsinkiDay } from '../../format';

/** The Helsinki calendar year of an instant. */
export function helsinkiYear(now: Date): number {
  return Number(helsinkiDateKey(now).slice(0, 4));
}

/** The years the report offers, newest first: those with completions, and the current one. */
export function listFunderYears(db: DbClient, now: Date): number[] {
  return [...new Set([...listCompletionYears(db), helsinkiYear(now)])].sort((a, b) => b - a);
}

const yearParam = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number);

/**
 * The year asked for in the query (`vuosi`), or the current year when none
 * is given; undefined for anything the report does not offer, which the
 * page answers as not found.
 */
export function parseFunderYear(value: string | null, years: readonly number[], now: Date): number | undefined {
  if (value === null || value === '') return helsinkiYear(now);
  const parsed = yearParam.safeParse(value);
  return parsed.success && years.includes(parsed.data) ? parsed.data : undefined;
}

/** The indicators of `year` over the nodes under `paths` (undefined = everything). */
export function computeFunderReport(db: DbClient, paths: string[] | undefined, courses: readonly FunderCourseInput[], year: number): FunderIndicators {
  const nodes = listFunderNodes(db);
  const organisations = resolveOrganisations(nodes);
  const pathOf = new Map(nodes.map((n) => [n.id, n.path]));
  const completions = listCompletionsWithNode(
    db,
    courses.map((c) => c.id),
    startOfHelsinkiDay(`${year}-01-01`),
    startOfHelsinkiDay(`${year + 1}-01-01`),
  );
  const rows: FunderCompletion[] = [];
  for (const c of completions) {
    const base = { userId: c.userId, courseId: c.courseId, completedAt: c.completedAt };
    if (c.nodeId === null) {
      if (paths === undefined) rows.push({ ...base, orgType: 'muu', orgNodeId: null });
      continue;
    }
    const path = pathOf.get(c.nodeId);
    const org = organisations.get(c.nodeId);
    if (path === undefined || org === undefined || !pathInScope(path, paths)) continue;
    rows.push({ ...base, orgType: org.orgType, orgNodeId: org.orgNodeId });
  }
  return computeFunderIndicators(rows, year, courses);
}
