/**
 * Live training sessions: learners register and cancel; trainers and
 * administrators create, change and cancel sessions. Each handler authorises;
 * a session the person may not see answers as not found.
 */
import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { requireActionAccess } from './access';
import { serviceContextFor } from '../lib/server/web/request';
import { listReportCourses } from '../lib/server/learning/catalog';
import { parseSessionSubmission } from '../lib/server/live/form-options';
import { cancelRegistration, registerForSession, type RegistrationError } from '../lib/server/live/registration';
import { cancelLiveSession, changeLiveSession, createLiveSession, type ManageError } from '../lib/server/live/sessions';
import type { SessionForm } from '../lib/live/session-input';
import { liveSessionPath } from '../lib/live/paths';
import { checkIn, markAttendance, markWalkIn, type AttendanceError, type SettleCourse } from '../lib/server/live/attendance';
import { ensureAppSecret } from '../lib/server/learning/final-nonce';
import { loadCatalog } from '../lib/server/learning/catalog';
import { settleCompletion } from '../lib/server/learning/progress';
import { issuerFromConfig } from '../lib/server/certificates/issue';
import type { AppConfig } from '../lib/server/config';
import { idField } from './schemas';
import { fieldFailure, formFailure, rateLimited } from './messages';

const REGISTRATION_MESSAGES: Record<RegistrationError, string> = {
  not_found: 'Tilaisuutta ei löytynyt.',
  not_eligible: 'Tilaisuutta ei löytynyt.',
  closed: 'Ilmoittautuminen tähän tilaisuuteen on päättynyt.',
  cancelled: 'Tilaisuus on peruttu.',
  not_registered: 'Et ole ilmoittautunut tähän tilaisuuteen.',
};

const MANAGE_MESSAGES: Record<ManageError, string> = {
  not_found: 'Tilaisuutta ei löytynyt.',
  started: 'Tilaisuus on jo alkanut, eikä sitä voi enää muuttaa.',
  cancelled: 'Tilaisuus on jo peruttu.',
};

const ATTENDANCE_MESSAGES: Record<AttendanceError, string> = {
  not_found: 'Tilaisuutta ei löytynyt.',
  not_open: 'Läsnäolon voi kirjata vasta, kun tilaisuus on alkamassa.',
  not_registered: 'Läsnäolon voi kirjata vain ilmoittautuneelle.',
  email: 'Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.',
  code: 'Koodi ei täsmää. Tarkista koodi kouluttajalta ja kirjoita se uudelleen.',
  rate_limited: 'Liian monta väärää koodia.',
  cancelled: 'Tilaisuus on peruttu.',
};

const text = (max: number) => z.string().max(max * 2).optional();
const sessionFields = z.object({
  title: text(200),
  description: text(4000),
  kind: text(20),
  meetingUrl: text(2000),
  place: text(200),
  address: text(300),
  startsAt: text(20),
  endsAt: text(20),
  deadline: text(20),
  capacity: text(10),
  language: text(5),
  courseId: text(100),
  unitIds: z.array(z.string().max(12)).max(500).default([]),
});

async function parseForm(form: SessionForm, now: Date, db: Parameters<typeof parseSessionSubmission>[0]) {
  return parseSessionSubmission(db, form, (await listReportCourses()).map((c) => c.id), now);
}

/** Completion re-evaluated with the attendance, for courses that require a live session. */
async function settlerFor(config: AppConfig, now: Date): Promise<SettleCourse> {
  const catalog = await loadCatalog();
  const issuer = issuerFromConfig(config);
  return (tx, courseId, userId) => {
    const course = catalog.courses.get(courseId)?.structure;
    if (course?.requiresLiveSession) settleCompletion(tx, course, userId, now, issuer);
  };
}

function notFound(message: string): never {
  throw new ActionError({ code: 'NOT_FOUND', message });
}

