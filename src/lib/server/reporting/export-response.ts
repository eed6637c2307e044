/**
 * Completion exports as HTTP responses that stream: CSV page by page as the
 * client reads (a pull stream, so a slow client slows the reading, not the
 * memory), XLSX through exceljs' streaming writer. Each export is written to
 * the audit log with its filters and row count once it has been sent.
 */
import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import type { DbClient } from '../db/client';
import { appendAuditEvent } from '../db/audit';
import { iterateCompletionRecords, type RecordFilter, type ReportCourse } from './records';
import { csvChunks, type CsvSeparator } from './export-csv';
import { writeRecordsXlsx } from './export-xlsx';
import { helsinkiDateKey } from '../../format';

export interface ExportRequest {
  db: DbClient;
  actorId: number;
  ip: string;
  courses: readonly ReportCourse[];
  filter: RecordFilter;
  /** The filters as the audit log records them. */
  described: Record<string, unknown>;
  now: Date;
}

function recordExport(req: ExportRequest, format: 'csv' | 'xlsx', rows: number, complete: boolean): void {
  appendAuditEvent(req.db, { actorId: req.actorId, action: 'report.exported', targetType: 'report', targetId: 'suoritukset', ip: req.ip, details: { format, filters: req.described, rows, complete } }, new Date());
}

const fileName = (now: Date, ext: string) => `suoritukset-${helsinkiDateKey(now)}.${ext}`;

/** The CSV export as a streaming response. */
export function csvExportResponse(req: ExportRequest, separator: CsvSeparator): Response {
  let rows = 0;
  let done = false;
  const chunks = csvChunks(iterateCompletionRecords(req.db, req.courses, req.filter, req.now), separator, (n) => (rows += n));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) {
        done = true;
        recordExport(req, 'csv', rows, true);
        controller.close();
      } else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      if (!done) recordExport(req, 'csv', rows, false);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': `text/csv; charset=utf-8; header=present`,
      'content-disposition': `attachment; filename="${fileName(req.now, 'csv')}"`,
      'cache-control': 'private, no-store',
    },
  });
}

/**
 * A workbook as a download that streams while `write` produces it. `done`
 * hears the row count once it is written, or that it failed.
 */
export function streamedXlsxResponse(name: string, write: (out: PassThrough) => Promise<number>, done: (rows: number, complete: boolean) => void): Response {
  const out = new PassThrough();
  write(out).then(
    (rows) => done(rows, true),
    (error: unknown) => {
      done(0, false);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
    },
  });
}

/** The XLSX export as a streaming response. */
export function xlsxExportResponse(req: ExportRequest): Response {
  return streamedXlsxResponse(
    fileName(req.now, 'xlsx'),
    (out) => {
      // Between pages, wait for the client when it is behind, so memory stays flat.
      const breathe = async () => {
        if (out.writableNeedDrain) await once(out, 'drain');
        else await new Promise((resolve) => setImmediate(resolve));
      };
      return writeRecordsXlsx(out, iterateCompletionRecords(req.db, req.courses, req.filter, req.now), breathe);
    },
    (rows, complete) => recordExport(req, 'xlsx', rows, complete),
  );
}
