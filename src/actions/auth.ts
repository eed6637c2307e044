/**
 * Actions for signing up, in and out: first-run setup, login and its second
 * factor, logout, registration, invitation acceptance, password reset and
 * email change confirmation. Every handler authorises (most are for
 * anonymous visitors by nature) and delegates to `src/lib/server/accounts`.
 */
import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { getConfig } from '../lib/server/config';
import { getDb } from '../lib/server/db/client';
import { findUserById, getUserRoles } from '../lib/server/db/users';
import { setSessionCookie, deleteSessionCookie } from '../lib/server/auth/cookies';
import { createSession, invalidateSession } from '../lib/server/auth/session';
import { safeReturnPath } from '../lib/server/web/access';
import { serviceContextFor } from '../lib/server/web/request';
import { completeSetup } from '../lib/server/accounts/setup';
import { login, verifyLoginSecondFactor } from '../lib/server/accounts/login';
import { confirmRegistration, requestRegistration } from '../lib/server/accounts/registration';
import { acceptInvitation } from '../lib/server/accounts/invitations';
import { requestPasswordReset, resetPassword } from '../lib/server/accounts/password-reset';
import { confirmEmailChange } from '../lib/server/accounts/profile';
import { isOrgType } from '../lib/server/accounts/org-tree';
import { rolesRequireSecondFactor } from '../lib/server/auth/permissions';
import { appendAuditEvent } from '../lib/server/db/audit';
import { t } from '../lib/i18n';
import { emailField, nameField, nodeField, orgNameField, passwordField, returnField, tokenField } from './schemas';
import { fieldFailure, formFailure, isPasswordProblem, passwordMessage, rateLimited, tokenMessage } from './messages';
import type { APIContext } from 'astro';
import { passwordOffProvider } from '../lib/server/oidc/password-sign-in';
import { PASSWORD_OFF_MESSAGE, PASSWORD_OFF_RESET_MESSAGE } from '../lib/server/oidc/messages';
import { providerOfSession } from '../lib/server/oidc/sessions';
import { findIdentityProvider } from '../lib/server/db/identity-providers';

type Ctx = Pick<APIContext, 'cookies' | 'request' | 'clientAddress'>;

/** Opens a fully signed-in session for a user who just proved who they are (confirmation or invitation link). */
function signIn(context: Ctx, userId: number): void {
  const config = getConfig();
  const db = getDb();
  const user = findUserById(db, userId)!;
  const roles = getUserRoles(db, userId);
  const created = createSession(db, { id: user.id, name: user.name, email: user.email, roles }, { twoFactorVerified: true, userAgent: context.request.headers.get('user-agent') }, config.sessionTimeouts, new Date());
  setSessionCookie(context.cookies, created.token, created.session.absoluteExpiresAt, config.secure);
}

