/** Administration actions: organisation tree, users, roles, scopes, settings (admins only). */
import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { requireActionAccess } from './access';
import { serviceContextFor } from '../lib/server/web/request';
import { archiveOrgNode, createOrgNode, moveOrgNode, renameOrgNode, type OrgError } from '../lib/server/accounts/org-tree';
import { changeManagerScopes, changeTrainerCourses, changeUserRoles, isRole, setUserDisabled } from '../lib/server/accounts/admin-users';
import { moveUserToNode } from '../lib/server/accounts/memberships';
import { requestPasswordReset } from '../lib/server/accounts/password-reset';
import { setRegistrationOpen } from '../lib/server/accounts/registration';
import { findUserForAdmin } from '../lib/server/accounts/admin-pages';
import type { RequestContext } from '../lib/server/context';
import type { Role } from '../lib/server/auth/types';
import { t } from '../lib/i18n';
import { idField, nodeField } from './schemas';
import { NAME_CHARACTERS_MESSAGE } from '../lib/names';
import { revokeCertificateWithReason, REVOKE_REASON_MAX } from '../lib/server/certificates/revoke';
import { fieldFailure, formFailure } from './messages';
import { resendMail } from '../lib/server/accounts/mail-queue';
import { resetSecondFactorByAdmin } from '../lib/server/accounts/second-factor';

const ORG_MESSAGES: Record<OrgError, string> = {
  not_found: 'Organisaatiota ei löytynyt.',
  name_required: 'Kirjoita nimi (enintään 150 merkkiä).',
  name_characters: NAME_CHARACTERS_MESSAGE,
  bad_type: 'Valitse tyyppi.',
  cycle: 'Organisaatiota ei voi siirtää oman alaorganisaationsa alle.',
  is_root: 'Ylintä organisaatiota ei voi siirtää eikä arkistoida.',
  has_members: 'Organisaatiossa tai sen alla on jäseniä tai jäsenyyspyyntöjä. Siirrä jäsenet ensin muualle.',
  archived: 'Arkistoituun organisaatioon ei voi lisätä eikä siirtää.',
};

function orgFailure(error: OrgError, field?: string) {
  return field ? fieldFailure(field, ORG_MESSAGES[error]) : formFailure(ORG_MESSAGES[error]);
}

const userIdField = idField();

function requireUserExists(ctx: RequestContext, id: number): void {
  if (!findUserForAdmin(ctx, id)) throw new ActionError({ code: 'NOT_FOUND', message: 'Käyttäjää ei löytynyt.' });
}

