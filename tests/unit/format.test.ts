import { describe, expect, it } from 'vitest';
import { addDaysToKey, daysBetweenKeys, formatDate, formatDateKey, formatMonthKey, formatNumber, formatQuantity, helsinkiDateKey, startOfHelsinkiDay } from '../../src/lib/format';

describe('Finnish dates in Europe/Helsinki', () => {
  it('formats as 23.11.2026', () => {
    expect(formatDate(new Date('2026-11-23T10:00:00Z'))).toBe('23.11.2026');
  });

  it('uses the Helsinki calendar day, not UTC', () => {
    // 22:30 UTC on 23 Nov is already 24 Nov in Helsinki (UTC+2).
    expect(helsinkiDateKey(new Date('2026-11-23T22:30:00Z'))).toBe('2026-11-24');
    expect(formatDate(new Date('2026-11-23T22:30:00Z'))).toBe('24.11.2026');
    // Summer time: UTC+3.
    expect(helsinkiDateKey(new Date('2026-06-30T21:30:00Z'))).toBe('2026-07-01');
  });

  it('finds the start of a Helsinki day across daylight saving', () => {
    expect(startOfHelsinkiDay('2026-11-23').toISOString()).toBe('2026-11-22T22:00:00.000Z');
    expect(startOfHelsinkiDay('2026-07-01').toISOString()).toBe('2026-06-30T21:00:00.000Z');
    // The day clocks go forward (29 March 2026) still starts at local midnight, UTC+2.
    expect(startOfHelsinkiDay('2026-03-29').toISOString()).toBe('2026-03-28T22:00:00.000Z');
  });

  it('does calendar arithmetic on date keys', () => {
    expect(addDaysToKey('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToKey('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetweenKeys('2026-11-23', '2026-12-07')).toBe(14);
    expect(daysBetweenKeys('2026-11-23', '2026-11-20')).toBe(-3);
  });

  it('writes numbers with a decimal comma', () => {
    expect(formatNumber(87.5, 1)).toBe('87,5');
    expect(formatNumber(12345)).toMatch(/^12\s345$/u);
  });
});

describe('formatQuantity', () => {
  it('writes hours the Finnish way: decimal comma, no trailing zero', () => {
    expect(formatQuantity(0.5)).toBe('0,5');
    expect(formatQuantity(2)).toBe('2');
    expect(formatQuantity(1.25)).toBe('1,3');
    expect(formatQuantity(1.25, 2)).toBe('1,25');
  });
});

describe('helsinkiDateKey', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' });
  it('agrees with Intl at 20,000 instants, every DST change of 1990–2060 included', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const instants: number[] = [];
    for (let i = 0; i < 20_000; i += 1) instants.push(Date.UTC(1990, 0, 1) + Math.floor(random() * 70 * 365 * 86_400_000));
    for (let year = 1990; year <= 2060; year += 1) {
      for (const month of [2, 8, 9]) {
        for (let day = 24; day <= 31; day += 1) for (const hour of [0, 1, 2, 20, 21, 22, 23]) for (const minute of [0, 59]) instants.push(Date.UTC(year, month, day, hour, minute) - 1, Date.UTC(year, month, day, hour, minute));
      }
    }
    const wrong = instants.filter((ms) => helsinkiDateKey(ms) !== intl.format(ms)).map((ms) => new Date(ms).toISOString());
    expect(wrong).toEqual([]);
  });

  it('formats a key the Finnish way', () => {
    expect(formatDateKey('2026-03-05')).toBe('5.3.2026');
  });
});

describe('addDaysToKey', () => {
  it('agrees with Date arithmetic across leap years, month and year ends', () => {
    for (let i = 0; i < 5000; i += 1) {
      const base = Date.UTC(1999, 0, 1) + ((i * 7919) % 40_000) * 86_400_000;
      const key = new Date(base).toISOString().slice(0, 10);
      const days = (i % 801) - 400;
      expect(addDaysToKey(key, days), `${key} + ${days}`).toBe(new Date(base + days * 86_400_000).toISOString().slice(0, 10));
    }
    expect(addDaysToKey('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysToKey('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('formatMonthKey', () => {
  it('names the month in full, as in running Finnish text', () => {
    expect(formatMonthKey('2026-01')).toBe('tammikuu 2026');
    expect(formatMonthKey('2026-12-31')).toBe('joulukuu 2026');
  });
});
