/** The path a learner has taken through a case, read back from their own run only. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseInCase } from '../../src/lib/server/learning/progress';
import { loadCasePath } from '../../src/lib/server/learning/case-path';
import { describeCasePath } from '../../src/lib/learning/case-path';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';

const fixture = loadFixtureCourse();
const c = fixture.caseOf('tk-tapaus');
let t: TestContext;
let userId: number;

beforeEach(async () => {
  t = createTestContext();
  userId = (await createUser(t.db.db, { email: 'oppija@example.fi' })).id;
});
afterEach(() => t.db.cleanup());

describe('the path taken in a case', () => {
  it('lists each situation and the choice made, in order', () => {
    const one = chooseInCase(t.db.db, fixture.structure, 'tapaus', c, { pointId: 'p1', optionId: 'a' }, { userId }, t.now());
    if (!one.ok) throw new Error(one.problem);
    expect(loadCasePath(t.db.db, userId, one.run.id, c)).toEqual([{ situation: 'Mitä teet ensin?', choice: 'Kysyn avoimesti' }]);
    chooseInCase(t.db.db, fixture.structure, 'tapaus', c, { runId: one.run.id, pointId: 'p2', optionId: 'b' }, { userId }, t.now());
    expect(loadCasePath(t.db.db, userId, one.run.id, c).map((s) => s.choice)).toEqual(['Kysyn avoimesti', 'Annan esitteen']);
  });

  it("shows nobody else's run, and no run under another case", async () => {
    const one = chooseInCase(t.db.db, fixture.structure, 'tapaus', c, { pointId: 'p1', optionId: 'a' }, { userId }, t.now());
    if (!one.ok) throw new Error(one.problem);
    const other = await createUser(t.db.db, { email: 'toinen@example.fi' });
    expect(loadCasePath(t.db.db, other.id, one.run.id, c)).toEqual([]);
    expect(loadCasePath(t.db.db, userId, one.run.id, { ...c, id: 'muu-tapaus' })).toEqual([]);
    expect(loadCasePath(t.db.db, userId, 999_999, c)).toEqual([]);
  });

  it('leaves out steps the case no longer has', () => {
    expect(describeCasePath(c, [{ point: 'p1', option: 'a' }, { point: 'poistettu', option: 'a' }, { point: 'p2', option: 'z' }])).toEqual([{ situation: 'Mitä teet ensin?', choice: 'Kysyn avoimesti' }]);
  });
});
