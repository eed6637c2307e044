/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Route pattern of the matched page, read by the server's request log. */
    routePattern?: string;
    user?: import('./lib/server/auth/types').SessionUser | null;
    session?: import('./lib/server/auth/types').SessionInfo | null;
  }
}
