/**
 * A session's roster as CSV that opens right in Finnish Excel (BOM, `;`,
 * dates as 23.11.2026 klo 9.00), every text cell neutralised against formula
 * injection. Rosters are small (capacity at most 10 000), so the file is built
 * whole; the export is audit-logged like every other one.
 */
import { stringify } from 'csv-stringify/sync';
import type { SessionUser } from '../auth/types';
import { appendAuditEvent } from '../db/audit';
import { listRoster } from '../db/live-rosters';
import { neutraliseFormula } from '../../reporting/export-columns';
import { formatDateTime } from '../../format';
import { loadSessionForTrainer } from './views';
import type { LiveContext } from './registration';

const STATUS_WORDS = { registered: 'ilmoittautunut', waiting: 'jonossa', cancelled: 'perunut' } as const;

/** The CSV text, or undefined when the actor may not see the session. */
export function exportRoster(ctx: LiveContext, actor: SessionUser, sessionId: number): { filename: string; text: string } | undefined {
  const view = loadSessionForTrainer(ctx.db, actor, sessionId);
  if (!view) return undefined;
  const rows = listRoster(ctx.db, sessionId, ['registered', 'waiting', 'cancelled']).map((r) => [
    neutraliseFormula(r.name),
    neutraliseFormula(r.email),
    STATUS_WORDS[r.registration.status],
    formatDateTime(r.registration.registeredAt),
    r.registration.attendedAt ? 'kyllä' : 'ei',
    r.registration.attendedAt ? formatDateTime(r.registration.attendedAt) : '',
  ]);
  const header = ['Nimi', 'Sähköposti', 'Tila', 'Ilmoittautunut', 'Läsnä', 'Läsnäolo kirjattu'];
  const text = `\uFEFF${stringify([header, ...rows], { delimiter: ';', record_delimiter: 'windows' })}`;
  appendAuditEvent(ctx.db, { actorId: actor.id, action: 'live.roster_exported', targetType: 'live_session', targetId: sessionId, ip: ctx.ip, details: { rows: rows.length } }, ctx.now);
  return { filename: `osallistujat-${sessionId}.csv`, text };
}
