/**
 * Funder indicators: for one calendar year (Europe/Helsinki), how many
 * different professionals completed each course, by organisation type and
 * quarter, and how many organisations they came from — the figures
 * EU-funded projects report. Every figure is an anonymous count, and the
 * small-cell rule (primary and secondary suppression) is applied here, in
 * the result, so no page or file can show a true count under five by
 * forgetting it.
 */
import { helsinkiDateKey } from '../format';
import { isSuppressed, shownCount } from './suppress';

/** The organisation types funders ask about; units and teams count under their organisation. */
export const FUNDER_ORG_TYPES = ['hyvinvointialue', 'kunta', 'tyollisyysalue', 'kela', 'jarjesto', 'oppilaitos', 'yritys', 'muu'] as const;
export type FunderOrgType = (typeof FUNDER_ORG_TYPES)[number];

/** A count as it may be shown: the number, or "< 5". */
export type Shown = number | '< 5';

export function isFunderOrgType(type: string): type is FunderOrgType {
  return (FUNDER_ORG_TYPES as readonly string[]).includes(type);
}

// ---------------------------------------------------------------------------
// Which organisation a node belongs to
// ---------------------------------------------------------------------------

export interface TreeNodeInput {
  id: number;
  parentId: number | null;
  type: string;
}

export interface Organisation {
  orgType: FunderOrgType;
  /** The node that stands for the organisation, for "organisations reached". */
  orgNodeId: number;
}

/**
 * For every node, its organisation: the node itself or its nearest ancestor
 * whose type is one of the funder types. A unit with no such ancestor counts
 * as "muu", and the top of its branch stands for its organisation, since it
 * is evidently part of one.
 */
export function resolveOrganisations(nodes: readonly TreeNodeInput[]): Map<number, Organisation> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<number, Organisation>();
  const resolve = (node: TreeNodeInput): Organisation => {
    const known = out.get(node.id);
    if (known) return known;
    let found: Organisation;
    if (isFunderOrgType(node.type)) found = { orgType: node.type, orgNodeId: node.id };
    else {
      const parent = node.parentId === null ? undefined : byId.get(node.parentId);
      found = parent ? resolve(parent) : { orgType: 'muu', orgNodeId: node.id };
    }
    out.set(node.id, found);
    return found;
  };
  for (const n of nodes) resolve(n);
  return out;
}

// ---------------------------------------------------------------------------
// Quarters
// ---------------------------------------------------------------------------

/** The Helsinki calendar year and quarter (0–3) of an instant. */
export function quarterOf(ms: number): { year: number; quarter: number } {
  const key = helsinkiDateKey(ms);
  return { year: Number(key.slice(0, 4)), quarter: Math.floor((Number(key.slice(5, 7)) - 1) / 3) };
}

// ---------------------------------------------------------------------------
// Secondary suppression
// ---------------------------------------------------------------------------

/** True counts of a table with its margins; totals count distinct people, so they need not be sums. */
export interface CountTable {
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  grandTotal: number;
}

/** Which values of a {@link CountTable} are hidden. */
export interface SuppressionMask {
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
  grandTotal: boolean;
}

interface Value {
  count: number;
  hidden: boolean;
}

/**
 * Every value under five is hidden (primary). Then, wherever a row or
 * column has exactly one hidden value while its total is shown, the
 * smallest shown value of that line is hidden too (secondary), so the
 * hidden one cannot be worked out by subtracting from the total. The
 * margins are lines as well (the row totals against the grand total, the
 * column totals against it); hiding one value can expose another line, so
 * this repeats until nothing changes.
 */
export function suppressTable(table: CountTable): SuppressionMask {
  const value = (count: number): Value => ({ count, hidden: isSuppressed(count) });
  const cells = table.cells.map((row) => row.map(value));
  const rowTotals = table.rowTotals.map(value);
  const columnTotals = table.columnTotals.map(value);
  const grandTotal = value(table.grandTotal);
  const lines: { members: Value[]; total: Value }[] = [
    ...cells.map((row, i) => ({ members: row, total: rowTotals[i]! })),
    ...columnTotals.map((total, j) => ({ members: cells.map((row) => row[j]!), total })),
    { members: columnTotals, total: grandTotal },
    { members: rowTotals, total: grandTotal },
  ];
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.total.hidden || line.members.filter((m) => m.hidden).length !== 1) continue;
      const next = line.members.filter((m) => !m.hidden).sort((a, b) => a.count - b.count)[0];
      if (!next) continue;
      next.hidden = true;
      changed = true;
    }
  }
  const hidden = (v: Value) => v.hidden;
  return { cells: cells.map((row) => row.map(hidden)), rowTotals: rowTotals.map(hidden), columnTotals: columnTotals.map(hidden), grandTotal: grandTotal.hidden };
}

