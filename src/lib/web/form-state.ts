import type { AstroGlobal } from 'astro';
import { isStorageFault, STORAGE_FAULT_MESSAGE } from '../server/storage-fault';
import { BODY_MESSAGES } from '../server/web/request-body';
/**
 * Turns an action result into what a form shows: a message at the top,
 * messages per field, the HTTP status for the page, and the data of a
 * successful submission. Field messages come from the input schema (already
 * Finnish) or from a handler's `{ ok: false, fields }` outcome.
 */
export interface FormState<T = unknown> {
  submitted: boolean;
  ok: boolean;
  data?: T;
  message?: string;
  fields: Record<string, string>;
  /** Status the page should answer with (400 invalid input, 429 too many attempts, …). */
  status?: number;
}

/** What handlers return for expected failures. */
export interface FormFailure {
  ok: false;
  message?: string;
  fields?: Record<string, string>;
  status?: number;
}

interface ActionResultLike {
  data?: unknown;
  error?: { code?: string; status?: number; message?: string; fields?: Record<string, string[] | undefined> } | undefined;
}

/** Reads `Astro.getActionResult(...)` into a form state. */
export function readFormState<T>(result: ActionResultLike | undefined): FormState<T> {
  if (!result) return { submitted: false, ok: false, fields: {} };
  if (result.error) {
    const fields: Record<string, string> = {};
    for (const [name, messages] of Object.entries(result.error.fields ?? {})) if (messages?.[0]) fields[name] = messages[0];
    const isInput = Object.keys(fields).length > 0;
    if (isInput) return { submitted: true, ok: false, fields, message: 'Tarkista lomakkeen tiedot.', status: 400 };
    const status = result.error.status ?? 500;
    // A disk that is full or read-only: say so, with the status that tells a retry may work.
    if (isStorageFault(result.error.message)) return { submitted: true, ok: false, fields, message: STORAGE_FAULT_MESSAGE, status: 503 };
    // Astro's own body answers are English; say the same in Finnish.
    if (result.error.code === 'CONTENT_TOO_LARGE') return { submitted: true, ok: false, fields, message: BODY_MESSAGES.too_large.text, status: 413 };
    if (result.error.code === 'UNSUPPORTED_MEDIA_TYPE') return { submitted: true, ok: false, fields, message: BODY_MESSAGES.unsupported.text, status: 415 };
    // Only the handlers' own ActionErrors carry a message meant for people; anything unexpected stays generic.
    const message = status < 500 && result.error.code !== 'INTERNAL_SERVER_ERROR' ? result.error.message : undefined;
    return { submitted: true, ok: false, fields, message: message || 'Toiminto epäonnistui. Yritä uudelleen.', status };
  }
  const data = result.data as (Partial<FormFailure> & T) | undefined;
  if (data && typeof data === 'object' && 'ok' in data && data.ok === false) {
    return { submitted: true, ok: false, fields: data.fields ?? {}, message: data.message ?? (data.fields ? 'Tarkista lomakkeen tiedot.' : undefined), status: data.status ?? 400 };
  }
  return { submitted: true, ok: true, data: data as T, fields: {} };
}

type PageLike = Pick<AstroGlobal, 'redirect' | 'response'>;

/**
 * For a page handling its own form: reads the action result, sets the page's
 * status for failures, and returns a redirect (POST/redirect/GET) when the
 * action succeeded with `{ redirect }`.
 */
export function settleForm<T>(page: PageLike, result: ActionResultLike | undefined): { form: FormState<T>; redirect?: Response } {
  const form = readFormState<T>(result);
  if (form.submitted && !form.ok && form.status) page.response.status = form.status;
  const target = form.ok ? (form.data as { redirect?: unknown } | undefined)?.redirect : undefined;
  if (typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')) return { form, redirect: page.redirect(target, 303) };
  return { form };
}
