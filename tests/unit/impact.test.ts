import { describe, expect, it } from 'vitest';
import { computeFunderFollowUps, summariseFeedback, type FunderFollowUpRow } from '../../src/lib/reporting/impact';

describe('feedback figures', () => {
  it('hide everything under five respondents, then give distributions, mean and NPS', () => {
    const four = Array.from({ length: 4 }, () => ({ usefulness: 5, recommend: 10, apply: 'Tunnistettava teksti' }));
    expect(summariseFeedback(four)).toEqual({ respondents: 4, suppressed: true, usefulness: [], usefulnessMean: null, recommend: [], netPromoterScore: null, texts: [] });
    const rows = [
      { usefulness: 5, recommend: 10, apply: 'A' },
      { usefulness: 4, recommend: 9, apply: null },
      { usefulness: 4, recommend: 7, apply: 'B' },
      { usefulness: 2, recommend: 3, apply: null },
      { usefulness: null, recommend: null, apply: 'C' },
      { usefulness: 3, recommend: 6, apply: null },
    ];
    const s = summariseFeedback(rows);
    expect(s).toMatchObject({ respondents: 6, suppressed: false, usefulness: [0, 1, 1, 2, 1], usefulnessMean: 3.6, texts: ['A', 'B', 'C'] });
    // 2 promoters (9, 10), 2 detractors (3, 6) of 5 who answered: 0.
    expect(s.netPromoterScore).toBe(0);
  });
});

describe('funder follow-up figures', () => {
  const row = (orgType: string, month: number, adoption: FunderFollowUpRow['adoption']): FunderFollowUpRow => ({ courseId: 'k', orgType, completedAt: Date.UTC(2026, month, 10), adoption });
  const quarter = (ms: number) => Math.floor(new Date(ms).getUTCMonth() / 3) + 1;

  it('are cells per organisation type and quarter plus the year, suppressed under five respondents', () => {
    const rows = [
      ...[0, 1, 2].map(() => row('kunta', 1, 'yes')),
      ...[0, 1].map(() => row('kunta', 4, 'no')),
      row('kunta', 4, null),
      row('kela', 7, 'yes'),
    ];
    const cells = computeFunderFollowUps(rows, quarter).get('k')!;
    const kuntaYear = cells.find((c) => c.orgType === 'kunta' && c.quarter === 0)!.summary;
    expect(kuntaYear).toMatchObject({ followedUp: 6, respondents: 5, suppressed: false, responseRate: 83, shares: { yes: 60, partly: 0, no: 40 }, texts: [] });
    expect(cells.find((c) => c.orgType === 'kunta' && c.quarter === 1)!.summary).toMatchObject({ respondents: 3, suppressed: true, shares: null });
    expect(cells.find((c) => c.orgType === 'kela' && c.quarter === 0)!.summary.suppressed).toBe(true);
  });
});