export const admin = {
  createNode: defineAction({
    accept: 'form',
    input: z.object({ name: z.string().max(300), type: z.string().max(40), parentId: nodeField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.org');
      const result = createOrgNode(serviceContextFor(context), user.id, input);
      return result.ok ? { ok: true as const, redirect: '/yllapito/organisaatio?ilmoitus=lisatty' } : orgFailure(result.error, result.field);
    },
  }),
  renameNode: defineAction({
    accept: 'form',
    input: z.object({ id: nodeField, name: z.string().max(300), type: z.string().max(40) }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.org');
      const result = renameOrgNode(serviceContextFor(context), user.id, input);
      return result.ok ? { ok: true as const, redirect: '/yllapito/organisaatio?ilmoitus=tallennettu' } : orgFailure(result.error, result.field);
    },
  }),
  moveNode: defineAction({
    accept: 'form',
    input: z.object({ id: nodeField, parentId: nodeField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.org');
      const result = moveOrgNode(serviceContextFor(context), user.id, input);
      return result.ok ? { ok: true as const, redirect: '/yllapito/organisaatio?ilmoitus=siirretty' } : orgFailure(result.error, result.field);
    },
  }),
  archiveNode: defineAction({
    accept: 'form',
    input: z.object({ id: nodeField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.org');
      const result = archiveOrgNode(serviceContextFor(context), user.id, input);
      return result.ok ? { ok: true as const, redirect: '/yllapito/organisaatio?ilmoitus=arkistoitu' } : orgFailure(result.error);
    },
  }),

  setRoles: defineAction({
    accept: 'form',
    input: z.object({ userId: userIdField, roles: z.array(z.string()).default([]) }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.users');
      requireUserExists(context.locals.ctx, input.userId);
      if (!input.roles.every(isRole)) return fieldFailure('roles', 'Tuntematon rooli.');
      const result = changeUserRoles(serviceContextFor(context), user.id, input.userId, input.roles as Role[]);
      if (!result.ok) return formFailure(result.error === 'self' ? 'Et voi poistaa omaa ylläpitäjän rooliasi.' : t('form.failed'));
      return { ok: true as const, redirect: `/yllapito/kayttajat/${input.userId}?ilmoitus=roolit` };
    },
  }),
  setScopes: defineAction({
    accept: 'form',
    input: z.object({ userId: userIdField, scopes: z.array(idField()).default([]) }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.users');
      requireUserExists(context.locals.ctx, input.userId);
      const result = changeManagerScopes(serviceContextFor(context), user.id, input.userId, input.scopes);
      if (!result.ok) return fieldFailure('scopes', 'Valitse organisaatiot listasta.');
      return { ok: true as const, redirect: `/yllapito/kayttajat/${input.userId}?ilmoitus=vastuualueet` };
    },
  }),
  setTrainerCourses: defineAction({
    accept: 'form',
    input: z.object({ userId: userIdField, courses: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]) }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.users');
      requireUserExists(context.locals.ctx, input.userId);
      changeTrainerCourses(serviceContextFor(context), user.id, input.userId, input.courses);
      return { ok: true as const, redirect: `/yllapito/kayttajat/${input.userId}?ilmoitus=kurssit` };
    },
  }),
  setUserNode: defineAction({
    accept: 'form',
    input: z.object({ userId: userIdField, nodeId: nodeField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.users');
      requireUserExists(context.locals.ctx, input.userId);
      const result = moveUserToNode(serviceContextFor(context), user, input.userId, input.nodeId);
      if (!result.ok) return fieldFailure('nodeId', result.error === 'same_node' ? 'Käyttäjä kuuluu jo tähän organisaatioon.' : t('error.node.invalid'));
      return { ok: true as const, redirect: `/yllapito/kayttajat/${input.userId}?ilmoitus=organisaatio` };
    },
  }),
  setDisabled: defineAction({
    accept: 'form',
    input: z.object({ userId: userIdField, disabled: z.enum(['0', '1']) }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.users');
      requireUserExists(context.locals.ctx, input.userId);
      const result = setUserDisabled(serviceContextFor(context), user.id, input.userId, input.disabled === '1');
      if (!result.ok) return formFailure('Et voi poistaa omaa tiliäsi käytöstä.');
      return { ok: true as const, redirect: `/yllapito/kayttajat/${input.userId}?ilmoitus=${input.disabled === '1' ? 'poistettu-kaytosta' : 'otettu-kayttoon'}` };
    },
  }),
  sendResetLink: defineAction({
    accept: 'form',
    input: z.object({ userId: userIdField }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'admin.users');
      const target = findUserForAdmin(context.locals.ctx, input.userId);
      if (!target) throw new ActionError({ code: 'NOT_FOUND', message: 'Käyttäjää ei löytynyt.' });
      await requestPasswordReset(serviceContextFor(context), { email: target.email }, user.id);
      return { ok: true as const, redirect: `/yllapito/kayttajat/${input.userId}?ilmoitus=linkki-lahetetty` };
    },
  }),
  resetSecondFactor: defineAction({
    accept: 'form',
    input: z.object({ userId: userIdField }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.users');
      const result = resetSecondFactorByAdmin(serviceContextFor(context), user.id, input.userId);
      if (result.ok) return { ok: true as const, redirect: `/yllapito/kayttajat/${input.userId}?ilmoitus=kaksivaiheinen-nollattu` };
      if (result.error === 'no_totp') return formFailure('Käyttäjällä ei ole kaksivaiheista tunnistautumista.', 409);
      return formFailure('Käyttäjää ei löytynyt.', 404);
    },
  }),
  setRegistration: defineAction({
    accept: 'form',
    input: z.object({ open: z.enum(['0', '1']) }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.settings');
      setRegistrationOpen(serviceContextFor(context), user.id, input.open === '1');
      return { ok: true as const, redirect: '/yllapito/asetukset?ilmoitus=tallennettu' };
    },
  }),

  revokeCertificate: defineAction({
    accept: 'form',
    input: z.object({ code: z.string().max(40), reason: z.string().max(REVOKE_REASON_MAX * 2) }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.certificates');
      const result = revokeCertificateWithReason(serviceContextFor(context), user.id, input);
      if (result.ok) return { ok: true as const, redirect: `/yllapito/todistukset?koodi=${result.code}&ilmoitus=todistus-peruttu` };
      if (result.error === 'reason') return fieldFailure('reason', `Kirjoita perumisen syy (3–${REVOKE_REASON_MAX} merkkiä). Syy näkyy todistuksen tarkistussivulla.`);
      if (result.error === 'already_revoked') return formFailure('Todistus on jo peruttu.', 409);
      return formFailure('Todistusta ei löytynyt.', 404);
    },
  }),
  resendMail: defineAction({
    accept: 'form',
    input: z.object({ id: idField() }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.mail');
      const result = resendMail(serviceContextFor(context), user.id, input.id);
      if (result.ok) return { ok: true as const, redirect: `/yllapito/viestit?ilmoitus=${result.freshLink ? 'uusi-linkki-jonossa' : 'viesti-jonossa'}` };
      if (result.error === 'gone') return formFailure('Viestiä ei voi lähettää uudelleen: sen sisältö poistettiin lähetyksen jälkeen, eikä siinä ollut linkkiä, jonka voisi uusia.', 409);
      return formFailure('Viestiä ei löytynyt.', 404);
    },
  }),
};
