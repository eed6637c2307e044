/** The flow context of a request: the one middleware made, or (outside middleware) a fresh one. */
import type { APIContext } from 'astro';
import { getConfig } from '../config';
import { getDb } from '../db/client';
import { createServiceContext, type ServiceContext } from '../accounts/context';
import type { RequestContext } from '../context';
import { CLIENT_ADDRESS_HEADER } from './client-address';

type RequestLike = Pick<APIContext, 'clientAddress' | 'request'> & { locals?: { ctx?: RequestContext } };

export function serviceContextFor(context: RequestLike): ServiceContext {
  return context.locals?.ctx ?? createServiceContext(getDb(), getConfig(), clientAddressOf(context));
}

/**
 * The client's address: the one our server states (it applies TRUST_PROXY),
 * else what Astro knows, else 'unknown' (then limits share one bucket).
 */
export function clientAddressOf(context: Pick<APIContext, 'clientAddress' | 'request'>): string {
  const stated = context.request.headers.get(CLIENT_ADDRESS_HEADER);
  if (stated) return stated;
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}
