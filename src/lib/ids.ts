/**
 * Record ids as the platform writes them: decimal digits, no sign, no leading
 * zero, within JavaScript's safe integers. `Number()` alone would also take
 * `0x10`, `1e3` or ` 7 ` and act on another record than the one named.
 */
const DECIMAL_ID = /^[1-9][0-9]{0,15}$/;

/** The id in `value`, or undefined when it is not a plain decimal id. */
export function parseId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DECIMAL_ID.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}
