/**
 * Where the provider sends the browser back (a GET by the protocol): the
 * callback opens the session. The only writes are the sign-in itself, which
 * the flow row's single use makes safe to repeat.
 */
import type { APIRoute } from 'astro';
import { getConfig } from '../../../lib/server/config';
import { endPreviousSession } from '../../../lib/server/oidc/provider-views';
import { completeOrganisationSignIn } from '../../../lib/server/oidc/callback';
import { deleteFlowCookie, flowCookieName } from '../../../lib/server/oidc/cookies';
import { failureLocation, oidcContextForRequest } from '../../../lib/server/oidc/web';
import { setSessionCookie } from '../../../lib/server/auth/cookies';
import { getDummyHash } from '../../../lib/server/auth/password';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const config = getConfig();
  const flowToken = context.cookies.get(flowCookieName(config.secure))?.value;
  deleteFlowCookie(context.cookies, config.secure);
  const result = await completeOrganisationSignIn(oidcContextForRequest(context), {
    url: context.url,
    flowToken,
    signedInUserId: context.locals.user?.id ?? null,
    userAgent: context.request.headers.get('user-agent'),
    // A hash of a random password nobody knows: the account has no usable password.
    unusablePasswordHash: getDummyHash,
  });
  if (!result.ok) return context.redirect(failureLocation('paluu', result.error, 'problem' in result ? result.problem : undefined), 303);
  // A new token at every sign-in: the session this browser had ends.
  const previous = context.locals.session ?? context.locals.pendingSession;
  if (previous) endPreviousSession(context.locals.ctx.db, previous.id);
  setSessionCookie(context.cookies, result.token, result.session.absoluteExpiresAt, config.secure);
  return context.redirect(result.redirect, 303);
};