export const live = {
  register: defineAction({
    accept: 'form',
    input: z.object({ sessionId: idField() }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'learning.track');
      const result = registerForSession(serviceContextFor(context), user, input.sessionId);
      if (!result.ok) {
        if (result.error === 'not_found' || result.error === 'not_eligible') notFound(REGISTRATION_MESSAGES[result.error]);
        return formFailure(REGISTRATION_MESSAGES[result.error], 409);
      }
      const notice = result.value.status === 'registered' ? 'ilmoittauduttu' : 'jonossa';
      return { ok: true as const, redirect: `${liveSessionPath(input.sessionId)}?ilmoitus=${notice}` };
    },
  }),

  cancel: defineAction({
    accept: 'form',
    input: z.object({ sessionId: idField() }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'learning.track');
      const result = cancelRegistration(serviceContextFor(context), user, input.sessionId);
      if (!result.ok) {
        if (result.error === 'not_found') notFound(REGISTRATION_MESSAGES.not_found);
        return formFailure(REGISTRATION_MESSAGES[result.error], 409);
      }
      return { ok: true as const, redirect: `${liveSessionPath(input.sessionId)}?ilmoitus=ilmoittautuminen-peruttu` };
    },
  }),

  createSession: defineAction({
    accept: 'form',
    input: sessionFields,
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'live.manage');
      const ctx = serviceContextFor(context);
      const parsed = await parseForm(input, ctx.now, ctx.db);
      if (!parsed.ok) return { ok: false as const, status: 400, fields: parsed.errors as Record<string, string> };
      const id = createLiveSession(ctx, user, parsed.value);
      return { ok: true as const, redirect: `/kouluttajat/tilaisuudet/${id}?ilmoitus=tilaisuus-luotu` };
    },
  }),

  updateSession: defineAction({
    accept: 'form',
    input: sessionFields.extend({ sessionId: idField() }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'live.manage');
      const ctx = serviceContextFor(context);
      const parsed = await parseForm(input, ctx.now, ctx.db);
      if (!parsed.ok) return { ok: false as const, status: 400, fields: parsed.errors as Record<string, string> };
      const result = changeLiveSession(ctx, user, input.sessionId, parsed.value);
      if (!result.ok) {
        if (result.error === 'invalid') return { ok: false as const, status: 400, fields: result.errors as Record<string, string> };
        if (result.error === 'not_found') notFound(MANAGE_MESSAGES.not_found);
        return formFailure(MANAGE_MESSAGES[result.error], 409);
      }
      return { ok: true as const, redirect: `/kouluttajat/tilaisuudet/${input.sessionId}?ilmoitus=${result.value.notified ? 'tilaisuus-muutettu-ilmoitettu' : 'tallennettu'}` };
    },
  }),

  cancelSession: defineAction({
    accept: 'form',
    input: z.object({ sessionId: idField(), confirm: z.literal('on', { message: 'Vahvista peruminen rastittamalla kohta.' }) }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'live.manage');
      const result = cancelLiveSession(serviceContextFor(context), user, input.sessionId);
      if (!result.ok) {
        if (result.error === 'not_found') notFound(MANAGE_MESSAGES.not_found);
        return formFailure(MANAGE_MESSAGES[result.error as ManageError], 409);
      }
      return { ok: true as const, redirect: `/kouluttajat/tilaisuudet/${input.sessionId}?ilmoitus=tilaisuus-peruttu` };
    },
  }),

  markAttendance: defineAction({
    accept: 'form',
    input: z.object({ sessionId: idField(), userId: idField(), attended: z.enum(['1', '0']) }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'live.manage');
      const ctx = serviceContextFor(context);
      const result = markAttendance({ ...ctx, settle: await settlerFor(ctx.config, ctx.now) }, user, input.sessionId, input.userId, input.attended === '1');
      if (!result.ok) {
        if (result.error === 'not_found') notFound(ATTENDANCE_MESSAGES.not_found);
        return formFailure(ATTENDANCE_MESSAGES[result.error], 409);
      }
      return { ok: true as const, redirect: `/kouluttajat/tilaisuudet/${input.sessionId}/lasnaolo#henkilo-${input.userId}` };
    },
  }),

  addWalkIn: defineAction({
    accept: 'form',
    input: z.object({ sessionId: idField(), email: z.string().max(500) }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'live.manage');
      const ctx = serviceContextFor(context);
      const result = markWalkIn({ ...ctx, settle: await settlerFor(ctx.config, ctx.now) }, user, input.sessionId, input.email);
      if (!result.ok) {
        if (result.error === 'not_found') notFound(ATTENDANCE_MESSAGES.not_found);
        return result.error === 'email' ? fieldFailure('email', ATTENDANCE_MESSAGES.email) : formFailure(ATTENDANCE_MESSAGES[result.error], 409);
      }
      return { ok: true as const, redirect: `/kouluttajat/tilaisuudet/${input.sessionId}/lasnaolo?ilmoitus=${result.value.hasAccount ? 'paikalla-kirjattu' : 'paikalla-ilman-tilia'}` };
    },
  }),

  checkIn: defineAction({
    accept: 'form',
    input: z.object({ sessionId: idField(), code: z.string().max(40) }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'learning.track');
      const ctx = serviceContextFor(context);
      const result = checkIn({ ...ctx, rateLimits: ctx.config.rateLimits, secret: ensureAppSecret(ctx.db, ctx.now), settle: await settlerFor(ctx.config, ctx.now) }, user, input.sessionId, input.code);
      if (!result.ok) {
        if (result.error === 'rate_limited') return rateLimited(result.retryAfterMs);
        if (result.error === 'code') return fieldFailure('code', ATTENDANCE_MESSAGES.code);
        if (result.error === 'not_registered') notFound(REGISTRATION_MESSAGES.not_found);
        return formFailure(ATTENDANCE_MESSAGES[result.error], 409);
      }
      return { ok: true as const, redirect: `${liveSessionPath(input.sessionId)}?ilmoitus=lasnaolo-kirjattu` };
    },
  }),
};
