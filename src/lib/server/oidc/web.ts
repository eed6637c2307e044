/**
 * The Astro edge of organisation sign-in: the context with the transport in
 * use (tests of the server set a CA through `NODE_EXTRA_CA_CERTS`, never an
 * insecure mode), failure redirects with known codes only, and the message
 * for a code.
 */
import type { APIContext } from 'astro';
import { serviceContextFor } from '../web/request';
import { oidcContextFor, type OidcContext } from './context';
import { DEFAULT_TRANSPORT, type DiscoveryProblem } from './client';
import type { CallbackError } from './callback';
import type { StartError } from './start';
import { callbackMessage, startMessage } from './messages';

export function oidcContextForRequest(context: Pick<APIContext, 'clientAddress' | 'request'>): OidcContext {
  return oidcContextFor(serviceContextFor(context), DEFAULT_TRANSPORT);
}

const START_ERRORS = new Set<string>(['no_provider', 'rate_limited', 'discovery']);
const CALLBACK_ERRORS = new Set<string>(['rate_limited', 'state', 'provider_error', 'no_provider', 'discovery', 'code_rejected', 'id_token', 'no_subject', 'email_missing', 'email_unverified', 'needs_password_proof', 'disabled', 'left']);
const PROBLEMS = new Set<string>(['insecure', 'timeout', 'unreachable', 'not_found', 'invalid_metadata', 'issuer_mismatch']);

/** Where a failure is explained: `/kirjaudu/organisaatio?virhe=…`. */
export function failureLocation(kind: 'aloitus' | 'paluu', error: string, problem?: string): string {
  const params = new URLSearchParams({ vaihe: kind, virhe: error });
  if (problem) params.set('syy', problem);
  return `/kirjaudu/organisaatio?${params}`;
}

/** The Finnish message for a failure named in the query; undefined for anything unknown. */
export function failureMessage(url: URL): string | undefined {
  const kind = url.searchParams.get('vaihe');
  const error = url.searchParams.get('virhe') ?? '';
  const syy = url.searchParams.get('syy') ?? '';
  const problem = PROBLEMS.has(syy) ? (syy as DiscoveryProblem) : undefined;
  if (kind === 'aloitus' && START_ERRORS.has(error)) return startMessage(error as StartError, problem);
  if (kind === 'paluu' && CALLBACK_ERRORS.has(error)) return callbackMessage(error as CallbackError, problem);
  return undefined;
}
