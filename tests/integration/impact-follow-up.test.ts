import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, tokenOf, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { answerFollowUp, describeFollowUp, queueFollowUpReminders, queueFollowUps } from '../../src/lib/server/impact/follow-up';
import { feedbackDue, saveFeedback } from '../../src/lib/server/impact/feedback';
import { listFeedbackAnswers, listFollowUpAnswers } from '../../src/lib/server/db/impact';
import { summariseFollowUps } from '../../src/lib/reporting/impact';
import { exportPersonalData } from '../../src/lib/server/privacy/export';
import { eraseUserRecords } from '../../src/lib/server/privacy/erase';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { resendMail } from '../../src/lib/server/accounts/mail-queue';
import { mailOutbox } from '../../src/lib/server/db/schema';
import { courseFeedback, followUp } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth/types';

const fixture = loadFixtureCourse();
const COURSE = fixture.structure.id;
let t: TestContext;
let org: Org;

const ctx = () => ({ db: t.db.db, config: t.config, now: t.now() });

async function completer(email: string, nodeId = org.a1): Promise<SessionUser> {
  const user = await createUser(t.db.db, { email, name: email.split('@')[0], nodeId });
  completeLessons(t.db.db, fixture, { userId: user.id }, t.now());
  passFinal(t.db.db, fixture, { userId: user.id }, `valmis-${email}`, t.now());
  return user;
}

beforeEach(() => {
  t = createTestContext();
  org = createOrg(t.db.db);
});
afterEach(() => t.db.cleanup());

describe('feedback at completion', () => {
  it('is optional, one per completion, and refused before completing', async () => {
    const stranger = await createUser(t.db.db, { email: 'ei@example.fi' });
    expect(saveFeedback(ctx(), stranger, COURSE, { usefulness: '4' })).toEqual({ ok: false, error: 'not_completed' });
    const learner = await completer('oppija@example.fi');
    expect(feedbackDue(t.db.db, learner.id, COURSE)).toBeDefined();
    expect(saveFeedback(ctx(), learner, COURSE, { usefulness: '6' })).toEqual({ ok: false, error: 'usefulness', field: 'usefulness' });
    expect(saveFeedback(ctx(), learner, COURSE, { recommend: '11' })).toMatchObject({ ok: false, field: 'recommend' });
    expect(saveFeedback(ctx(), learner, COURSE, { usefulness: '4', recommend: '9', apply: ' Kysyn työstä ensimmäisellä käynnillä. ' })).toEqual({ ok: true, value: { saved: true } });
    expect(saveFeedback(ctx(), learner, COURSE, { usefulness: '1' })).toEqual({ ok: true, value: { saved: false } });
    expect(feedbackDue(t.db.db, learner.id, COURSE)).toBeUndefined();
    expect(listFeedbackAnswers(t.db.db, COURSE)).toEqual([{ usefulness: 4, recommend: 9, apply: 'Kysyn työstä ensimmäisellä käynnillä.' }]);
  });

  it('can be skipped, and a skip is not counted as an answer', async () => {
    const learner = await completer('ohittaja@example.fi');
    expect(saveFeedback(ctx(), learner, COURSE, { skip: true, usefulness: '5' })).toEqual({ ok: true, value: { saved: true } });
    expect(listFeedbackAnswers(t.db.db, COURSE)).toEqual([]);
    expect(feedbackDue(t.db.db, learner.id, COURSE)).toBeUndefined();
  });
});

