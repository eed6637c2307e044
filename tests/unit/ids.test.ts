import { describe, expect, it } from 'vitest';
import { parseId } from '../../src/lib/ids';
import { idField, nodeField } from '../../src/actions/schemas';
import { parseReportQuery, checkReportQuery } from '../../src/lib/server/reporting/report-filter';

describe('ids', () => {
  it('are decimal integers only', () => {
    expect(parseId('16')).toBe(16);
    expect(parseId('9007199254740991')).toBe(9007199254740991);
    for (const bad of ['0x10', '1e3', '016', '0', '-1', '+1', ' 7', '7 ', '1.0', '', '９', '99999999999999999', undefined, 16]) expect(parseId(bad), String(bad)).toBeUndefined();
  });
});

describe('id fields of forms', () => {
  it('refuse hexadecimal and exponent forms instead of acting on another record', () => {
    expect(idField().safeParse('16')).toEqual({ success: true, data: 16 });
    for (const bad of ['0x10', '1e3', '16.0', '']) expect(idField().safeParse(bad).success, bad).toBe(false);
    expect(nodeField.safeParse('0x10').error?.issues[0]?.message).toBe('Valitse organisaatio.');
  });
});

describe('report filters that do not parse', () => {
  it('are refused with a Finnish message per field, never dropped', () => {
    expect(checkReportQuery(new URLSearchParams('yksikko=31&tila=xx'))).toEqual({ tila: expect.stringContaining('Tuntematon tila') });
    expect(checkReportQuery(new URLSearchParams('alkaen=2026-13-01'))).toEqual({ alkaen: expect.stringContaining('2026-13-01') });
    expect(checkReportQuery(new URLSearchParams('asti=2026-02-30'))).toHaveProperty('asti');
    expect(checkReportQuery(new URLSearchParams('yksikko=0x10'))).toHaveProperty('yksikko');
    expect(checkReportQuery(new URLSearchParams('yksikko=31&tila=kesken&alkaen=2026-02-28&paiva=erapaiva&erotin=pilkku&kurssi=x'))).toEqual({});
    expect(checkReportQuery(new URLSearchParams('yksikko=&tila='))).toEqual({});
    expect(parseReportQuery(new URLSearchParams('yksikko=31')).nodeId).toBe(31);
  });
});
