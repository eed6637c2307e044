/** Actions on the signed-in user's own account (permission `profile.manage`). */
import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { requireActionAccess } from './access';
import { serviceContextFor } from '../lib/server/web/request';
import { changeName, changePassword, disableTotp, enableTotp, endOtherSessions, endOwnSession, regenerateRecoveryCodes, requestEmailChange } from '../lib/server/accounts/profile';
import { requestOrganisationChange } from '../lib/server/accounts/memberships';
import { t } from '../lib/i18n';
import { emailField, nameField, nodeField, passwordField } from './schemas';
import { fieldFailure, formFailure, passwordMessage, rateLimited } from './messages';
import type { FormFailure } from '../lib/web/form-state';
import type { ProofError } from '../lib/server/accounts/second-factor';
import { deleteOwnAccountFor } from '../lib/server/privacy/own-data';
import { getConfig } from '../lib/server/config';
import { deleteSessionCookie } from '../lib/server/auth/cookies';

/** The owner's proof for changing a second factor: the password and the current code or a recovery code. */
const proofFields = { password: passwordField, currentCode: z.string().trim().min(1, 'Kirjoita todennussovelluksen nykyinen koodi tai käyttämätön varakoodi.').max(40) };

function proofFailure(error: ProofError, retryAfterMs?: number): FormFailure {
  if (error === 'rate_limited') return rateLimited(retryAfterMs);
  if (error === 'wrong_password') return fieldFailure('password', t('error.password.wrong'));
  return fieldFailure('currentCode', 'Koodi on väärin tai jo käytetty. Kirjoita sovelluksen näyttämä uusin koodi tai käyttämätön varakoodi.');
}

