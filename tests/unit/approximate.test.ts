import { describe, expect, it } from 'vitest';
import { containsApproximately } from '../helpers/approximate';

describe('containsApproximately', () => {
  it('finds an exact run and tolerates a misread letter', () => {
    expect(containsApproximately('Todistuksen tunnus: 7KQM-2XRT-9HCW', '7KQM-2XRT-9HCW', 0)).toBe(true);
    expect(containsApproximately('Todistuksen tunnus: 7KOM-2XRT-9HCW', '7KQM-2XRT-9HCW', 1)).toBe(true);
    expect(containsApproximately('Asa Öhman', 'Åsa Öhman', 1)).toBe(true);
  });

  it('refuses text that lost more than the allowed letters, as a broken font shows', () => {
    expect(containsApproximately('Todistus O s v H', 'Åsa Öhman-Äijälä', 2)).toBe(false);
    expect(containsApproximately('7KOM-2XRT-9HCW', '7KQM-2XRT-9HCW', 0)).toBe(false);
    expect(containsApproximately('', 'Testikurssi', 1)).toBe(false);
  });
});
