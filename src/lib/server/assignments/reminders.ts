/**
 * The reminder run: for every assigned course, the notice the learner is
 * owed today is claimed in the database (a unique key per learner, course,
 * kind and due date) and its message queued in the outbox in the same
 * transaction as the claim is settled. A second run the same day claims
 * nothing; the outbox's sender retries delivery. Started by the server's scheduler; no external cron.
 */
import { eq } from 'drizzle-orm';
import type { DbClient } from '../db/client';
import { claimNotice, listActiveAssignmentRules, listUnsentNotices, markNoticeSent } from '../db/assignments';
import { user } from '../db/schema';
import { iterateCompletionRecords, type ReportCourse } from '../reporting/records';
import { noticesDue } from '../../reporting/notices';
import { assignmentNoticeMessage } from '../mail/assignment-messages';
import { enqueueMail } from '../mail/outbox';
import { helsinkiDateKey } from '../../format';

export interface ReminderDeps {
  siteUrl: string;
  orgName: string;
}

export interface ReminderResult {
  claimed: number;
  /** Messages queued in the outbox. */
  sent: number;
  failed: number;
}

type Claim = { id: number; userId: number; courseId: string; kind: Parameters<typeof assignmentNoticeMessage>[0]; dueDate: string };

function deliver(db: DbClient, claims: Claim[], courses: readonly ReportCourse[], deps: ReminderDeps, now: Date, result: ReminderResult): void {
  const titles = new Map(courses.map((c) => [c.id, c.title]));
  for (const claim of claims) {
    const person = db.select({ name: user.name, email: user.email, disabledAt: user.disabledAt, erasedAt: user.erasedAt }).from(user).where(eq(user.id, claim.userId)).get();
    const title = titles.get(claim.courseId);
    if (!person || person.disabledAt || person.erasedAt || !title) {
      // Nobody to tell, or the course is gone: settle the claim so it is not retried forever.
      markNoticeSent(db, claim.id, now);
      continue;
    }
    const message = assignmentNoticeMessage(claim.kind, { to: person.email, name: person.name, courseTitle: title, dueDate: claim.dueDate, courseUrl: `${deps.siteUrl}/kurssit/${claim.courseId}`, orgName: deps.orgName });
    db.transaction((tx) => {
      enqueueMail(tx, message, { kind: 'assignment_notice', userId: claim.userId }, now);
      markNoticeSent(tx, claim.id, now);
    });
    result.sent += 1;
  }
}

/** Sends every reminder due at `now`, and retries the ones a previous run could not send. */
export async function runReminders(db: DbClient, courses: readonly ReportCourse[], now: Date, deps: ReminderDeps): Promise<ReminderResult> {
  const result: ReminderResult = { claimed: 0, sent: 0, failed: 0 };
  deliver(db, listUnsentNotices(db), courses, deps, now, result);
  const assignedCourses = [...new Set(listActiveAssignmentRules(db).map((r) => r.courseId))];
  if (!assignedCourses.length) return result;
  const today = helsinkiDateKey(now);
  for (const page of iterateCompletionRecords(db, courses, { courseIds: assignedCourses }, now)) {
    const claims: Claim[] = [];
    // One transaction per page: a claim already made is a no-op insert, and thousands of them
    // as separate commits held the event loop for seconds on every run.
    db.transaction((tx) => {
      for (const record of page) {
        if (!record.assigned) continue;
        for (const kind of noticesDue({ status: record.status, dueDate: record.dueDate, renewal: record.renewal, assignedOn: record.assignedOn }, today)) {
          const key = { userId: record.userId, courseId: record.courseId, kind, dueDate: record.dueDate! };
          const id = claimNotice(tx, key, now);
          if (id !== undefined) claims.push({ id, ...key });
        }
      }
    });
    result.claimed += claims.length;
    deliver(db, claims, courses, deps, now, result);
    // A run over thousands of learners must not hold up requests: let them in between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}