// ---------------------------------------------------------------------------
// The indicators
// ---------------------------------------------------------------------------

export interface FunderCompletion {
  userId: number;
  courseId: string;
  completedAt: number;
  orgType: FunderOrgType;
  /** The organisation at the time of completion; null when the person belonged to none. */
  orgNodeId: number | null;
}

export interface FunderCourseInput {
  id: string;
  title: string;
}

export interface FunderTableRow {
  orgType: FunderOrgType;
  /** Q1–Q4. */
  quarters: Shown[];
  /** The year: each person once, even when they completed in two quarters. */
  year: Shown;
}

export interface FunderCourseFigures {
  courseId: string;
  title: string;
  /** One row per organisation type, in {@link FUNDER_ORG_TYPES} order. */
  rows: FunderTableRow[];
  /** Different professionals per quarter and in the year, across organisation types. */
  total: { quarters: Shown[]; year: Shown };
  /** Different organisations the professionals who completed came from. */
  organisations: Shown;
}

export interface FunderIndicators {
  year: number;
  courses: FunderCourseFigures[];
  /** Different professionals who completed any course in the year. */
  professionals: Shown;
  /** Different organisations reached by any course in the year. */
  organisations: Shown;
}

interface CourseSets {
  cells: Set<number>[][];
  rows: Set<number>[];
  quarters: Set<number>[];
  year: Set<number>;
  organisations: Set<number>;
}

const sets = (n: number) => Array.from({ length: n }, () => new Set<number>());

function emptyCourseSets(): CourseSets {
  return { cells: FUNDER_ORG_TYPES.map(() => sets(4)), rows: sets(FUNDER_ORG_TYPES.length), quarters: sets(4), year: new Set(), organisations: new Set() };
}

function courseFigures(course: FunderCourseInput, s: CourseSets): FunderCourseFigures {
  const table: CountTable = {
    cells: s.cells.map((row) => row.map((cell) => cell.size)),
    rowTotals: s.rows.map((r) => r.size),
    columnTotals: s.quarters.map((q) => q.size),
    grandTotal: s.year.size,
  };
  const mask = suppressTable(table);
  const show = (count: number, hidden: boolean): Shown => (hidden ? '< 5' : count);
  return {
    courseId: course.id,
    title: course.title,
    rows: FUNDER_ORG_TYPES.map((orgType, i) => ({
      orgType,
      quarters: table.cells[i]!.map((count, j) => show(count, mask.cells[i]![j]!)),
      year: show(table.rowTotals[i]!, mask.rowTotals[i]!),
    })),
    total: { quarters: table.columnTotals.map((count, j) => show(count, mask.columnTotals[j]!)), year: show(table.grandTotal, mask.grandTotal) },
    organisations: shownCount(s.organisations.size),
  };
}

/**
 * The indicators of `year` for `courses` (in their order) from completion
 * rows already attributed to an organisation. Rows of other years or other
 * courses are ignored; several completions of one person (rounds, versions)
 * in one cell count once.
 */
export function computeFunderIndicators(rows: readonly FunderCompletion[], year: number, courses: readonly FunderCourseInput[]): FunderIndicators {
  const byCourse = new Map(courses.map((c) => [c.id, emptyCourseSets()]));
  const professionals = new Set<number>();
  const organisations = new Set<number>();
  for (const r of rows) {
    const s = byCourse.get(r.courseId);
    const when = quarterOf(r.completedAt);
    if (!s || when.year !== year) continue;
    const type = FUNDER_ORG_TYPES.indexOf(r.orgType);
    s.cells[type]![when.quarter]!.add(r.userId);
    s.rows[type]!.add(r.userId);
    s.quarters[when.quarter]!.add(r.userId);
    s.year.add(r.userId);
    professionals.add(r.userId);
    if (r.orgNodeId !== null) {
      s.organisations.add(r.orgNodeId);
      organisations.add(r.orgNodeId);
    }
  }
  return {
    year,
    courses: courses.map((c) => courseFigures(c, byCourse.get(c.id)!)),
    professionals: shownCount(professionals.size),
    organisations: shownCount(organisations.size),
  };
}
