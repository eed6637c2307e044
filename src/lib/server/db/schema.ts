/**
 * The Drizzle schema: every table of the platform, in one place.
 * TypeScript keys are camelCase, SQL names snake_case; times are unix
 * milliseconds in integer columns (`mode: 'timestamp_ms'`).
 */
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Append-only log of security-relevant actions; holds ids, never names or emails. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: integer('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('idx_audit_log_at').on(t.at), index('idx_audit_log_actor').on(t.actorId), index('idx_audit_log_action').on(t.action)],
);

/** Small key/value settings that admins change at run time (e.g. registration on/off). */
export const appSetting = sqliteTable('app_setting', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

// ---------------------------------------------------------------------------
// Organisations, people and roles
// ---------------------------------------------------------------------------

/** The kinds of organisation nodes. Funder reports group by the top-level kinds. */
export const ORG_TYPES = ['hyvinvointialue', 'kunta', 'tyollisyysalue', 'kela', 'jarjesto', 'oppilaitos', 'yritys', 'muu', 'yksikko', 'tiimi'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/**
 * A node of the organisation tree. `path` is the chain of ids from the root
 * (`/1/5/12/`), so a subtree is one indexed prefix match.
 */
export const orgNode = sqliteTable(
  'org_node',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => orgNode.id),
    name: text('name').notNull(),
    type: text('type', { enum: ORG_TYPES }).notNull(),
    path: text('path').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('idx_org_node_parent').on(t.parentId), uniqueIndex('idx_org_node_path').on(t.path)],
);

export const user = sqliteTable(
  'user',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Lowercased and trimmed; unique. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastLoginAt: integer('last_login_at', { mode: 'timestamp_ms' }),
    /** Random `urn:uuid` that stands for the learner in signed credentials; never the email. */
    subjectId: text('subject_id').notNull(),
    /** Set when the identity was erased (on request or after long inactivity). */
    erasedAt: integer('erased_at', { mode: 'timestamp_ms' }),
    /** When the inactivity warning was mailed; cleared by the next login. */
    inactivityWarnedAt: integer('inactivity_warned_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('idx_user_email').on(t.email), uniqueIndex('idx_user_subject').on(t.subjectId)],
);

export const userRole = sqliteTable(
  'user_role',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['learner', 'trainer', 'manager', 'admin'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** The subtrees a manager sees and acts on. */
export const managerScope = sqliteTable(
  'manager_scope',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    nodeId: integer('node_id')
      .notNull()
      .references(() => orgNode.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.nodeId] }), index('idx_manager_scope_node').on(t.nodeId)],
);

/** The courses a trainer sees analytics for. */
export const courseTrainer = sqliteTable(
  'course_trainer',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] })],
);

/**
 * Dated membership of a user in an organisation node. A user has at most one
 * active membership (left_at null) and at most one pending request; a pending
 * node counts in no manager's view until confirmed.
 */
export const membership = sqliteTable(
  'membership',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    nodeId: integer('node_id')
      .notNull()
      .references(() => orgNode.id),
    status: text('status', { enum: ['pending', 'active', 'ended', 'rejected'] }).notNull(),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }),
    leftAt: integer('left_at', { mode: 'timestamp_ms' }),
    decidedBy: integer('decided_by').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('idx_membership_user').on(t.userId),
    index('idx_membership_node_status').on(t.nodeId, t.status),
    uniqueIndex('idx_membership_one_active').on(t.userId).where(sql`status = 'active'`),
    uniqueIndex('idx_membership_one_pending').on(t.userId).where(sql`status = 'pending'`),
  ],
);

// ---------------------------------------------------------------------------
// Sessions, second factor, one-time tokens, rate limits
// ---------------------------------------------------------------------------

/** Sessions per the Lucia guide: the token is `<id>.<secret>`; only SHA-256(secret) is stored. */
export const session = sqliteTable(
  'session',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    /** False until the second factor is verified for users who have one. */
    twoFactorVerified: integer('two_factor_verified', { mode: 'boolean' }).notNull(),
    /** A short description of the browser, for "your sessions". */
    userAgent: text('user_agent'),
  },
  (t) => [index('idx_session_user').on(t.userId)],
);

export const totpCredential = sqliteTable('totp_credential', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  key: blob('key', { mode: 'buffer' }).notNull(),
  /** The last accepted 30-second step; a code is never accepted twice. */
  lastUsedStep: integer('last_used_step').notNull().default(0),
  enabledAt: integer('enabled_at', { mode: 'timestamp_ms' }).notNull(),
});

