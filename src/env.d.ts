/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Route pattern of the matched page, read by the server's request log. */
    routePattern?: string;
    user?: import('./lib/server/auth/types').SessionUser | null;
    session?: import('./lib/server/auth/types').SessionInfo | null;
    /** A session whose second factor has not been entered yet. */
    pendingSession?: import('./lib/server/auth/types').SessionInfo | null;
    pendingUser?: import('./lib/server/auth/types').SessionUser | null;
    /** The request context (on-demand requests only; prerendered pages have none). */
    ctx: import('./lib/server/context').RequestContext;
    /** Text fields of the form just posted (never passwords or tokens), to fill a form shown again. */
    formValues: Record<string, string>;
  }
}
