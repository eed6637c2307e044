/**
 * Request pipeline for on-demand pages: record the route pattern for the
 * request log, refuse cross-site state changes, authenticate, and send
 * everyone to first-run setup until an administrator exists. Prerendered
 * pages skip all of it: they are built once and carry nothing per-user.
 * Authorisation is not done here: every page, action and endpoint asks the
 * guard itself.
 */
import { defineMiddleware, sequence } from 'astro:middleware';
import { getConfig } from './lib/server/config';
import { getDb } from './lib/server/db/client';
import { validateSessionToken } from './lib/server/auth/session';
import { deleteSessionCookie, sessionCookieName } from './lib/server/auth/cookies';
import { isSetupComplete } from './lib/server/accounts/setup';
import { isCrossSiteStateChange } from './lib/server/web/origin';
import { isStorageFault, STORAGE_FAULT_MESSAGE } from './lib/server/storage-fault';
import { bodyProblemResponse, findBodyProblem } from './lib/server/web/request-body';
import { createRequestContext } from './lib/server/context';
import { clientAddressOf } from './lib/server/web/request';
import { collectionCatalog } from './lib/server/learning/catalog';
import { accessInput } from './lib/server/web/guard';
import { decideAccess } from './lib/server/web/access';

const recordRoute = defineMiddleware((context, next) => {
  context.locals.routePattern = context.routePattern;
  return next();
});

/**
 * A full disk or a read-only database while a page or endpoint runs: a 503
 * in Finnish (retry later), never the raw SQLite message or a stack trace.
 * Transactions roll back, so nothing is half-written.
 */
const answerStorageFaults = defineMiddleware(async (_context, next) => {
  try {
    return await next();
  } catch (error) {
    if (!isStorageFault(error)) throw error;
    const body = `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Tallennus ei onnistu</title></head><body><main><h1>Tallennus ei juuri nyt onnistu</h1><p>${STORAGE_FAULT_MESSAGE}</p><p><a href="/">Etusivulle</a></p></main></body></html>`;
    return new Response(body, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '60' } });
  }
});

/**
 * Astro's own origin check covers form posts; this one also refuses other
 * cross-site writes (JSON from another origin, or a browser that says the
 * request is cross-site).
 */
const refuseCrossSite = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  if (isCrossSiteStateChange(context.request, context.url)) {
    return new Response('Cross-site request refused', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return next();
});

/** Bodies over the limit, malformed or of a type actions cannot read get a Finnish answer before anything reads them. */
const checkRequestBodies = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const problem = await findBodyProblem(context.request, context.url);
  return problem ? bodyProblemResponse(problem, context.request, context.url) : next();
});

const authenticate = defineMiddleware((context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.pendingSession = null;
  context.locals.pendingUser = null;
  if (context.isPrerendered) return next();
  const config = getConfig();
  const token = context.cookies.get(sessionCookieName(config.secure))?.value;
  if (!token) return next();
  const result = validateSessionToken(getDb(), token, config.sessionTimeouts, new Date());
  if (!result) {
    deleteSessionCookie(context.cookies, config.secure);
    return next();
  }
  if (result.session.twoFactorVerified) {
    context.locals.user = result.user;
    context.locals.session = result.session;
  } else {
    context.locals.pendingSession = result.session;
    context.locals.pendingUser = result.user;
  }
  return next();
});

/**
 * The one request context every page, action and endpoint hands to the
 * handlers: made once here, after authentication, so the actor and the
 * manager's scope are worked out once per request.
 */
const provideContext = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  // The actor carries only the roles usable now: without an enrolled second factor, a manager's or an
  // administrator's role grants nothing, in handlers as in the guard.
  const decision = decideAccess(accessInput(context));
  const actor = decision.kind === 'allow' ? decision.user : null;
  context.locals.ctx = createRequestContext({ db: getDb(), config: getConfig(), ip: clientAddressOf(context), actor, catalog: collectionCatalog });
  return next();
});

/** Field names never echoed back into a re-rendered form. */
const SECRET_FIELDS = /password|current|token|key/i;

/**
 * Keeps the submitted text fields of a form post so that a page shown again
 * with errors can fill them in (the action consumes the request body).
 */
const rememberFormValues = defineMiddleware(async (context, next) => {
  context.locals.formValues = {};
  if (context.isPrerendered || context.request.method !== 'POST') return next();
  // The verify-a-credential page reads its own (size-limited) upload and keeps nothing of it.
  if (context.url.pathname === '/tarkista') return next();
  const type = context.request.headers.get('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return next();
  try {
    const data = await context.request.clone().formData();
    for (const [name, value] of data.entries()) {
      if (typeof value === 'string' && !SECRET_FIELDS.test(name) && value.length <= 2000) context.locals.formValues[name] = value;
    }
  } catch {
    // A malformed body is the action's to reject; nothing to remember.
  }
  return next();
});

/**
 * Anything rendered for a signed-in person may show something personal:
 * unless the route chose its own caching, it is `private, no-store`, so Back
 * after signing out does not bring a page back from the browser's cache.
 */
const keepPersonalPagesPrivate = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered || !(context.locals.user || context.locals.pendingUser)) return response;
  if (response.headers.has('cache-control')) return response;
  try {
    response.headers.set('cache-control', 'private, no-store');
    return response;
  } catch {
    // Immutable headers (a Response.redirect): copy the response.
    const headers = new Headers(response.headers);
    headers.set('cache-control', 'private, no-store');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
});

/** Paths that work before the first administrator exists. */
const BEFORE_SETUP = [/^\/aloitus(\/|$)/, /^\/healthz$/, /^\/saavutettavuusseloste$/, /^\/tietosuojaseloste$/, /^\/_server-islands\//];

const firstRun = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  if (BEFORE_SETUP.some((re) => re.test(context.url.pathname))) return next();
  if (isSetupComplete(getDb())) return next();
  return context.redirect('/aloitus', 303);
});

export const onRequest = sequence(recordRoute, answerStorageFaults, refuseCrossSite, checkRequestBodies, firstRun, authenticate, provideContext, keepPersonalPagesPrivate, rememberFormValues);
