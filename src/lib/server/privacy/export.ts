/**
 * "Lataa omat tietoni": everything the platform holds about one person, as
 * JSON. Every table that refers to a user is listed in PERSONAL_DATA_TABLES;
 * a test fails when a table with a user reference is added without an entry
 * here. Secrets are described, not handed out (hashes of passwords, tokens
 * and keys).
 */
import { eq, or, sql } from 'drizzle-orm';
import type { DbClient } from '../db/client';
import * as t from '../db/schema';
import { listOutboxForPerson } from '../db/mail-outbox';

type Section = (db: DbClient, userId: number) => unknown;

const strip = <T extends Record<string, unknown>>(rows: T[], keys: (keyof T)[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k as keyof T))));

/** Each table that refers to a user, and how its rows about that user are exported. */
export const PERSONAL_DATA_TABLES: Record<string, Section> = {
  user: (db, id) => strip(db.select().from(t.user).where(eq(t.user.id, id)).all(), ['passwordHash']).map((u) => ({ ...u, passwordHash: 'tallennettu vain tiivisteenä (argon2id), ei luovuteta' })),
  user_role: (db, id) => db.select().from(t.userRole).where(eq(t.userRole.userId, id)).all(),
  manager_scope: (db, id) => db.select().from(t.managerScope).where(eq(t.managerScope.userId, id)).all(),
  course_trainer: (db, id) => db.select().from(t.courseTrainer).where(eq(t.courseTrainer.userId, id)).all(),
  membership: (db, id) => db.select().from(t.membership).where(or(eq(t.membership.userId, id), eq(t.membership.decidedBy, id))).all(),
  session: (db, id) => strip(db.select().from(t.session).where(eq(t.session.userId, id)).all(), ['secretHash']),
  totp_credential: (db, id) => strip(db.select().from(t.totpCredential).where(eq(t.totpCredential.userId, id)).all(), ['key']),
  recovery_code: (db, id) => strip(db.select().from(t.recoveryCode).where(eq(t.recoveryCode.userId, id)).all(), ['codeHash']),
  one_time_token: (db, id) => strip(db.select().from(t.oneTimeToken).where(or(eq(t.oneTimeToken.userId, id), eq(t.oneTimeToken.createdBy, id))).all(), ['secretHash', 'payload']),
  audit_log: (db, id) => db.select().from(t.auditLog).where(or(eq(t.auditLog.actorId, id), sql`(${t.auditLog.targetType} = 'user' AND ${t.auditLog.targetId} = ${String(id)})`)).all(),
  lesson_progress: (db, id) => db.select().from(t.lessonProgress).where(eq(t.lessonProgress.userId, id)).all(),
  quiz_attempt: (db, id) => db.select().from(t.quizAttempt).where(eq(t.quizAttempt.userId, id)).all(),
  case_run: (db, id) => db.select().from(t.caseRun).where(eq(t.caseRun.userId, id)).all(),
  reflection: (db, id) => db.select().from(t.reflection).where(eq(t.reflection.userId, id)).all(),
  final_attempt: (db, id) => db.select().from(t.finalAttempt).where(eq(t.finalAttempt.userId, id)).all(),
  course_activity: (db, id) => db.select().from(t.courseActivity).where(eq(t.courseActivity.userId, id)).all(),
  course_completion: (db, id) => db.select().from(t.courseCompletion).where(eq(t.courseCompletion.userId, id)).all(),
  certificate: (db, id) => db.select().from(t.certificate).where(or(eq(t.certificate.userId, id), eq(t.certificate.revokedBy, id))).all(),
  assignment: (db, id) => db.select().from(t.assignment).where(or(eq(t.assignment.userId, id), eq(t.assignment.assignedBy, id), eq(t.assignment.removedBy, id))).all(),
  // Recipient, kind and status; never the body (it holds one-time links until sent).
  mail_outbox: (db, id) => listOutboxForPerson(db, id, db.select({ email: t.user.email }).from(t.user).where(eq(t.user.id, id)).get()?.email),
  // An invitation list between preview and confirmation: when and how many rows; the rows concern the people invited.
  invitation_upload: (db, id) => db.select({ id: t.invitationUpload.id, rowCount: t.invitationUpload.rowCount, doneRows: t.invitationUpload.doneRows, createdAt: t.invitationUpload.createdAt, expiresAt: t.invitationUpload.expiresAt }).from(t.invitationUpload).where(eq(t.invitationUpload.userId, id)).all(),
  // The invited people's rows of those lists: their number, not the other people's data.
  invitation_upload_rows: (db, id) =>
    db
      .select({ uploadId: t.invitationUploadRows.uploadId, rowCount: t.invitationUpload.rowCount })
      .from(t.invitationUploadRows)
      .innerJoin(t.invitationUpload, eq(t.invitationUpload.id, t.invitationUploadRows.uploadId))
      .where(eq(t.invitationUpload.userId, id))
      .all(),
  assignment_notice: (db, id) => db.select().from(t.assignmentNotice).where(eq(t.assignmentNotice.userId, id)).all(),
  live_registration: (db, id) => db.select().from(t.liveRegistration).where(or(eq(t.liveRegistration.userId, id), eq(t.liveRegistration.attendanceMarkedBy, id))).all(),
  live_walk_in: (db, id) => db.select().from(t.liveWalkIn).where(or(eq(t.liveWalkIn.claimedBy, id), eq(t.liveWalkIn.markedBy, id))).all(),
  // The learner's own answers; only aggregates are ever shown to anyone else.
  course_feedback: (db, id) => db.select().from(t.courseFeedback).where(eq(t.courseFeedback.userId, id)).all(),
  follow_up: (db, id) => strip(db.select().from(t.followUp).where(eq(t.followUp.userId, id)).all(), ['tokenId']),
  live_session: (db, id) => db.select({ id: t.liveSession.id, title: t.liveSession.title, startsAt: t.liveSession.startsAt, createdAt: t.liveSession.createdAt }).from(t.liveSession).where(eq(t.liveSession.createdBy, id)).all(),
  user_identity: (db, id) => db.select().from(t.userIdentity).where(eq(t.userIdentity.userId, id)).all(),
  scim_user: (db, id) => db.select().from(t.scimUser).where(eq(t.scimUser.userId, id)).all(),
};

