/**
 * Feedback at completion (signed in) and the follow-up answer (no sign-in:
 * the single-use link is the key). Invalid input gets a field message and
 * writes nothing.
 */
import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { requireActionAccess } from './access';
import { serviceContextFor } from '../lib/server/web/request';
import { listReportCourses } from '../lib/server/learning/catalog';
import { saveFeedback, FEEDBACK_TEXT_MAX, type FeedbackProblem } from '../lib/server/impact/feedback';
import { answerFollowUp, FOLLOW_UP_CHANGE_MAX, type AnswerProblem } from '../lib/server/impact/follow-up';
import { fieldFailure, formFailure } from './messages';

const FEEDBACK_MESSAGES: Record<Exclude<FeedbackProblem, 'not_completed'>, string> = {
  usefulness: 'Valitse hyödyllisyydelle arvo 1–5 tai jätä kohta tyhjäksi.',
  recommend: 'Valitse suositteluhalukkuudelle arvo 0–10 tai jätä kohta tyhjäksi.',
  apply: `Vastaus voi olla enintään ${FEEDBACK_TEXT_MAX.toLocaleString('fi-FI')} merkkiä, eikä siinä voi olla ohjausmerkkejä.`,
};

const FOLLOW_UP_MESSAGES: Record<AnswerProblem, string> = {
  adoption: 'Valitse yksi vaihtoehdoista.',
  change: `Vastaus voi olla enintään ${FOLLOW_UP_CHANGE_MAX.toLocaleString('fi-FI')} merkkiä, eikä siinä voi olla ohjausmerkkejä.`,
  invalid: 'Linkki ei kelpaa. Tarkista, että kopioit sen kokonaan.',
  expired: 'Linkki on vanhentunut. Kiitos kiinnostuksestasi!',
  used: 'Tähän kyselyyn on jo vastattu. Kiitos!',
  answered: 'Tähän kyselyyn on jo vastattu. Kiitos!',
};

const courseField = z.string().max(100).regex(/^[a-z0-9-]+$/);

export const impact = {
  saveFeedback: defineAction({
    accept: 'form',
    input: z.object({ course: courseField, usefulness: z.string().max(3).optional(), recommend: z.string().max(3).optional(), apply: z.string().max(FEEDBACK_TEXT_MAX * 2).optional(), skip: z.string().max(3).optional() }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'learning.track');
      if (!(await listReportCourses()).some((c) => c.id === input.course)) throw new ActionError({ code: 'NOT_FOUND', message: 'Kurssia ei löytynyt.' });
      const result = saveFeedback(serviceContextFor(context), user, input.course, { usefulness: input.usefulness, recommend: input.recommend, apply: input.apply, skip: input.skip === '1' });
      if (!result.ok) {
        if (result.error === 'not_completed') return formFailure('Palautteen voi antaa, kun olet suorittanut kurssin.', 409);
        return fieldFailure(result.field ?? result.error, FEEDBACK_MESSAGES[result.error]);
      }
      return { ok: true as const, redirect: `/kurssit/${input.course}?ilmoitus=${input.skip === '1' ? 'palaute-ohitettu' : 'palaute-kiitos'}` };
    },
  }),

  answerFollowUp: defineAction({
    accept: 'form',
    input: z.object({ token: z.string().max(200), adoption: z.string().max(10).optional(), change: z.string().max(FOLLOW_UP_CHANGE_MAX * 2).optional() }),
    handler: (input, context) => {
      const result = answerFollowUp(serviceContextFor(context), input.token, { adoption: input.adoption, change: input.change });
      if (!result.ok) {
        if (result.error === 'adoption' || result.error === 'change') return fieldFailure(result.error, FOLLOW_UP_MESSAGES[result.error]);
        return formFailure(FOLLOW_UP_MESSAGES[result.error], result.error === 'invalid' ? 404 : 410);
      }
      return { ok: true as const, redirect: '/seuranta/kiitos' };
    },
  }),
};
