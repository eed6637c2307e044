/**
 * The invitation CSV in two steps. The preview checks every row and keeps
 * the list on the server under a random id tied to the uploader's session;
 * the confirmation posts back only that id. Both steps work in batches and
 * hand the event loop back between them, so a 17,000-row list never holds up
 * other requests. Each written batch records its progress in the same
 * transaction, so an interrupted confirmation (a full disk) resumes where it
 * stopped and nobody is invited twice.
 */
import { generateRandomString } from '../auth/tokens';
import type { SessionUser } from '../auth/types';
import {
  claimInvitationUpload,
  deleteExpiredInvitationUploads,
  deleteInvitationUpload,
  findInvitationUpload,
  insertInvitationUpload,
  readInvitationUploadRows,
  releaseInvitationUpload,
  setInvitationUploadProgress,
} from '../db/invitation-uploads';
import type { CsvRow } from './invitation-csv';
import { checkInvitationRow, issueInvitation, prepareRowChecks, type CsvRowCheck } from './invitations';
import { audit, type Result, type ServiceContext } from './context';

/** How long a previewed list waits for its confirmation. */
export const UPLOAD_LIFETIME_MS = 60 * 60_000;
/** At most this many rows are checked between two pauses (a few reads each). */
export const CHECK_BATCH_ROWS = 250;
/** At most this many rows are invited per transaction (a link, a message and an update each). */
export const WRITE_BATCH_ROWS = 200;
/**
 * A batch also ends when it has run this long, whatever the machine's speed,
 * so another request waits at most about this long (well under 50 ms).
 */
export const BATCH_BUDGET_MS = 15;
/** A confirmation's hold on its list; a crashed one lets go after this. */
const CLAIM_MS = 2 * 60_000;

export interface BatchOptions {
  checkBatchRows?: number;
  writeBatchRows?: number;
  /** Milliseconds after which a batch ends early; `Infinity` makes batches exactly the row counts (tests). */
  batchBudgetMs?: number;
  /** Between batches; by default lets every waiting request and timer run first. */
  pause?: () => Promise<void>;
}

/** Runs `work` on rows [from, end) until `max` rows or the time budget is used; returns the end. */
function runBatch(from: number, total: number, max: number, budgetMs: number, work: (index: number) => void): number {
  const started = performance.now();
  let i = from;
  while (i < total && i - from < max) {
    work(i);
    i += 1;
    if (performance.now() - started >= budgetMs) break;
  }
  return i;
}

/** Hands the event loop back: pending I/O (other requests) runs before the next batch. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function checkInBatches(ctx: ServiceContext, actor: SessionUser, all: CsvRow[], from: number, options: BatchOptions): Promise<CsvRowCheck[]> {
  const size = options.checkBatchRows ?? CHECK_BATCH_ROWS;
  const pause = options.pause ?? yieldToEventLoop;
  const budget = options.batchBudgetMs ?? BATCH_BUDGET_MS;
  const basis = prepareRowChecks(ctx, all);
  const checks: CsvRowCheck[] = [];
  for (let start = from; start < all.length; ) {
    start = runBatch(start, all.length, size, budget, (i) => checks.push(checkInvitationRow(ctx, actor, basis, all[i]!)));
    await pause();
  }
  return checks;
}

export interface InvitationPreview {
  checks: CsvRowCheck[];
  valid: boolean;
  /** Present when every row is fine: what the confirmation posts back. */
  uploadId?: string;
}

/** Checks every row and, when all are fine, keeps the list for the confirmation. */
export async function previewInvitationImport(ctx: ServiceContext, actor: SessionUser, sessionId: string, rows: CsvRow[], options: BatchOptions = {}): Promise<InvitationPreview> {
  deleteExpiredInvitationUploads(ctx.db, ctx.now);
  const checks = await checkInBatches(ctx, actor, rows, 0, options);
  const valid = checks.every((c) => c.problems.length === 0);
  if (!valid) return { checks, valid };
  const uploadId = generateRandomString(20);
  ctx.db.transaction((tx) => insertInvitationUpload(tx, { id: uploadId, userId: actor.id, sessionId, rows, rowCount: rows.length, createdAt: ctx.now, expiresAt: new Date(ctx.now.getTime() + UPLOAD_LIFETIME_MS) }));
  return { checks, valid, uploadId };
}

export type ConfirmImportError = 'not_found' | 'busy' | 'invalid';

/**
 * Invites every row of a previewed list. The rows not yet invited are
 * checked again first (an address may have got an account meanwhile); any
 * problem and nothing more is written. Then batch by batch: links, messages
 * in the outbox and the progress, each batch one transaction.
 */
export async function confirmInvitationImport(
  ctx: ServiceContext,
  actor: SessionUser,
  sessionId: string,
  uploadId: string,
  options: BatchOptions = {},
): Promise<Result<{ invited: number }, ConfirmImportError> & { checks?: CsvRowCheck[] }> {
  const upload = findInvitationUpload(ctx.db, uploadId, actor.id, sessionId, ctx.now);
  if (!upload) return { ok: false, error: 'not_found' };
  const claimUntil = () => new Date(Date.now() + CLAIM_MS);
  if (!claimInvitationUpload(ctx.db, uploadId, new Date(), claimUntil())) return { ok: false, error: 'busy' };
  const rows = (readInvitationUploadRows(ctx.db, uploadId) ?? []) as CsvRow[];
  try {
    const checks = await checkInBatches(ctx, actor, rows, upload.doneRows, options);
    if (checks.some((c) => c.problems.length)) {
      releaseInvitationUpload(ctx.db, uploadId);
      return { ok: false, error: 'invalid', checks };
    }
    const size = options.writeBatchRows ?? WRITE_BATCH_ROWS;
    const budget = options.batchBudgetMs ?? BATCH_BUDGET_MS;
    const pause = options.pause ?? yieldToEventLoop;
    for (let start = 0; start < checks.length; ) {
      const first = upload.doneRows + start === 0;
      start = ctx.db.transaction((tx) => {
        const end = runBatch(start, checks.length, size, budget, (i) => {
          const c = checks[i]!;
          issueInvitation(ctx, tx, actor, { name: c.row.name, email: c.row.email, nodeId: c.nodeId!, roles: c.row.roles });
        });
        if (first) audit(ctx, { actorId: actor.id, action: 'user.invited_bulk', details: { count: rows.length } }, tx);
        setInvitationUploadProgress(tx, uploadId, upload.doneRows + end, claimUntil());
        return end;
      });
      await pause();
    }
    deleteInvitationUpload(ctx.db, uploadId);
    return { ok: true, invited: rows.length };
  } catch (error) {
    try {
      releaseInvitationUpload(ctx.db, uploadId);
    } catch {
      // The disk that failed the batch may fail this too; the claim runs out by itself.
    }
    throw error;
  }
}
