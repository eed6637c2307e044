import { describe, expect, it } from 'vitest';
import { computeFunderIndicators, quarterOf, resolveOrganisations, suppressTable, type FunderCompletion, type FunderOrgType } from '../../src/lib/reporting/funder-indicators';

const at = (iso: string) => new Date(iso).getTime();
const MID_QUARTER = ['2026-02-15T10:00:00Z', '2026-05-15T10:00:00Z', '2026-08-15T10:00:00Z', '2026-11-15T10:00:00Z'];
const courses = [
  { id: 'a', title: 'Kurssi A' },
  { id: 'b', title: 'Kurssi B' },
];

function completion(userId: number, quarter: number, options: { courseId?: string; orgType?: FunderOrgType; orgNodeId?: number | null; iso?: string } = {}): FunderCompletion {
  return { userId, courseId: options.courseId ?? 'a', completedAt: at(options.iso ?? MID_QUARTER[quarter]!), orgType: options.orgType ?? 'kunta', orgNodeId: options.orgNodeId === undefined ? 100 : options.orgNodeId };
}

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

describe('quarterOf', () => {
  it('reads the quarter on the Helsinki calendar', () => {
    // 01:30 on 1 April in Helsinki (summer time, +3).
    expect(quarterOf(at('2026-03-31T22:30:00Z'))).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOf(at('2026-03-31T20:59:59Z'))).toEqual({ year: 2026, quarter: 0 });
    // 00:30 on 1 January in Helsinki (winter time, +2): the new year.
    expect(quarterOf(at('2025-12-31T22:30:00Z'))).toEqual({ year: 2026, quarter: 0 });
    expect(quarterOf(at('2026-12-31T21:59:59Z'))).toEqual({ year: 2026, quarter: 3 });
    expect(quarterOf(at('2026-09-30T21:30:00Z'))).toEqual({ year: 2026, quarter: 3 });
  });
});

describe('resolveOrganisations', () => {
  it('gives units and teams the nearest organisation above them', () => {
    const orgs = resolveOrganisations([
      // A child before its parent: the order of the list does not matter.
      { id: 4, parentId: 3, type: 'tiimi' },
      { id: 1, parentId: null, type: 'hyvinvointialue' },
      { id: 2, parentId: 1, type: 'kunta' },
      { id: 3, parentId: 2, type: 'yksikko' },
      { id: 5, parentId: 1, type: 'yksikko' },
      { id: 6, parentId: null, type: 'tiimi' },
      { id: 7, parentId: 6, type: 'yksikko' },
      { id: 8, parentId: 2, type: 'jarjesto' },
    ]);
    expect(orgs.get(1)).toEqual({ orgType: 'hyvinvointialue', orgNodeId: 1 });
    expect(orgs.get(2)).toEqual({ orgType: 'kunta', orgNodeId: 2 });
    expect(orgs.get(3)).toEqual({ orgType: 'kunta', orgNodeId: 2 });
    expect(orgs.get(4)).toEqual({ orgType: 'kunta', orgNodeId: 2 });
    expect(orgs.get(5)).toEqual({ orgType: 'hyvinvointialue', orgNodeId: 1 });
    expect(orgs.get(8)).toEqual({ orgType: 'jarjesto', orgNodeId: 8 });
    // No organisation above: "muu", and the top of the branch stands for it.
    expect(orgs.get(6)).toEqual({ orgType: 'muu', orgNodeId: 6 });
    expect(orgs.get(7)).toEqual({ orgType: 'muu', orgNodeId: 6 });
  });
});

describe('suppressTable', () => {
  it('hides every value under five, zero included, and nothing else when no line gives one away', () => {
    const mask = suppressTable({ cells: [[3, 4, 10]], rowTotals: [17], columnTotals: [3, 4, 10], grandTotal: 17 });
    expect(mask).toEqual({ cells: [[true, true, false]], rowTotals: [false], columnTotals: [true, true, false], grandTotal: false });
    expect(suppressTable({ cells: [[0, 0, 7]], rowTotals: [7], columnTotals: [0, 0, 7], grandTotal: 7 }).cells).toEqual([[true, true, false]]);
  });

  it('hides the other value of a line whose only hidden value is a zero', () => {
    expect(suppressTable({ cells: [[0, 5]], rowTotals: [5], columnTotals: [0, 5], grandTotal: 5 }).cells).toEqual([[true, true]]);
  });

  it('hides the next-smallest value where one hidden value could be subtracted from a shown total', () => {
    const mask = suppressTable({
      cells: [
        [3, 10, 20],
        [8, 9, 30],
        [6, 7, 40],
      ],
      rowTotals: [33, 47, 53],
      columnTotals: [17, 26, 90],
      grandTotal: 133,
    });
    expect(mask.cells).toEqual([
      [true, true, false],
      [false, false, false],
      [true, true, false],
    ]);
    expect(mask.rowTotals).toEqual([false, false, false]);
    expect(mask.columnTotals).toEqual([false, false, false]);
  });

  it('treats the margins as lines too', () => {
    const mask = suppressTable({
      cells: [
        [4, 0],
        [20, 30],
        [6, 9],
      ],
      rowTotals: [4, 50, 15],
      columnTotals: [30, 39],
      grandTotal: 69,
    });
    expect(mask).toEqual({
      cells: [
        [true, true],
        [false, false],
        [true, true],
      ],
      rowTotals: [true, false, true],
      columnTotals: [false, false],
      grandTotal: false,
    });
  });
});

