/**
 * Request pipeline for on-demand pages: record the route pattern for the
 * request log, then authenticate. Prerendered pages skip all of it: they are
 * built once and carry nothing per-user.
 */
import { defineMiddleware, sequence } from 'astro:middleware';

const recordRoute = defineMiddleware((context, next) => {
  context.locals.routePattern = context.routePattern;
  return next();
});

export const onRequest = sequence(recordRoute);