/** Tables whose rows never concern a person, and why (the completeness test reads this). */
export const NOT_PERSONAL_TABLES: Record<string, string> = {
  org_node: 'organisaatiorakenne',
  app_setting: 'palvelun asetukset',
  rate_limit: 'laskurit ilman käyttäjäviittausta; sähköpostiin sidotut laskurit poistuvat vuorokaudessa',
  signing_key: 'palvelun allekirjoitusavaimet',
  live_session_unit: 'tilaisuuksien kohdeyksiköt',
  health_probe: 'terveystarkistuksen kirjoituskoe, ei käyttäjätietoa',
  __drizzle_migrations: 'tietokannan versio',
  sqlite_sequence: 'SQLiten sisäinen',
  identity_provider: 'organisaatioiden tunnistuspalvelujen asetukset',
  oidc_flow: 'kesken olevat kirjautumiset ilman käyttäjäviittausta; vanhenevat kymmenessä minuutissa',
  oidc_session: 'istunnon kirjautumistapa; poistuu istunnon mukana',
};

/** Everything about one user, section by table. */
export function exportPersonalData(db: DbClient, userId: number, now: Date): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [table, section] of Object.entries(PERSONAL_DATA_TABLES)) data[table] = section(db, userId);
  return {
    kuvaus: 'Kaikki Työkykyakatemian sinusta tallentamat tiedot taulukoittain. Salasanat, tunnisteet ja avaimet on tallennettu vain tiivisteinä, eikä niitä luovuteta.',
    luotu: now.toISOString(),
    tiedot: data,
  };
}