export const recoveryCode = sqliteTable(
  'recovery_code',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    codeHash: blob('code_hash', { mode: 'buffer' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('idx_recovery_code_user').on(t.userId)],
);

export const TOKEN_KINDS = ['registration', 'invitation', 'password_reset', 'email_change', 'follow_up'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * Single-use links sent by email. Like sessions, the link carries
 * `<id>.<secret>` and only SHA-256(secret) is stored.
 */
export const oneTimeToken = sqliteTable(
  'one_time_token',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: TOKEN_KINDS }).notNull(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    userId: integer('user_id').references(() => user.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('idx_one_time_token_user').on(t.userId), index('idx_one_time_token_expires').on(t.expiresAt), index('idx_one_time_token_email').on(t.email, t.kind)],
);

/** Fixed-window counters for brute-force protection; persisted so a restart does not reset them. */
export const rateLimit = sqliteTable(
  'rate_limit',
  {
    key: text('key').primaryKey(),
    windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('idx_rate_limit_window').on(t.windowStart)],
);

// ---------------------------------------------------------------------------
// Learning records. Every record carries the course version label (what
// counts) and the content hash (what exactly was on the page, for audit).
// ---------------------------------------------------------------------------

/** First and last view and the "read" mark of a lesson, one row per learner, lesson and version. */
export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    version: text('version').notNull(),
    contentHash: text('content_hash').notNull(),
    firstViewedAt: integer('first_viewed_at', { mode: 'timestamp_ms' }),
    lastViewedAt: integer('last_viewed_at', { mode: 'timestamp_ms' }),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('idx_lesson_progress_key').on(t.userId, t.lessonId, t.version), index('idx_lesson_progress_course').on(t.courseId, t.userId)],
);

/** One answer to a lesson quiz question. */
export const quizAttempt = sqliteTable(
  'quiz_attempt',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    questionId: text('question_id').notNull(),
    version: text('version').notNull(),
    contentHash: text('content_hash').notNull(),
    /** The chosen option ids, sorted. */
    answer: text('answer', { mode: 'json' }).$type<string[]>().notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('idx_quiz_attempt_user').on(t.userId, t.courseId), index('idx_quiz_attempt_question').on(t.questionId)],
);

export interface CaseStep {
  point: string;
  option: string;
  at: number;
}

/** One walk through a branching case: the path so far and the ending reached. */
export const caseRun = sqliteTable(
  'case_run',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    caseId: text('case_id').notNull(),
    version: text('version').notNull(),
    contentHash: text('content_hash').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /** The point waiting for a choice; null once an ending is reached. */
    currentPoint: text('current_point'),
    endingId: text('ending_id'),
    outcome: text('outcome', { enum: ['good', 'mixed', 'poor'] }),
    path: text('path', { mode: 'json' }).$type<CaseStep[]>().notNull(),
  },
  (t) => [index('idx_case_run_user').on(t.userId, t.courseId), index('idx_case_run_case').on(t.caseId)],
);

/** A learner's private answer to a reflection prompt; never shown to anyone else. */
export const reflection = sqliteTable(
  'reflection',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    reflectionId: text('reflection_id').notNull(),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    version: text('version').notNull(),
    text: text('text').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.reflectionId] })],
);

/** A submitted final quiz. The nonce of the page it was answered on makes a resubmission a no-op. */
export const finalAttempt = sqliteTable(
  'final_attempt',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    version: text('version').notNull(),
    contentHash: text('content_hash').notNull(),
    nonce: text('nonce').notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
    scorePercent: integer('score_percent').notNull(),
    correctCount: integer('correct_count').notNull(),
    questionCount: integer('question_count').notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    answers: text('answers', { mode: 'json' }).$type<Record<string, string[]>>().notNull(),
    wrongQuestionIds: text('wrong_question_ids', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (t) => [uniqueIndex('idx_final_attempt_nonce').on(t.nonce), index('idx_final_attempt_user').on(t.userId, t.courseId)],
);

/** When a learner first and last did anything in a course. */
export const courseActivity = sqliteTable(
  'course_activity',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    lastActivityAt: integer('last_activity_at', { mode: 'timestamp_ms' }).notNull(),
    /** Share of required work done (0–100) as the rule engine last computed it, and under which version label. */
    progressPercent: integer('progress_percent').notNull().default(0),
    progressVersion: text('progress_version'),
    /** Best final-quiz score in any version, or null when never taken (reports read it without scanning attempts). */
    bestFinalScore: integer('best_final_score'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] }), index('idx_course_activity_course').on(t.courseId)],
);

