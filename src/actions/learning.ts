/**
 * Actions for taking a course: quiz answers, case choices, reflections,
 * "Merkitse luetuksi" and the final quiz. Forms on the prerendered lesson
 * pages post to small on-demand pages under /tehtava that run these and show
 * the result. Every handler needs a signed-in learner; tampered input (unknown
 * ids, foreign options, wrong types) is refused with 400 and writes nothing.
 */
import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { requireActionAccess } from './access';
import { loadCatalog } from '../lib/server/learning/catalog';
import { answerQuestion, chooseInCase, markRead, REFLECTION_MAX_LENGTH, saveReflection, submitFinalQuiz } from '../lib/server/learning/progress';
import { ensureAppSecret, verifyFinalNonce } from '../lib/server/learning/final-nonce';
import { idSchema } from '../lib/content/schema';
import { feedbackForRightAnswers } from '../lib/learning/grading';
import { getConfig } from '../lib/server/config';
import { issuerFromConfig } from '../lib/server/certificates/issue';
import { idField } from './schemas';

const bad = (message: string) => new ActionError({ code: 'BAD_REQUEST', message });

/** The learner, with the certificate issuer the configuration allows (none in production without a real SITE_URL). */
function learnerOf(userId: number) {
  return { userId, issuer: issuerFromConfig(getConfig()) };
}
const optionIds = z.array(idSchema).max(8, 'Liian monta vaihtoehtoa.').default([]);

export const learning = {
  answer: defineAction({
    accept: 'form',
    input: z.object({ question: idSchema, option: optionIds, palaa: z.string().max(500).optional() }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'learning.track');
      const catalog = await loadCatalog();
      const found = catalog.questions.get(input.question);
      if (!found) throw bad('Tuntematon tehtävä.');
      const course = catalog.courses.get(found.courseId)!.structure;
      if (input.option.length === 0) return { ok: false as const, status: 400, fields: { option: 'Valitse vastaus ennen tarkistamista.' } };
      const result = answerQuestion(context.locals.ctx.db, course, found.lessonId, found.question, input.option, learnerOf(user.id), new Date());
      if (!result.ok) throw bad('Vastaus ei sovi tehtävään.');
      return { ok: true as const, questionId: found.question.id, question: found.question.question, graded: result.graded, courseId: course.id, lessonId: found.lessonId };
    },
  }),

  chooseInCase: defineAction({
    accept: 'form',
    input: z.object({ case: idSchema, point: idSchema, option: idSchema, run: idField().optional(), palaa: z.string().max(500).optional() }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'learning.track');
      const catalog = await loadCatalog();
      const found = catalog.cases.get(input.case);
      if (!found) throw bad('Tuntematon asiakastapaus.');
      const course = catalog.courses.get(found.courseId)!.structure;
      const result = chooseInCase(context.locals.ctx.db, course, found.lessonId, found.case, { runId: input.run, pointId: input.point, optionId: input.option }, learnerOf(user.id), new Date());
      if (!result.ok) {
        if (result.problem === 'not_current' || result.problem === 'run_not_found') throw new ActionError({ code: 'CONFLICT', message: 'Tämä valinta on jo tehty tai tapaus on aloitettu alusta. Aloita tapaus uudelleen oppitunnin sivulta.' });
        throw bad('Valinta ei sovi tapaukseen.');
      }
      return { ok: true as const, caseId: found.case.id, runId: result.run.id, step: result.step, courseId: course.id, lessonId: found.lessonId };
    },
  }),

  saveReflection: defineAction({
    accept: 'form',
    input: z.object({ reflection: idSchema, text: z.string().max(REFLECTION_MAX_LENGTH, `Vastaus saa olla enintään ${REFLECTION_MAX_LENGTH} merkkiä.`), palaa: z.string().max(500).optional() }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'learning.track');
      const catalog = await loadCatalog();
      const found = catalog.reflections.get(input.reflection);
      if (!found) throw bad('Tuntematon pohdintatehtävä.');
      const course = catalog.courses.get(found.courseId)!.structure;
      saveReflection(context.locals.ctx.db, course, found.lessonId, input.reflection, input.text, learnerOf(user.id), new Date());
      return { ok: true as const, reflectionId: input.reflection, courseId: course.id, lessonId: found.lessonId };
    },
  }),

  markRead: defineAction({
    accept: 'form',
    input: z.object({ course: idSchema, lesson: idSchema }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'learning.track');
      const info = (await loadCatalog()).courses.get(input.course);
      if (!info || !info.structure.lessons.some((l) => l.id === input.lesson)) throw bad('Tuntematon oppitunti.');
      const { status } = markRead(context.locals.ctx.db, info.structure, input.lesson, learnerOf(user.id), new Date());
      return { ok: true as const, courseId: input.course, lessonId: input.lesson, percent: status.percent, complete: status.complete };
    },
  }),

  submitFinal: defineAction({
    accept: 'form',
    // A single-choice question arrives as `vastaus:<question>=<option>`, each ticked
    // checkbox of a multiple-choice one as `vastaus:<question>:<option>=1`: every
    // radio group keeps its own name, and no field name repeats.
    input: z.object({ course: idSchema, nonce: z.string().max(200) }).catchall(z.string().max(100)),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'learning.track');
      const info = (await loadCatalog()).courses.get(input.course);
      if (!info?.finalQuiz) throw bad('Kurssilla ei ole loppukoetta.');
      const now = new Date();
      if (!verifyFinalNonce(ensureAppSecret(context.locals.ctx.db), input.nonce, user.id, input.course, now)) {
        throw new ActionError({ code: 'BAD_REQUEST', message: 'Loppukokeen sivu on vanhentunut. Avaa loppukoe uudelleen ja vastaa kysymyksiin.' });
      }
      const answers: Record<string, string[]> = {};
      for (const [key, value] of Object.entries(input)) {
        const m = /^vastaus:([a-z0-9-]+)(?::([a-z0-9-]+))?$/.exec(key);
        if (!m) continue;
        const option = m[2] ?? value;
        if (!/^[a-z0-9-]+$/.test(option)) throw bad('Vastaukset eivät sovi loppukokeeseen.');
        (answers[m[1]!] ??= []).push(option);
      }
      const result = submitFinalQuiz(context.locals.ctx.db, info.structure, info.finalQuiz.data.questions, answers, input.nonce, learnerOf(user.id), now);
      if (!result.ok) throw bad('Vastaukset eivät sovi loppukokeeseen.');
      return {
        ok: true as const,
        attemptId: result.attempt.id,
        scorePercent: result.attempt.scorePercent,
        passed: result.attempt.passed,
        wrongQuestionIds: result.attempt.wrongQuestionIds,
        rightFeedback: feedbackForRightAnswers(info.finalQuiz.data.questions, result.attempt.answers),
        complete: result.status.complete,
        newlyCompleted: result.newlyCompleted,
      };
    },
  }),
};
