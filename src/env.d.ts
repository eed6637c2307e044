/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Route pattern of the matched page, read by the server's request log. */
    routePattern?: string;
    /** The Node response under this request (our server sets it), for exports that wait for a slow client. */
    nodeResponse?: import('./lib/server/reporting/export-response').ExportOutlet;
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