/** The course facts a certificate states, frozen at completion. */
export interface CompletionSnapshot {
  title: string;
  description: string;
  outcomes: string[];
  creditHours: number;
  criteria: string;
  validityMonths: number | null;
}

/**
 * The moment a learner completed a course under a version label. One row per
 * learner, course, version and completion round (renewals add rounds).
 */
export const courseCompletion = sqliteTable(
  'course_completion',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    version: text('version').notNull(),
    round: integer('round').notNull(),
    contentHash: text('content_hash').notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull(),
    /** What the certificate of this completion states about the course, as it was then. */
    // Rows from before snapshots existed get an empty object (none were ever issued a certificate).
    snapshot: text('snapshot', { mode: 'json' }).$type<CompletionSnapshot>().notNull().default(sql`'{}'`),
  },
  (t) => [uniqueIndex('idx_course_completion_key').on(t.userId, t.courseId, t.version, t.round), index('idx_course_completion_course').on(t.courseId, t.completedAt)],
);

// ---------------------------------------------------------------------------
// Certificates and signed credentials
// ---------------------------------------------------------------------------

/**
 * A certificate: a snapshot of what was completed, by whom, under which
 * version and content, issued once per completion (the unique completion id
 * makes concurrent issuing safe). Status (valid, expired, revoked) is
 * computed when read.
 */
export const certificate = sqliteTable(
  'certificate',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    completionId: integer('completion_id')
      .notNull()
      .references(() => courseCompletion.id),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id),
    courseId: text('course_id').notNull(),
    version: text('version').notNull(),
    round: integer('round').notNull(),
    contentHash: text('content_hash').notNull(),
    /** Snapshot; erased (replaced) when the holder erases their account. */
    holderName: text('holder_name').notNull(),
    courseTitle: text('course_title').notNull(),
    creditHours: real('credit_hours').notNull(),
    outcomes: text('outcomes', { mode: 'json' }).$type<string[]>().notNull(),
    criteria: text('criteria').notNull(),
    description: text('description').notNull(),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    validUntil: integer('valid_until', { mode: 'timestamp_ms' }),
    issuerName: text('issuer_name').notNull(),
    issuerEmail: text('issuer_email').notNull(),
    /** The credential's id (`urn:uuid:…`), also the JWT `jti`. */
    credentialId: text('credential_id').notNull(),
    /** Salted SHA-256 of the holder's email for the credential's IdentityObject; erased with the account. */
    identityHash: text('identity_hash'),
    identitySalt: text('identity_salt'),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedReason: text('revoked_reason'),
    revokedBy: integer('revoked_by'),
  },
  (t) => [
    uniqueIndex('idx_certificate_code').on(t.code),
    uniqueIndex('idx_certificate_completion').on(t.completionId),
    uniqueIndex('idx_certificate_credential').on(t.credentialId),
    // Covers the dashboard's read of every certificate in a scope without touching the wide snapshot rows.
    index('idx_certificate_user_status').on(t.userId, t.courseId, t.issuedAt, t.validUntil, t.revokedAt),
    index('idx_certificate_course').on(t.courseId, t.validUntil),
  ],
);

/**
 * RSA keys for signing credentials. Kept in the database so backups carry
 * them; retired keys stay so credentials signed with them keep verifying.
 */
