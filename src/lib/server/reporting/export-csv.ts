/**
 * The completion export as CSV that opens right in Finnish Excel: UTF-8 with
 * a byte order mark, `;` between fields, decimal comma and dates as
 * 23.11.2026; or, with `,`, decimal point and ISO dates for other tools.
 * Quoting follows RFC 4180 (csv-stringify). Written page by page.
 */
import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMNS, neutraliseFormula } from '../../reporting/export-columns';
import { formatDateKey } from '../../format';
import type { CompletionRecord } from './records';

export type CsvSeparator = ';' | ',';

function cell(value: string | number | null, kind: 'text' | 'number' | 'date', separator: CsvSeparator): string {
  if (value === null) return '';
  if (kind === 'number') return separator === ';' ? String(value).replace('.', ',') : String(value);
  if (kind === 'date') return separator === ';' ? formatDateKey(String(value)) : String(value);
  return neutraliseFormula(String(value));
}

/** The CSV text of some records (no header). */
export function csvRows(records: readonly CompletionRecord[], separator: CsvSeparator): string {
  const rows = records.map((r) => EXPORT_COLUMNS.map((c) => cell(c.value(r), c.kind, separator)));
  return stringify(rows, { delimiter: separator, record_delimiter: 'windows', quoted_match: /^\s|\s$/ });
}

/** The byte order mark and the header row. */
export function csvHeader(separator: CsvSeparator): string {
  return `\uFEFF${stringify([EXPORT_COLUMNS.map((c) => c.header)], { delimiter: separator, record_delimiter: 'windows' })}`;
}

/** The whole CSV for an iterator of record pages, as text chunks. */
export function* csvChunks(pages: Iterable<readonly CompletionRecord[]>, separator: CsvSeparator, onRow: (n: number) => void = () => {}): Generator<string> {
  yield csvHeader(separator);
  for (const page of pages) {
    onRow(page.length);
    yield csvRows(page, separator);
  }
}