describe('the follow-up', () => {
  it('mails once after 12 weeks, reminds once a week later, and never more, across runs and connections', async () => {
    const learner = await completer('seurattava@example.fi');
    t.advance(12 * 7 * 86_400_000 - 60_000);
    expect(queueFollowUps(ctx(), [COURSE])).toBe(0);
    t.advance(60_000);
    expect(queueFollowUps(ctx(), [COURSE])).toBe(1);
    expect(queueFollowUps(ctx(), [COURSE])).toBe(0);
    const second = openDatabase(path.join(t.db.dir, 'app.db'));
    expect(queueFollowUps({ db: second.db, config: t.config, now: t.now() }, [COURSE])).toBe(0);
    closeDatabase(second);
    const first = t.mail.filter((m) => m.to === learner.email).at(-1)!;
    expect(first.subject).toContain('käyttöön');
    expect(first.links?.[0]).toMatch(/\/seuranta\/[^/]+$/);

    t.advance(6 * 86_400_000);
    expect(queueFollowUpReminders(ctx(), () => 'Testikurssi')).toBe(0);
    t.advance(86_400_000);
    expect(queueFollowUpReminders(ctx(), () => 'Testikurssi')).toBe(1);
    expect(queueFollowUpReminders(ctx(), () => 'Testikurssi')).toBe(0);
    t.advance(30 * 86_400_000);
    expect(queueFollowUpReminders(ctx(), () => 'Testikurssi')).toBe(0);
    expect(t.mail.filter((m) => m.to === learner.email && /käyttöön/.test(m.subject))).toHaveLength(2);
  });

  it('follows the number of weeks the course sets', async () => {
    const learner = await completer('kuusi@example.fi');
    t.advance(6 * 7 * 86_400_000);
    expect(queueFollowUps(ctx(), [COURSE])).toBe(0);
    expect(queueFollowUps(ctx(), [COURSE], () => 6)).toBe(1);
    expect(t.lastLink(learner.email)).toMatch(/\/seuranta\//);
  });

  it('is answered once without signing in; the link is single-use and expires after 60 days', async () => {
    const learner = await completer('vastaaja@example.fi');
    t.advance(12 * 7 * 86_400_000);
    queueFollowUps(ctx(), [COURSE]);
    const token = tokenOf(t.lastLink(learner.email));
    expect(describeFollowUp(ctx(), token)).toEqual({ ok: true, value: { courseId: COURSE } });
    expect(answerFollowUp(ctx(), token, { adoption: 'maybe' })).toEqual({ ok: false, error: 'adoption' });
    expect(answerFollowUp(ctx(), token, { adoption: 'partly', change: 'Otan työn puheeksi joka käynnillä.' })).toEqual({ ok: true });
    expect(answerFollowUp(ctx(), token, { adoption: 'yes' })).toEqual({ ok: false, error: 'used' });
    expect(describeFollowUp(ctx(), token)).toEqual({ ok: false, error: 'used' });
    expect(listFollowUpAnswers(t.db.db, COURSE)).toMatchObject([{ adoption: 'partly', change: 'Otan työn puheeksi joka käynnillä.' }]);

    const late = await completer('myohassa@example.fi');
    t.advance(12 * 7 * 86_400_000);
    queueFollowUps(ctx(), [COURSE]);
    const lateToken = tokenOf(t.lastLink(late.email));
    t.advance(60 * 86_400_000);
    expect(answerFollowUp(ctx(), lateToken, { adoption: 'yes' })).toEqual({ ok: false, error: 'expired' });
  });

  it('can be resent by an administrator with a fresh link; the old one stops working', async () => {
    const learner = await completer('uudelleen@example.fi');
    const admin = await createUser(t.db.db, { email: 'yllapito@example.fi', roles: ['admin'] });
    t.advance(12 * 7 * 86_400_000);
    queueFollowUps(ctx(), [COURSE]);
    const oldToken = tokenOf(t.lastLink(learner.email));
    const row = t.db.db.select().from(mailOutbox).all().find((m) => m.kind === 'follow_up')!;
    expect(resendMail(t.ctx(), admin.id, row.id)).toEqual({ ok: true, freshLink: true });
    const fresh = tokenOf(t.lastLink(learner.email));
    expect(fresh).not.toBe(oldToken);
    expect(describeFollowUp(ctx(), oldToken)).toEqual({ ok: false, error: 'used' });
    expect(answerFollowUp(ctx(), fresh, { adoption: 'yes' })).toEqual({ ok: true });
  });

  it('is in the personal-data export, and erasure keeps the answer without the person', async () => {
    const learner = await completer('poistuva@example.fi');
    saveFeedback(ctx(), learner, COURSE, { usefulness: '5' });
    t.advance(12 * 7 * 86_400_000);
    queueFollowUps(ctx(), [COURSE]);
    answerFollowUp(ctx(), tokenOf(t.lastLink(learner.email)), { adoption: 'yes', change: 'Paljon.' });
    const data = exportPersonalData(t.db.db, learner.id, t.now()) as { tiedot: Record<string, unknown[]> };
    expect(data.tiedot.course_feedback).toHaveLength(1);
    expect(data.tiedot.follow_up).toMatchObject([{ adoption: 'yes', change: 'Paljon.' }]);
    expect(eraseUserRecords(t.db.db, learner.id, learner.id, t.now()).ok).toBe(true);
    expect(t.db.db.select().from(courseFeedback).all()).toMatchObject([{ userId: null, usefulness: 5 }]);
    expect(t.db.db.select().from(followUp).all()).toMatchObject([{ userId: null, adoption: 'yes' }]);
  });
});

describe('follow-up figures', () => {
  it('suppress a group under five and give shares of respondents with the response rate', () => {
    const answer = (adoption: 'yes' | 'partly' | 'no' | null) => ({ adoption, change: adoption ? `muutos ${adoption}` : null });
    expect(summariseFollowUps([answer('yes'), answer('yes'), answer('no'), answer('partly'), answer(null)])).toMatchObject({ followedUp: 5, respondents: 4, suppressed: true, shares: null, responseRate: null, texts: [] });
    const eight = [answer('yes'), answer('yes'), answer('yes'), answer('partly'), answer('no'), answer(null), answer(null), answer(null)];
    expect(summariseFollowUps(eight)).toMatchObject({ followedUp: 8, respondents: 5, suppressed: false, responseRate: 63, shares: { yes: 60, partly: 20, no: 20 } });
  });
});