export const signingKey = sqliteTable('signing_key', {
  kid: text('kid').primaryKey(),
  privateJwk: text('private_jwk', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  publicJwk: text('public_jwk', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
});

// ---------------------------------------------------------------------------
// Assignments and their reminders
// ---------------------------------------------------------------------------

/**
 * A required course with a due date, for a unit (and its whole subtree) or
 * for one learner. Removing keeps the row, so reports can say who assigned
 * what and when.
 */
export const assignment = sqliteTable(
  'assignment',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseId: text('course_id').notNull(),
    nodeId: integer('node_id').references(() => orgNode.id),
    userId: integer('user_id').references(() => user.id, { onDelete: 'cascade' }),
    /** The last day to complete, as a Europe/Helsinki calendar date `YYYY-MM-DD`. */
    dueDate: text('due_date').notNull(),
    assignedBy: integer('assigned_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    removedAt: integer('removed_at', { mode: 'timestamp_ms' }),
    removedBy: integer('removed_by').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('idx_assignment_node_course').on(t.nodeId, t.courseId).where(sql`removed_at IS NULL AND node_id IS NOT NULL`),
    uniqueIndex('idx_assignment_user_course').on(t.userId, t.courseId).where(sql`removed_at IS NULL AND user_id IS NOT NULL`),
    index('idx_assignment_course').on(t.courseId),
    check('assignment_one_target', sql`(node_id IS NULL) <> (user_id IS NULL)`),
  ],
);

export const NOTICE_KINDS = ['assigned', 'due-14', 'due-3', 'overdue', 'expiry-90', 'expiry-30', 'expiry-7'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * One reminder mail per learner, course, kind and due date: the unique key
 * makes the scheduler idempotent, and `sentAt` lets a restart finish what a
 * crash interrupted.
 */
export const assignmentNotice = sqliteTable(
  'assignment_notice',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    dueDate: text('due_date').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('idx_assignment_notice_key').on(t.userId, t.courseId, t.kind, t.dueDate), index('idx_assignment_notice_unsent').on(t.sentAt)],
);

// ---------------------------------------------------------------------------
// Outgoing mail
// ---------------------------------------------------------------------------

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** The parts of a queued message; cleared once it is sent, so one-time links do not outlive delivery in backups. */
export interface MailBody {
  subject: string;
  text: string;
  html: string;
  links?: string[];
  /** A calendar invitation or cancellation sent with the message. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * Every outgoing message, written in the same transaction as the change that
 * causes it and delivered by the in-process sender. `tokenId` names the
 * one-time link the message carries, so an administrator's resend can issue
 * a fresh one.
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
    tokenId: text('token_id'),
    body: text('body', { mode: 'json' }).$type<MailBody>(),
    status: text('status', { enum: MAIL_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    /** While a sender holds the message; a crashed sender's claim runs out. */
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** A short reason (SMTP code or network error name), never the message. */
    lastError: text('last_error'),
  },
  (t) => [index('idx_mail_outbox_due').on(t.status, t.nextAttemptAt), index('idx_mail_outbox_user').on(t.userId), index('idx_mail_outbox_recipient').on(t.recipient)],
);

// ---------------------------------------------------------------------------
// Live training sessions
// ---------------------------------------------------------------------------

export const LIVE_SESSION_KINDS = ['webinar', 'workshop'] as const;
export const LIVE_REGISTRATION_STATUSES = ['registered', 'waiting', 'cancelled'] as const;
export type LiveRegistrationStatus = (typeof LIVE_REGISTRATION_STATUSES)[number];

/**
 * A webinar or a workshop that trainers run. `sequence` rises with every
 * change people must hear about (time, place, link, cancellation), and each
 * registration's calendar entry carries it.
 */
export const liveSession = sqliteTable(
  'live_session',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind', { enum: LIVE_SESSION_KINDS }).notNull(),
    /** Shown only to people registered for a webinar. */
    meetingUrl: text('meeting_url'),
    place: text('place'),
    address: text('address'),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    registrationDeadline: integer('registration_deadline', { mode: 'timestamp_ms' }).notNull(),
    capacity: integer('capacity').notNull(),
    language: text('language').notNull().default('fi'),
    courseId: text('course_id'),
    sequence: integer('sequence').notNull().default(0),
    createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('idx_live_session_starts').on(t.startsAt), index('idx_live_session_course').on(t.courseId), check('live_session_capacity', sql`capacity > 0`), check('live_session_times', sql`ends_at > starts_at`)],
);

/** The units (with their subtrees) a session is for; none means open to all. */
export const liveSessionUnit = sqliteTable(
  'live_session_unit',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => liveSession.id, { onDelete: 'cascade' }),
    nodeId: integer('node_id')
      .notNull()
      .references(() => orgNode.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.nodeId] })],
);

/**
 * One person's place in a session: registered, waiting (in `registeredAt`
 * order) or cancelled. `uid` is the calendar entry's UID, stable for the
 * registration; `sequence` is what the last invitation carried.
 * `reminderQueuedAt` is set in the transaction that queues the reminder, so
 * no reminder goes twice, across restarts too.
 */
export const liveRegistration = sqliteTable(
  'live_registration',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => liveSession.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    status: text('status', { enum: LIVE_REGISTRATION_STATUSES }).notNull(),
    uid: text('uid').notNull(),
    sequence: integer('sequence').notNull().default(0),
    registeredAt: integer('registered_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    reminderQueuedAt: integer('reminder_queued_at', { mode: 'timestamp_ms' }),
    attendedAt: integer('attended_at', { mode: 'timestamp_ms' }),
    attendanceMarkedBy: integer('attendance_marked_by').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('idx_live_registration_person').on(t.sessionId, t.userId),
    uniqueIndex('idx_live_registration_uid').on(t.uid),
    index('idx_live_registration_user').on(t.userId),
    index('idx_live_registration_queue').on(t.sessionId, t.status, t.registeredAt),
  ],
);

