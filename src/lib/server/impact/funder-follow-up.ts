/** The follow-up figures of the funder report, over a manager's subtrees. */
import type { DbClient } from '../db/client';
import { listFollowUpsForFunders } from '../db/impact';
import { pathInScope } from '../accounts/scope';
import { listFunderNodes } from '../db/funder-queries';
import { quarterOf, resolveOrganisations } from '../../reporting/funder-indicators';
import { computeFunderFollowUps, type FunderFollowUpCell } from '../../reporting/impact';
import { startOfHelsinkiDay } from '../../format';

/** Per course: cells by organisation type and quarter of completion in `year`. */
export function computeFunderFollowUpReport(db: DbClient, paths: string[] | undefined, year: number): Map<string, FunderFollowUpCell[]> {
  const organisations = resolveOrganisations(listFunderNodes(db));
  const rows = listFollowUpsForFunders(db, startOfHelsinkiDay(`${year}-01-01`), startOfHelsinkiDay(`${year + 1}-01-01`)).flatMap((r) => {
    if (r.nodePath === null) return paths === undefined ? [{ ...r, orgType: 'muu' }] : [];
    if (!pathInScope(r.nodePath, paths)) return [];
    const nodeId = Number(r.nodePath.split('/').filter(Boolean).at(-1));
    return [{ ...r, orgType: organisations.get(nodeId)?.orgType ?? 'muu' }];
  });
  return computeFunderFollowUps(rows, (ms) => quarterOf(ms).quarter);
}
