import type { APIRoute } from 'astro';
import { checkDatabaseHealth } from '../lib/server/health';

export const prerender = false;

/** Liveness and readiness: 200 when a write reaches the disk (mail may be degraded), 503 when not. */
export const GET: APIRoute = () => {
  const health = checkDatabaseHealth();
  return new Response(JSON.stringify(health), {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
};
