/**
 * Completion exports as HTTP responses that stream: CSV page by page as the
 * client reads, XLSX through exceljs' streaming writer. Between pages both
 * wait for the client's socket to drain (Astro writes without looking), and
 * otherwise give the event loop a turn, so a 100,000-row export neither holds
 * the file in memory nor keeps other requests waiting. Each export enters the
 * audit log when it starts, and its row count and completeness when it ends
 * (a cancelled or failed export stays on record as incomplete).
 */
import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import type { DbClient } from '../db/client';
import { appendAuditEvent, updateAuditDetails } from '../db/audit';
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
  /** The client's connection, so pages wait while it is behind. */
  outlet?: ExportOutlet;
}

/** What an export needs of the Node response it is written to. */
export interface ExportOutlet {
  readonly writableNeedDrain: boolean;
  readonly destroyed: boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

/**
 * Waits until the client has taken what was written (or has gone), and
 * otherwise lets the event loop serve others before the next page.
 */
export function waitForClient(outlet: ExportOutlet | undefined): Promise<void> {
  if (!outlet || outlet.destroyed || !outlet.writableNeedDrain) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const done = () => {
      outlet.off('drain', done);
      outlet.off('close', done);
      resolve();
    };
    outlet.once('drain', done);
    outlet.once('close', done);
  });
}

/** Enters the export in the audit log now; the returned function records how it ended (once). */
function startExportRecord(req: ExportRequest, format: 'csv' | 'xlsx'): (rows: number, complete: boolean) => void {
  const details = (rows: number, complete: boolean) => ({ format, filters: req.described, rows, complete });
  const id = appendAuditEvent(req.db, { actorId: req.actorId, action: 'report.exported', targetType: 'report', targetId: 'suoritukset', ip: req.ip, details: details(0, false) }, new Date());
  let ended = false;
  return (rows, complete) => {
    if (ended) return;
    ended = true;
    updateAuditDetails(req.db, id, details(rows, complete));
  };
}

const fileName = (now: Date, ext: string) => `suoritukset-${helsinkiDateKey(now)}.${ext}`;

/** The CSV export as a streaming response. */
export function csvExportResponse(req: ExportRequest, separator: CsvSeparator): Response {
  let rows = 0;
  const finish = startExportRecord(req, 'csv');
  const chunks = csvChunks(iterateCompletionRecords(req.db, req.courses, req.filter, req.now), separator, (n) => (rows += n));
  const encoder = new TextEncoder();
  let first = true;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // The first page goes at once; each later one after the client has caught up.
        if (!first) await waitForClient(req.outlet);
        first = false;
        let next: IteratorResult<string>;
        try {
          next = chunks.next();
        } catch (error) {
          finish(rows, false);
          throw error;
        }
        if (next.done) {
          finish(rows, true);
          controller.close();
        } else controller.enqueue(encoder.encode(next.value));
      },
      cancel() {
        finish(rows, false);
        chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
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
      // Between pages, wait for the client (and this stream) when behind, so memory stays flat.
      const breathe = async () => {
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        await waitForClient(req.outlet);
        if (out.destroyed) throw new Error('The client went away');
      };
      return writeRecordsXlsx(out, iterateCompletionRecords(req.db, req.courses, req.filter, req.now), breathe);
    },
    startExportRecord(req, 'xlsx'),
  );
}