/**
 * Someone who came to a session without an account, marked by the trainer by
 * e-mail. The attendance becomes theirs (a registration marked attended) in
 * the transaction that creates an account with that address.
 */
export const liveWalkIn = sqliteTable(
  'live_walk_in',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => liveSession.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    markedBy: integer('marked_by').references(() => user.id, { onDelete: 'set null' }),
    markedAt: integer('marked_at', { mode: 'timestamp_ms' }).notNull(),
    claimedBy: integer('claimed_by').references(() => user.id, { onDelete: 'set null' }),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('idx_live_walk_in_person').on(t.sessionId, t.email), index('idx_live_walk_in_email').on(t.email)],
);

// ---------------------------------------------------------------------------
// Feedback at completion and the follow-up of what changed in practice
// ---------------------------------------------------------------------------

export const ADOPTION_ANSWERS = ['no', 'partly', 'yes'] as const;
export type AdoptionAnswer = (typeof ADOPTION_ANSWERS)[number];

/**
 * The optional feedback given when a course is completed. Shown only in
 * aggregate; erasing the account clears `userId` and keeps the answer.
 * `nodePath` is the person's unit when they answered, for managers' figures.
 */
export const courseFeedback = sqliteTable(
  'course_feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
    courseId: text('course_id').notNull(),
    completionId: integer('completion_id').references(() => courseCompletion.id, { onDelete: 'set null' }),
    usefulness: integer('usefulness'),
    recommend: integer('recommend'),
    apply: text('apply'),
    skipped: integer('skipped', { mode: 'boolean' }).notNull().default(false),
    nodePath: text('node_path'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('idx_course_feedback_completion').on(t.completionId), index('idx_course_feedback_course').on(t.courseId), check('course_feedback_usefulness', sql`usefulness IS NULL OR usefulness BETWEEN 1 AND 5`), check('course_feedback_recommend', sql`recommend IS NULL OR recommend BETWEEN 0 AND 10`)],
);

/**
 * One follow-up per completion, N weeks after it: the mail with a single-use
 * link (`tokenId` in one_time_token), at most one reminder a week later, and
 * the answer. Claimed in the transaction that queues each mail, so none goes
 * twice. Erasure clears `userId`; the anonymous answer stays.
 */
