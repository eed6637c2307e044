import { describe, expect, it } from 'vitest';
import { countByMonth, lastMonths } from '../../src/lib/reporting/tally';
import { helsinkiDateKey } from '../../src/lib/format';

const today = '2026-11-23';

describe('the monthly chart', () => {
  it('count completions per Helsinki month over the last twelve months', () => {
    const months = lastMonths(today, 12);
    expect(months[0]).toBe('2025-12');
    expect(months.at(-1)).toBe('2026-11');
    expect(lastMonths('2026-03-10', 3)).toEqual(['2026-01', '2026-02', '2026-03']);
    // 31 Oct 22:30 UTC is already November in Helsinki.
    const counts = countByMonth([Date.parse('2026-10-31T22:30:00Z'), Date.parse('2026-10-31T21:30:00Z'), Date.parse('2020-01-01T00:00:00Z')], months, helsinkiDateKey);
    expect(counts.find((c) => c.month === '2026-11')!.count).toBe(1);
    expect(counts.find((c) => c.month === '2026-10')!.count).toBe(1);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(2);
  });
});
