/**
 * The page adapter for {@link decideAccess}: pages and endpoints get a
 * Response to return when access is refused. Actions use `src/actions/access.ts`.
 */
import type { APIContext, AstroGlobal } from 'astro';
import { getDb } from '../db/client';
import { findTotpCredential } from '../db/totp';
import type { Permission } from '../auth/permissions';
import type { SessionInfo, SessionUser } from '../auth/types';
import { decideAccess, loginUrl } from './access';
import { hasProviderMultiFactor } from '../oidc/sessions';

type Context = Pick<APIContext, 'locals' | 'url' | 'redirect' | 'rewrite'> | AstroGlobal;

/** What the access decision reads from a request's locals. */
/** Per request (its `locals`): whether the signed-in person has a second factor. */
const secondFactorSeen = new WeakMap<object, boolean>();

export function accessInput(context: Context) {
  const locals = context.locals;
  return {
    user: locals.user,
    session: locals.session,
    pendingSecondFactor: Boolean(locals.pendingSession),
    // A multi-factor sign-in at the organisation's provider counts as the second factor for that session.
    hasSecondFactor: () => {
      if (!locals.user) return false;
      // Asked by the middleware and again by the page's guard: looked up once per request.
      let known = secondFactorSeen.get(locals);
      if (known === undefined) {
        const db = locals.ctx?.db ?? getDb();
        known = findTotpCredential(db, locals.user.id) !== undefined || (locals.session ? hasProviderMultiFactor(db, locals.session.id) : false);
        secondFactorSeen.set(locals, known);
      }
      return known;
    },
  };
}

export type PageAccess = { ok: true; user: SessionUser; session: SessionInfo } | { ok: false; response: Response | Promise<Response> };

/**
 * For pages: `const access = requirePageAccess(Astro, 'admin.users'); if (!access.ok) return access.response;`
 */
export function requirePageAccess(context: Context, permission?: Permission): PageAccess {
  const decision = decideAccess(accessInput(context), permission);
  switch (decision.kind) {
    case 'allow':
      return { ok: true, user: decision.user, session: decision.session };
    case 'login':
      return { ok: false, response: context.redirect(loginUrl(context.url.pathname + context.url.search), 303) };
    case 'second-factor':
      return { ok: false, response: context.redirect(`/kirjaudu/vahvistus?palaa=${encodeURIComponent(context.url.pathname + context.url.search)}`, 303) };
    case 'enrol-second-factor':
      return { ok: false, response: context.redirect('/profiili/kaksivaiheinen?vaaditaan=1', 303) };
    case 'forbidden':
      return { ok: false, response: context.rewrite('/ei-oikeutta') };
  }
}
