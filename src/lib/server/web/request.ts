/** Builds the flow context for a request: database, configuration, time and client address. */
import type { APIContext } from 'astro';
import { getConfig } from '../config';
import { getDb } from '../db/client';
import { createServiceContext, type ServiceContext } from '../accounts/context';
import { CLIENT_ADDRESS_HEADER } from './client-address';

export function serviceContextFor(context: Pick<APIContext, 'clientAddress' | 'request'>): ServiceContext {
  return createServiceContext(getDb(), getConfig(), clientAddressOf(context));
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