export const followUp = sqliteTable(
  'follow_up',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
    courseId: text('course_id').notNull(),
    completionId: integer('completion_id').references(() => courseCompletion.id, { onDelete: 'set null' }),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull(),
    nodePath: text('node_path'),
    tokenId: text('token_id'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
    reminderQueuedAt: integer('reminder_queued_at', { mode: 'timestamp_ms' }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    adoption: text('adoption', { enum: ADOPTION_ANSWERS }),
    change: text('change'),
  },
  (t) => [uniqueIndex('idx_follow_up_completion').on(t.completionId), index('idx_follow_up_course').on(t.courseId), index('idx_follow_up_reminder').on(t.answeredAt, t.reminderQueuedAt)],
);
/**
 * One row that `/healthz` rewrites (at most every 10 s) to show that a write
 * still reaches the disk. Not user state.
 */
export const healthProbe = sqliteTable('health_probe', {
  id: integer('id').primaryKey(),
  checkedAt: integer('checked_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * An invitation CSV between its preview and its confirmation, kept on the
 * server so the browser posts back only the random id. Tied to the session
 * that uploaded it (gone at sign-out), it expires in an hour and is removed
 * once confirmed. `doneRows` lets an interrupted confirmation resume without
 * inviting anyone twice.
 */
export const invitationUpload = sqliteTable(
  'invitation_upload',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    sessionId: text('session_id')
      .notNull()
      .references(() => session.id, { onDelete: 'cascade' }),
    rowCount: integer('row_count').notNull(),
    doneRows: integer('done_rows').notNull().default(0),
    /** While a confirmation runs; a second post of the same upload waits its turn. */
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('idx_invitation_upload_user').on(t.userId), index('idx_invitation_upload_expires').on(t.expiresAt)],
);

/** The rows of an invitation upload, apart so that recording progress does not rewrite them. */
export const invitationUploadRows = sqliteTable('invitation_upload_rows', {
  uploadId: text('upload_id')
    .primaryKey()
    .references(() => invitationUpload.id, { onDelete: 'cascade' }),
  /** The parsed rows as JSON (names, emails, organisation paths and roles of the people to invite). */
  rows: text('rows', { mode: 'json' }).notNull(),
});
// Organisation sign-in (OpenID Connect) and provisioning (SCIM 2.0)
// ---------------------------------------------------------------------------

/**
 * An organisation's identity provider. The client secret is stored encrypted
 * (AES-256-GCM with the key file beside the database); the SCIM token only as
 * SHA-256. `unitMap` and `managerGroups` map claim values to org node ids.
 */
export const identityProvider = sqliteTable(
  'identity_provider',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The short name in URLs (`/kirjaudu/organisaatio/...?palvelu=slug`). */
    slug: text('slug').notNull(),
    /** The name on the sign-in button. */
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    clientSecretEncrypted: text('client_secret_encrypted').notNull(),
    scopes: text('scopes').notNull().default('openid email profile'),
    /** Lowercased e-mail domains the organisation owns. */
    domains: text('domains', { mode: 'json' }).$type<string[]>().notNull(),
    defaultNodeId: integer('default_node_id').references(() => orgNode.id),
    unitClaim: text('unit_claim'),
    unitMap: text('unit_map', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    groupClaim: text('group_claim'),
    managerGroups: text('manager_groups', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    enforcesMfa: integer('enforces_mfa', { mode: 'boolean' }).notNull().default(false),
    acrValue: text('acr_value'),
    /** Password sign-in and reset are off for the owned domains (admins keep them). */
    passwordOff: integer('password_off', { mode: 'boolean' }).notNull().default(true),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    scimTokenHash: blob('scim_token_hash', { mode: 'buffer' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('idx_identity_provider_slug').on(t.slug), uniqueIndex('idx_identity_provider_scim').on(t.scimTokenHash)],
);

/**
 * A person's account at a provider, keyed by (issuer, subject): the ID
 * token's `sub`, or for Entra ID `tid:oid`. `externalId` is the provider's
 * stable object id (Entra `oid`), the key SCIM matches on.
 */
export const userIdentity = sqliteTable(
  'user_identity',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    providerId: integer('provider_id')
      .notNull()
      .references(() => identityProvider.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    externalId: text('external_id'),
    /** The manager scopes this provider's group claim granted at the last sign-in. */
    grantedScopes: text('granted_scopes', { mode: 'json' }).$type<number[]>().notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('idx_user_identity_key').on(t.issuer, t.subject), index('idx_user_identity_user').on(t.userId), index('idx_user_identity_external').on(t.providerId, t.externalId)],
);

/**
 * A sign-in in progress: the browser holds `<id>.<secret>` in a short-lived
 * cookie; this row holds state, nonce and the PKCE verifier. Used once.
 */
export const oidcFlow = sqliteTable(
  'oidc_flow',
  {
    id: text('id').primaryKey(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    providerId: integer('provider_id')
      .notNull()
      .references(() => identityProvider.id, { onDelete: 'cascade' }),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('idx_oidc_flow_expires').on(t.expiresAt)],
);

/** How a session was opened through a provider, and whether that sign-in was multi-factor. */
export const oidcSession = sqliteTable('oidc_session', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => session.id, { onDelete: 'cascade' }),
  providerId: integer('provider_id')
    .notNull()
    .references(() => identityProvider.id, { onDelete: 'cascade' }),
  multiFactor: integer('multi_factor', { mode: 'boolean' }).notNull(),
});

/**
 * A person provisioned by a provider's SCIM client. `id` is the SCIM resource
 * id; `externalId` is the provider's object id. A deactivated person has left:
 * `leftNodeId` remembers the unit to restore on reactivation.
 */
export const scimUser = sqliteTable(
  'scim_user',
  {
    id: text('id').primaryKey(),
    providerId: integer('provider_id')
      .notNull()
      .references(() => identityProvider.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    userName: text('user_name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    leftNodeId: integer('left_node_id').references(() => orgNode.id),
    /** Set by a SCIM DELETE: the resource is gone for the client; the person stays, as having left. */
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('idx_scim_user_provider_user').on(t.providerId, t.userId),
    uniqueIndex('idx_scim_user_external').on(t.providerId, t.externalId),
    index('idx_scim_user_name').on(t.providerId, t.userName),
  ],
);
