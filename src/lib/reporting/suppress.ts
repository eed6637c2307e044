/**
 * Small-cell suppression for anonymous figures: a count under five could
 * point at a person, so it is shown as "< 5" and the share it would give is
 * hidden. Funder indicators and trainer analytics both use it.
 */
export const MIN_GROUP_SIZE = 5;

/** True when a group is too small to show (zero included: "under five" is all that is said). */
export function isSuppressed(count: number): boolean {
  return count < MIN_GROUP_SIZE;
}

/** A count as it may be shown: the number, or "< 5". */
export function shownCount(count: number): number | '< 5' {
  return isSuppressed(count) ? '< 5' : count;
}
