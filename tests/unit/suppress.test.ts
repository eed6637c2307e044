import { describe, expect, it } from 'vitest';
import { isSuppressed, MIN_GROUP_SIZE, shownCount } from '../../src/lib/reporting/suppress';

describe('small-cell suppression', () => {
  it('shows every count under five as "< 5", and five or more as it is', () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    expect([0, 1, 4, 5, 120].map(shownCount)).toEqual(['< 5', '< 5', '< 5', 5, 120]);
    expect(isSuppressed(5)).toBe(false);
    expect(isSuppressed(4)).toBe(true);
  });
});
