/** Invitation lists kept between their preview and their confirmation. */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbClient } from './client';
import { invitationUpload, invitationUploadRows } from './schema';

export type InvitationUploadRow = typeof invitationUpload.$inferSelect;

/** Stores a checked list; the id is the caller's random one. */
export function insertInvitationUpload(db: DbClient, row: { id: string; userId: number; sessionId: string; rows: unknown; rowCount: number; createdAt: Date; expiresAt: Date }): void {
  const { rows, ...upload } = row;
  db.insert(invitationUpload).values(upload).run();
  db.insert(invitationUploadRows).values({ uploadId: row.id, rows }).run();
}

/** The rows of a kept list. */
export function readInvitationUploadRows(db: DbClient, id: string): unknown {
  return db.select({ rows: invitationUploadRows.rows }).from(invitationUploadRows).where(eq(invitationUploadRows.uploadId, id)).get()?.rows;
}

/** The list, only for the session that uploaded it and only until it expires. */
export function findInvitationUpload(db: DbClient, id: string, userId: number, sessionId: string, now: Date): InvitationUploadRow | undefined {
  const row = db.select().from(invitationUpload).where(and(eq(invitationUpload.id, id), eq(invitationUpload.userId, userId), eq(invitationUpload.sessionId, sessionId))).get();
  return row && row.expiresAt.getTime() > now.getTime() ? row : undefined;
}

/** Claims the list for one confirmation at a time; false when another one holds it. */
export function claimInvitationUpload(db: DbClient, id: string, now: Date, until: Date): boolean {
  return (
    db
      .update(invitationUpload)
      .set({ claimedUntil: until })
      .where(and(eq(invitationUpload.id, id), or(isNull(invitationUpload.claimedUntil), lt(invitationUpload.claimedUntil, now))))
      .run().changes === 1
  );
}

/** Records how many rows are invited, in the transaction that invited them. */
export function setInvitationUploadProgress(db: DbClient, id: string, doneRows: number, claimedUntil: Date): void {
  db.update(invitationUpload).set({ doneRows, claimedUntil }).where(eq(invitationUpload.id, id)).run();
}

/** Lets another confirmation continue an interrupted one. */
export function releaseInvitationUpload(db: DbClient, id: string): void {
  db.update(invitationUpload).set({ claimedUntil: null }).where(eq(invitationUpload.id, id)).run();
}

export function deleteInvitationUpload(db: DbClient, id: string): void {
  db.delete(invitationUpload).where(eq(invitationUpload.id, id)).run();
}

/** Removes lists whose hour is up; returns how many. */
export function deleteExpiredInvitationUploads(db: DbClient, now: Date): number {
  return db.delete(invitationUpload).where(lt(invitationUpload.expiresAt, now)).run().changes;
}
