/**
 * The one result shape of handlers: a value, or an expected failure with a
 * code the adapter (page, action, endpoint) maps to Finnish text or a status,
 * and the form field it concerns. Unexpected faults are thrown, never returned.
 */
export type Failure<Code extends string = string> = { ok: false; error: Code; field?: string };
export type Result<T, Code extends string = string> = { ok: true; value: T } | Failure<Code>;

/** A successful result. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** An expected failure; `field` names the form field it concerns. */
export function fail<Code extends string>(error: Code, field?: string): Failure<Code> {
  return field === undefined ? { ok: false, error } : { ok: false, error, field };
}
