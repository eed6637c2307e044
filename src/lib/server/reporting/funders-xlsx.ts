/**
 * The funder indicators as an Excel workbook: one sheet, a row per course
 * and organisation type with Q1–Q4 and the year, then each course's total
 * and organisations reached, then the figures over all courses. Numbers are
 * number cells; suppressed figures are the text "< 5", as on the page.
 * Every download is written to the audit log.
 */
import type { Writable } from 'node:stream';
import type { DbClient } from '../db/client';
import { appendAuditEvent } from '../db/audit';
import { ORG_TYPE_LABELS } from '../accounts/org-tree';
import { neutraliseFormula } from '../../reporting/export-columns';
import type { FunderIndicators } from '../../reporting/funder-indicators';
import { openSheet, type SheetColumn } from './export-xlsx';
import { streamedXlsxResponse } from './export-response';

export const FUNDER_COLUMNS: readonly SheetColumn[] = [
  { header: 'Kurssi', width: 40, kind: 'text' },
  { header: 'Organisaatiotyyppi', width: 44, kind: 'text' },
  { header: 'Q1', width: 8, kind: 'number' },
  { header: 'Q2', width: 8, kind: 'number' },
  { header: 'Q3', width: 8, kind: 'number' },
  { header: 'Q4', width: 8, kind: 'number' },
  { header: 'Yhteensä', width: 10, kind: 'number' },
];

/** Row labels beyond the organisation types, shared with the page. */
export const FUNDER_ROW_LABELS = {
  total: 'Yhteensä (eri ammattilaisia)',
  organisations: 'Tavoitetut organisaatiot',
  allCourses: 'Kaikki kurssit',
} as const;

type Cell = string | number | null;

/** The sheet's rows below the header, in order. */
export function funderSheetRows(report: FunderIndicators): Cell[][] {
  const rows: Cell[][] = [];
  for (const course of report.courses) {
    const title = neutraliseFormula(course.title);
    for (const r of course.rows) rows.push([title, ORG_TYPE_LABELS[r.orgType], ...r.quarters, r.year]);
    rows.push([title, FUNDER_ROW_LABELS.total, ...course.total.quarters, course.total.year]);
    rows.push([title, FUNDER_ROW_LABELS.organisations, null, null, null, null, course.organisations]);
  }
  rows.push([FUNDER_ROW_LABELS.allCourses, FUNDER_ROW_LABELS.total, null, null, null, null, report.professionals]);
  rows.push([FUNDER_ROW_LABELS.allCourses, FUNDER_ROW_LABELS.organisations, null, null, null, null, report.organisations]);
  return rows;
}

/** Writes the workbook to `stream`; resolves with the number of rows below the header. */
export async function writeFunderXlsx(stream: Writable, report: FunderIndicators): Promise<number> {
  const sheet = openSheet(stream, `Rahoittajaraportti ${report.year}`, FUNDER_COLUMNS);
  const rows = funderSheetRows(report);
  for (const row of rows) sheet.addRow(row);
  await sheet.finish();
  return rows.length;
}

export interface FunderExportRequest {
  db: DbClient;
  actorId: number;
  ip: string;
  report: FunderIndicators;
}

/** The workbook as a download response; the audit entry is written once it has been produced. */
export function funderXlsxResponse(req: FunderExportRequest): Response {
  return streamedXlsxResponse(
    `rahoittajaraportti-${req.report.year}.xlsx`,
    (out) => writeFunderXlsx(out, req.report),
    (rows, complete) =>
      appendAuditEvent(req.db, { actorId: req.actorId, action: 'report.exported', targetType: 'report', targetId: 'rahoittajat', ip: req.ip, details: { report: 'rahoittajat', format: 'xlsx', year: req.report.year, rows, complete } }, new Date()),
  );
}
