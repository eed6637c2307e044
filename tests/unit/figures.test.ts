import { describe, expect, it } from 'vitest';
import { addPerson, addRecord, completionRate, emptyFigures, figureInconsistencies, noFlags, type FigureInput } from '../../src/lib/reporting/figures';

const today = '2026-11-23';
const row = (over: Partial<FigureInput>): FigureInput => ({ status: 'ei aloitettu', assigned: true, startedAt: null, dueDate: '2026-12-31', expiringSoon: false, ...over });

function person(...records: FigureInput[]) {
  const flags = noFlags();
  for (const r of records) addRecord(flags, r, today);
  return flags;
}

describe('dashboard figures', () => {
  it('count persons, each once however many courses they have', () => {
    const f = emptyFigures();
    addPerson(f, person(row({}), row({ status: 'kesken', startedAt: 1 })));
    addPerson(f, person(row({ status: 'myöhässä', startedAt: 1, dueDate: '2026-11-01' }), row({ status: 'valmis', startedAt: 1, expiringSoon: true })));
    addPerson(f, person(row({ status: 'valmis', assigned: false, startedAt: 1, dueDate: null }), row({ status: 'valmis', assigned: false, startedAt: 2, dueDate: null })));
    addPerson(f, person(row({ status: 'vanhentunut', dueDate: '2026-11-20' })));
    addPerson(f, person());
    expect(f).toEqual({ people: 5, started: 3, completed: 2, assigned: 3, overdue: 2, expiring: 1 });
    expect(completionRate(f)).toBe(40);
    expect(figureInconsistencies(f)).toEqual([]);
  });

  it('has no rate without people, and rounds down so that 100 % means everyone', () => {
    expect(completionRate(emptyFigures())).toBeNull();
    expect(completionRate({ ...emptyFigures(), people: 3, started: 3, completed: 2 })).toBe(66);
  });

  it('names figures that do not add up', () => {
    expect(figureInconsistencies({ people: 6, started: 10, completed: 65, assigned: 6, overdue: 7, expiring: 70 })).toEqual([
      'suorittaneita 65 > aloittaneita 10',
      'aloittaneita 10 > henkilöitä 6',
      'myöhässä 7 > määrättyjä 6',
      'vanhenevia 70 > suorittaneita 65',
    ]);
  });
});
