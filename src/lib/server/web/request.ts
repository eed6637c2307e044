/** Builds the flow context for a request: database, configuration, time and client address. */
import type { APIContext } from 'astro';
import { getConfig } from '../config';
import { getDb } from '../db/client';
import { createServiceContext, type ServiceContext } from '../accounts/context';

export function serviceContextFor(context: Pick<APIContext, 'clientAddress'>): ServiceContext {
  let ip = 'unknown';
  try {
    ip = context.clientAddress;
  } catch {
    // Astro throws when the adapter cannot tell the address; limits then share one bucket.
  }
  return createServiceContext(getDb(), getConfig(), ip);
}