export const auth = {
  setup: defineAction({
    accept: 'form',
    input: z.object({
      code: z.string().trim().min(1, 'Kirjoita käyttöönottokoodi.').max(40),
      name: nameField,
      email: emailField,
      password: passwordField,
      orgName: orgNameField,
      orgType: z.string().refine(isOrgType, 'Valitse organisaation tyyppi.'),
    }),
    handler: async (input, context) => {
      const result = await completeSetup(serviceContextFor(context), { ...input, orgType: input.orgType as never });
      if (result.ok) return { ok: true as const, redirect: '/kirjaudu?ilmoitus=kayttoonotto' };
      if (result.error === 'already_done') throw new ActionError({ code: 'NOT_FOUND' });
      if (result.error === 'bad_code') return fieldFailure('code', t('setup.badCode'));
      return fieldFailure('password', passwordMessage(result.error));
    },
  }),

  login: defineAction({
    accept: 'form',
    input: z.object({ email: emailField, password: passwordField, palaa: returnField }),
    handler: async (input, context) => {
      const config = getConfig();
      // An owned domain signs in at its organisation's provider; administrators keep the password. Every
      // other outcome there gets the same answer, so it tells nobody which addresses are administrators'.
      const owned = passwordOffProvider(getDb(), input.email) !== undefined;
      const result = await login(serviceContextFor(context), { email: input.email, password: input.password, userAgent: context.request.headers.get('user-agent'), onlyRoles: owned ? ['admin'] : undefined });
      if (!result.ok) {
        if (result.error === 'rate_limited') return rateLimited(result.retryAfterMs);
        return owned ? fieldFailure('email', PASSWORD_OFF_MESSAGE) : formFailure(t('login.invalid'));
      }
      // A previous session in this browser ends: a new token at every login.
      if (context.locals.session) invalidateSession(getDb(), context.locals.session.id);
      setSessionCookie(context.cookies, result.token, result.session.absoluteExpiresAt, config.secure);
      const back = safeReturnPath(input.palaa);
      if (result.needsSecondFactor) return { ok: true as const, redirect: `/kirjaudu/vahvistus?palaa=${encodeURIComponent(back)}` };
      if (result.mustEnrolSecondFactor) return { ok: true as const, redirect: '/profiili/kaksivaiheinen?vaaditaan=1' };
      return { ok: true as const, redirect: back };
    },
  }),

  secondFactor: defineAction({
    accept: 'form',
    input: z.object({ code: z.string().trim().min(1, 'Kirjoita koodi.').max(40, 'Koodi on liian pitkä.'), palaa: returnField }),
    handler: async (input, context) => {
      const pending = context.locals.pendingSession;
      if (!pending) throw new ActionError({ code: 'UNAUTHORIZED', message: t('error.signInRequired') });
      const result = verifyLoginSecondFactor(serviceContextFor(context), pending, { code: input.code });
      if (!result.ok) return result.error === 'rate_limited' ? rateLimited(result.retryAfterMs) : fieldFailure('code', t('secondFactor.invalid'));
      return { ok: true as const, redirect: safeReturnPath(input.palaa) };
    },
  }),

  logout: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const config = getConfig();
      const session = context.locals.session ?? context.locals.pendingSession;
      // Signed in through a provider: the sign-in page then offers signing out there too.
      const provider = session ? findIdentityProvider(getDb(), providerOfSession(getDb(), session.id) ?? 0) : undefined;
      if (session) {
        invalidateSession(getDb(), session.id);
        appendAuditEvent(getDb(), { actorId: session.userId, action: 'auth.logout' });
      }
      deleteSessionCookie(context.cookies, config.secure);
      return { ok: true as const, redirect: `/kirjaudu?ilmoitus=uloskirjautuminen${provider ? `&palvelu=${provider.slug}` : ''}` };
    },
  }),

  register: defineAction({
    accept: 'form',
    input: z.object({ name: nameField, email: emailField, password: passwordField, nodeId: nodeField }),
    handler: async (input, context) => {
      const result = await requestRegistration(serviceContextFor(context), input);
      if (result.ok) return { ok: true as const, email: input.email.trim().toLowerCase() };
      if (result.error === 'closed') return formFailure(t('register.closed'), 403);
      if (result.error === 'rate_limited') return rateLimited(result.retryAfterMs);
      if (result.error === 'node') return fieldFailure('nodeId', t('error.node.invalid'));
      return fieldFailure('password', passwordMessage(result.error));
    },
  }),

  confirmRegistration: defineAction({
    accept: 'form',
    input: z.object({ token: tokenField }),
    handler: async (input, context) => {
      const result = confirmRegistration(serviceContextFor(context), input.token);
      if (!result.ok) return formFailure(result.error === 'exists' ? t('register.exists') : tokenMessage(result.error));
      signIn(context, result.userId);
      return { ok: true as const, redirect: '/omat-kurssit?ilmoitus=tervetuloa' };
    },
  }),

  acceptInvitation: defineAction({
    accept: 'form',
    input: z.object({ token: tokenField, password: passwordField }),
    handler: async (input, context) => {
      const result = await acceptInvitation(serviceContextFor(context), input);
      if (!result.ok) {
        if (result.error === 'rate_limited') return rateLimited(result.retryAfterMs);
        if (isPasswordProblem(result.error)) return fieldFailure('password', passwordMessage(result.error));
        return formFailure(result.error === 'exists' ? t('register.exists') : tokenMessage(result.error));
      }
      signIn(context, result.userId);
      if (rolesRequireSecondFactor(result.roles)) return { ok: true as const, redirect: '/profiili/kaksivaiheinen?vaaditaan=1' };
      return { ok: true as const, redirect: '/omat-kurssit?ilmoitus=tervetuloa' };
    },
  }),

  requestReset: defineAction({
    accept: 'form',
    input: z.object({ email: emailField }),
    handler: async (input, context) => {
      if (passwordOffProvider(getDb(), input.email)) {
        // The same answer, and the same counters, for every address of the domain; only an administrator's account gets a link.
        const sent = await requestPasswordReset(serviceContextFor(context), { email: input.email, onlyRoles: ['admin'] });
        if (!sent.ok) return rateLimited(sent.retryAfterMs);
        return fieldFailure('email', PASSWORD_OFF_RESET_MESSAGE);
      }
      const result = await requestPasswordReset(serviceContextFor(context), input);
      if (!result.ok) return rateLimited(result.retryAfterMs);
      return { ok: true as const };
    },
  }),

  resetPassword: defineAction({
    accept: 'form',
    input: z.object({ token: tokenField, password: passwordField }),
    handler: async (input, context) => {
      const result = await resetPassword(serviceContextFor(context), input);
      if (!result.ok) return isPasswordProblem(result.error) ? fieldFailure('password', passwordMessage(result.error)) : formFailure(tokenMessage(result.error));
      deleteSessionCookie(context.cookies, getConfig().secure);
      return { ok: true as const, redirect: '/kirjaudu?ilmoitus=salasana-vaihdettu' };
    },
  }),

  confirmEmailChange: defineAction({
    accept: 'form',
    input: z.object({ token: tokenField }),
    handler: async (input, context) => {
      const result = await confirmEmailChange(serviceContextFor(context), input.token);
      if (!result.ok) return formFailure(result.error === 'taken' ? t('error.email.taken') : tokenMessage(result.error));
      return { ok: true as const, redirect: context.locals.user ? '/profiili?ilmoitus=sahkoposti-vaihdettu' : '/kirjaudu?ilmoitus=sahkoposti-vaihdettu' };
    },
  }),
};