describe('computeFunderIndicators', () => {
  it('counts each person once per cell, and once in the year', () => {
    const rows = [
      ...range(6).map((u) => completion(u, 0)),
      // Two of them again in Q1 (another round or version): still six.
      completion(1, 0, { iso: '2026-03-01T10:00:00Z' }),
      completion(2, 0, { iso: '2026-03-31T20:00:00Z' }),
      ...range(5).map((u) => completion(u, 1)),
      // Another year and an unknown course are left out.
      completion(7, 0, { iso: '2025-06-01T10:00:00Z' }),
      completion(8, 0, { courseId: 'x' }),
    ];
    const result = computeFunderIndicators(rows, 2026, courses);
    const a = result.courses[0]!;
    expect(a.courseId).toBe('a');
    const kunta = a.rows.find((r) => r.orgType === 'kunta')!;
    expect(kunta.quarters).toEqual([6, 5, '< 5', '< 5']);
    expect(kunta.year).toBe(6);
    expect(a.total).toEqual({ quarters: [6, 5, '< 5', '< 5'], year: 6 });
    for (const r of a.rows.filter((row) => row.orgType !== 'kunta')) expect(r).toEqual({ orgType: r.orgType, quarters: ['< 5', '< 5', '< 5', '< 5'], year: '< 5' });
    expect(a.rows.map((r) => r.orgType)).toEqual(['hyvinvointialue', 'kunta', 'tyollisyysalue', 'kela', 'jarjesto', 'oppilaitos', 'yritys', 'muu']);
    expect(result.courses[1]!.total.year).toBe('< 5');
    expect(result.professionals).toBe(6);
  });

  it('puts a completion just after midnight on 1 April in Q2', () => {
    const rows = range(5).map((u) => completion(u, 0, { iso: '2026-03-31T22:30:00Z' }));
    const kunta = computeFunderIndicators(rows, 2026, courses).courses[0]!.rows[1]!;
    expect(kunta.quarters).toEqual(['< 5', 5, '< 5', '< 5']);
  });

  it('counts a person who moved between organisation types in both rows and once in the total', () => {
    const rows = [...range(5).map((u) => completion(u, 0, { orgType: 'kunta', orgNodeId: 1 })), ...range(6).map((u) => completion(u, 2, { orgType: 'yritys', orgNodeId: 2 }))];
    const a = computeFunderIndicators(rows, 2026, courses).courses[0]!;
    expect(a.rows.find((r) => r.orgType === 'kunta')!.year).toBe(5);
    expect(a.rows.find((r) => r.orgType === 'yritys')!.year).toBe(6);
    expect(a.total.year).toBe(6);
  });

  it('counts organisations reached, and people with no organisation only as professionals', () => {
    const rows = [...range(6).map((u) => completion(u, 0, { orgNodeId: 100 + u })), completion(7, 0, { orgType: 'muu', orgNodeId: null }), completion(1, 1, { courseId: 'b', orgNodeId: 101 })];
    const result = computeFunderIndicators(rows, 2026, courses);
    expect(result.courses[0]!.organisations).toBe(6);
    expect(result.courses[1]!.organisations).toBe('< 5');
    expect(result.organisations).toBe(6);
    expect(result.professionals).toBe(7);
    expect(result.courses[0]!.rows.find((r) => r.orgType === 'muu')!.year).toBe('< 5');
  });

  it('applies secondary suppression to the shown values', () => {
    const rows = [...range(5).map((u) => completion(u, 0)), ...range(6, 6).map((u) => completion(u, 1)), ...range(7, 12).map((u) => completion(u, 2)), ...range(2, 19).map((u) => completion(u, 3))];
    const a = computeFunderIndicators(rows, 2026, courses).courses[0]!;
    const kunta = a.rows.find((r) => r.orgType === 'kunta')!;
    // Q4 (2) is under five; Q1 (5) is hidden too, or 20 − 6 − 7 − Q1 would give Q4 away.
    expect(kunta.quarters).toEqual(['< 5', 6, 7, '< 5']);
    expect(kunta.year).toBe(20);
    expect(a.total).toEqual({ quarters: ['< 5', 6, 7, '< 5'], year: 20 });
  });
});
