/**
 * Managers' actions on required courses and on people in their subtrees.
 * Anything outside the manager's scope answers as not found.
 */
import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { requireActionAccess } from './access';
import { serviceContextFor } from '../lib/server/web/request';
import { assignCourse, changeAssignmentDue, withdrawAssignment, type AssignError } from '../lib/server/assignments/assign';
import { markLearnerLeft, moveUserToNode } from '../lib/server/accounts/memberships';
import { listReportCourses } from '../lib/server/learning/catalog';
import { t } from '../lib/i18n';
import { idField as decimalId, nodeField } from './schemas';
import { fieldFailure, formFailure } from './messages';

const ASSIGN_MESSAGES: Record<AssignError, string> = {
  course: 'Valitse kurssi.',
  due_date: 'Kirjoita eräpäivä muodossa pp.kk.vvvv tai valitse se kalenterista.',
  due_past: 'Eräpäivä ei voi olla menneisyydessä.',
  not_found: 'Yksikköä tai henkilöä ei löytynyt vastuualueeltasi.',
  no_learners: 'Valitse ainakin yksi henkilö.',
};

function assignFailure(error: AssignError, field?: string) {
  if (error === 'not_found') throw new ActionError({ code: 'NOT_FOUND', message: ASSIGN_MESSAGES.not_found });
  return field ? fieldFailure(field, ASSIGN_MESSAGES[error]) : formFailure(ASSIGN_MESSAGES[error]);
}

const idField = decimalId();
const dueField = z.string({ message: ASSIGN_MESSAGES.due_date }).trim().max(10);
const backField = z.string().max(300).regex(/^\/hallinta[\w/?=&%.-]*$/).optional();

export const manager = {
  assignCourse: defineAction({
    accept: 'form',
    input: z.object({
      courseId: z.string({ message: ASSIGN_MESSAGES.course }).max(100),
      dueDate: dueField,
      nodeId: nodeField.optional(),
      userIds: z.array(idField).max(1000).default([]),
      palaa: backField,
    }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'manager.assign');
      const courses = (await listReportCourses()).map((c) => c.id);
      const result = assignCourse(serviceContextFor(context), user, courses, { courseId: input.courseId, dueDate: input.dueDate, nodeId: input.nodeId, userIds: input.nodeId === undefined ? input.userIds : undefined });
      if (!result.ok) return assignFailure(result.error, result.field);
      const notice = result.created ? 'maaratty' : 'erapaiva';
      return { ok: true as const, redirect: `${input.palaa ?? '/hallinta/maaraykset'}${(input.palaa ?? '').includes('?') ? '&' : '?'}ilmoitus=${notice}` };
    },
  }),

  changeDueDate: defineAction({
    accept: 'form',
    input: z.object({ assignmentId: idField, dueDate: dueField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'manager.assign');
      const result = changeAssignmentDue(serviceContextFor(context), user, input.assignmentId, input.dueDate);
      if (!result.ok) return assignFailure(result.error, result.field ? `due-${input.assignmentId}` : undefined);
      return { ok: true as const, redirect: '/hallinta/maaraykset?ilmoitus=erapaiva' };
    },
  }),

  removeAssignment: defineAction({
    accept: 'form',
    input: z.object({ assignmentId: idField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'manager.assign');
      const result = withdrawAssignment(serviceContextFor(context), user, input.assignmentId);
      if (!result.ok) return assignFailure(result.error);
      return { ok: true as const, redirect: '/hallinta/maaraykset?ilmoitus=maarays-poistettu' };
    },
  }),

  markLeft: defineAction({
    accept: 'form',
    input: z.object({ userId: idField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'manager.members');
      const result = markLearnerLeft(serviceContextFor(context), user, input.userId);
      if (!result.ok) throw new ActionError({ code: 'NOT_FOUND', message: 'Henkilöä ei löytynyt vastuualueeltasi.' });
      return { ok: true as const, redirect: '/hallinta?ilmoitus=lahtenyt' };
    },
  }),

  moveLearner: defineAction({
    accept: 'form',
    input: z.object({ userId: idField, nodeId: nodeField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'manager.members');
      const result = moveUserToNode(serviceContextFor(context), user, input.userId, input.nodeId);
      if (!result.ok) {
        if (result.error === 'not_found' && !result.field) throw new ActionError({ code: 'NOT_FOUND', message: 'Henkilöä ei löytynyt vastuualueeltasi.' });
        return fieldFailure('nodeId', result.error === 'same_node' ? 'Henkilö on jo tässä yksikössä.' : result.error === 'archived' ? 'Yksikkö on arkistoitu.' : t('error.node.invalid'));
      }
      return { ok: true as const, redirect: `/hallinta/oppijat/${input.userId}?ilmoitus=siirretty-yksikkoon` };
    },
  }),
};
