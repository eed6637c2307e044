/**
 * The fixed columns of the completion export, in order, shared by CSV and
 * XLSX. The README documents them; changing them breaks managers' own
 * spreadsheets, so add columns at the end.
 */
import type { CompletionRecord } from '../server/reporting/records';
import { helsinkiDateKey } from '../format';

export type CellKind = 'text' | 'number' | 'date';

export interface ExportColumn {
  header: string;
  kind: CellKind;
  /** Column width in characters (XLSX). */
  width: number;
  /** Text, a number, a `YYYY-MM-DD` date key, or null for an empty cell. */
  value: (r: CompletionRecord) => string | number | null;
}

const dateOf = (ms: number | null) => (ms === null ? null : helsinkiDateKey(ms));

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: 'Nimi', kind: 'text', width: 28, value: (r) => r.name },
  { header: 'Sähköposti', kind: 'text', width: 32, value: (r) => r.email },
  { header: 'Organisaatio', kind: 'text', width: 48, value: (r) => r.orgPath },
  { header: 'Kurssi', kind: 'text', width: 40, value: (r) => r.courseTitle },
  { header: 'Versio', kind: 'text', width: 9, value: (r) => r.version },
  { header: 'Tila', kind: 'text', width: 13, value: (r) => r.status },
  { header: 'Edistyminen %', kind: 'number', width: 14, value: (r) => r.progressPercent },
  { header: 'Aloitettu', kind: 'date', width: 12, value: (r) => dateOf(r.startedAt) },
  { header: 'Suoritettu', kind: 'date', width: 12, value: (r) => dateOf(r.completedAt) },
  { header: 'Loppukoe %', kind: 'number', width: 12, value: (r) => r.finalScore },
  { header: 'Todistuksen tunnus', kind: 'text', width: 18, value: (r) => r.certificateCode },
  { header: 'Voimassa asti', kind: 'date', width: 14, value: (r) => dateOf(r.validUntil) },
  { header: 'Eräpäivä', kind: 'date', width: 12, value: (r) => r.dueDate },
  { header: 'Määrääjä', kind: 'text', width: 24, value: (r) => r.assignedBy },
  { header: 'Koulutustilaisuus', kind: 'text', width: 40, value: (r) => r.liveSession },
  { header: 'Läsnä tilaisuudessa', kind: 'date', width: 14, value: (r) => dateOf(r.attendedAt) },
];

/**
 * Text that a spreadsheet would read as a formula (starting with `=`, `+`,
 * `-`, `@`, tab or carriage return) gets a leading apostrophe, so it is shown
 * as typed and never evaluated (OWASP's advice for CSV injection).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
