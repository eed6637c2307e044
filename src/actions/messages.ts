/** Maps flow failures to the Finnish messages forms show. */
import { t } from '../lib/i18n';
import type { FormFailure } from '../lib/web/form-state';
import type { PasswordProblem } from '../lib/server/auth/password';
import type { TokenProblem } from '../lib/server/accounts/one-time-token';
import { retryAfterMinutes } from '../lib/server/auth/rate-limit';

export function passwordMessage(problem: PasswordProblem): string {
  return t(`error.password.${problem}`);
}

export function tokenMessage(problem: TokenProblem): string {
  return t(`error.token.${problem}`);
}

/** A 429 answer with the wait time in minutes. */
export function rateLimited(retryAfterMs = 60_000): FormFailure {
  return { ok: false, status: 429, message: t('error.rateLimited', { minutes: retryAfterMinutes(retryAfterMs) }) };
}

export function fieldFailure(field: string, message: string, status = 400): FormFailure {
  return { ok: false, status, fields: { [field]: message } };
}

export function formFailure(message: string, status = 400): FormFailure {
  return { ok: false, status, message };
}

/** Reads the password field problem if any, else undefined. */
export function isPasswordProblem(error: string): error is PasswordProblem {
  return error === 'too_short' || error === 'too_long' || error === 'common';
}