export const profile = {
  changeName: defineAction({
    accept: 'form',
    input: z.object({ name: nameField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'profile.manage');
      const result = changeName(serviceContextFor(context), user.id, input.name);
      if (!result.ok) return fieldFailure('name', t('error.name.required'));
      return { ok: true as const, redirect: '/profiili?ilmoitus=nimi-tallennettu' };
    },
  }),

  changePassword: defineAction({
    accept: 'form',
    input: z.object({ current: passwordField, password: passwordField }),
    handler: async (input, context) => {
      const { user, session } = requireActionAccess(context, 'profile.manage');
      const result = await changePassword(serviceContextFor(context), user.id, session.id, input);
      if (!result.ok) return result.error === 'wrong_password' ? fieldFailure('current', t('error.password.wrong')) : fieldFailure('password', passwordMessage(result.error));
      return { ok: true as const, redirect: '/profiili?ilmoitus=salasana-vaihdettu' };
    },
  }),

  changeEmail: defineAction({
    accept: 'form',
    input: z.object({ email: emailField, password: passwordField }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'profile.manage');
      const result = await requestEmailChange(serviceContextFor(context), user.id, input);
      if (result.ok) return { ok: true as const, redirect: '/profiili?ilmoitus=sahkoposti-lahetetty' };
      if (result.error === 'wrong_password') return fieldFailure('emailPassword', t('error.password.wrong'));
      return fieldFailure('email', result.error === 'same' ? t('error.email.same') : t('error.email.taken'));
    },
  }),

  requestOrgChange: defineAction({
    accept: 'form',
    input: z.object({ nodeId: nodeField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'profile.manage');
      const result = requestOrganisationChange(serviceContextFor(context), user.id, input.nodeId);
      if (result.ok) return { ok: true as const, redirect: '/profiili?ilmoitus=organisaatio-pyydetty' };
      return fieldFailure('nodeId', result.error === 'same_node' ? t('error.node.same') : t('error.node.invalid'));
    },
  }),

  enableTotp: defineAction({
    accept: 'form',
    input: z.object({
      key: z.string().regex(/^[A-Z2-7 ]{20,64}$/),
      code: z.string().trim().min(1, 'Kirjoita sovelluksen näyttämä koodi.').max(12),
      // Only when a second factor is already enrolled (replacing it).
      password: z.string().max(1024).optional(),
      currentCode: z.string().trim().max(40).optional(),
    }),
    handler: async (input, context) => {
      const { user, session } = requireActionAccess(context, 'profile.manage');
      let key: Uint8Array;
      try {
        key = decodeBase32IgnorePadding(input.key.replace(/\s+/g, ''));
      } catch {
        return formFailure(t('form.failed'));
      }
      if (key.length !== 20) return formFailure(t('form.failed'));
      const proof = input.password !== undefined ? { password: input.password, currentCode: input.currentCode ?? '' } : undefined;
      const result = await enableTotp(serviceContextFor(context), user.id, session.id, { key, code: input.code, proof });
      if (!result.ok) {
        if (result.error === 'invalid') return fieldFailure('code', t('secondFactor.invalid'));
        if (result.error === 'proof_required') return fieldFailure('password', 'Kirjoita salasanasi ja nykyinen koodi, jotta voit vaihtaa todennussovelluksen.');
        return proofFailure(result.error, result.retryAfterMs);
      }
      return { ok: true as const, recoveryCodes: result.recoveryCodes };
    },
  }),

  disableTotp: defineAction({
    accept: 'form',
    input: z.object(proofFields),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'profile.manage');
      const result = await disableTotp(serviceContextFor(context), user.id, input);
      if (result.ok) return { ok: true as const, redirect: '/profiili/kaksivaiheinen?ilmoitus=poistettu' };
      if (result.error === 'required') return formFailure('Roolisi edellyttää kaksivaiheista tunnistautumista, joten sitä ei voi poistaa käytöstä.', 403);
      return proofFailure(result.error, result.retryAfterMs);
    },
  }),

  regenerateRecoveryCodes: defineAction({
    accept: 'form',
    input: z.object(proofFields),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'profile.manage');
      const result = await regenerateRecoveryCodes(serviceContextFor(context), user.id, input);
      if (!result.ok) return result.error === 'no_totp' ? formFailure(t('form.failed')) : proofFailure(result.error, result.retryAfterMs);
      return { ok: true as const, recoveryCodes: result.recoveryCodes };
    },
  }),

  endSession: defineAction({
    accept: 'form',
    input: z.object({ sessionId: z.string().min(1).max(64) }),
    handler: (input, context) => {
      const { user, session } = requireActionAccess(context, 'profile.manage');
      if (input.sessionId === session.id) return formFailure(t('form.failed'));
      const result = endOwnSession(serviceContextFor(context), user.id, input.sessionId);
      if (!result.ok) return formFailure(t('form.failed'), 404);
      return { ok: true as const, redirect: '/profiili?ilmoitus=istunto-paatetty#istunnot' };
    },
  }),

  endOtherSessions: defineAction({
    accept: 'form',
    handler: (_input, context) => {
      const { user, session } = requireActionAccess(context, 'profile.manage');
      endOtherSessions(serviceContextFor(context), user.id, session.id);
      return { ok: true as const, redirect: '/profiili?ilmoitus=istunnot-paatetty#istunnot' };
    },
  }),

  deleteAccount: defineAction({
    accept: 'form',
    input: z.object({ password: passwordField, confirm: z.string({ message: 'Vahvista, että ymmärrät poiston olevan lopullinen.' }).refine((v) => v === 'kylla', 'Vahvista, että ymmärrät poiston olevan lopullinen.') }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'profile.manage');
      const config = getConfig();
      const result = await deleteOwnAccountFor(context.locals.ctx, user, input.password);
      if (!result.ok) {
        if (result.error === 'wrong_password') return fieldFailure('password', t('error.password.wrong'));
        if (result.error === 'last_admin') return formFailure('Olet palvelun ainoa ylläpitäjä. Nimeä toinen ylläpitäjä ennen kuin poistat tilisi.', 409);
        return formFailure(t('form.failed'), 404);
      }
      deleteSessionCookie(context.cookies, config.secure);
      return { ok: true as const, redirect: '/kirjaudu?ilmoitus=tili-poistettu' };
    },
  }),
};
