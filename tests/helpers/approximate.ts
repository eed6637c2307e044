/**
 * Approximate substring search for text read back by OCR: true when some
 * stretch of `haystack` differs from `needle` by at most `maxErrors` letter
 * edits (Sellers' algorithm). OCR misreads a letter here and there; a broken
 * font or a missing line loses far more than that.
 */
export function containsApproximately(haystack: string, needle: string, maxErrors: number): boolean {
  const text = haystack.normalize('NFC').replace(/\s+/g, ' ');
  const pattern = needle.normalize('NFC').replace(/\s+/g, ' ');
  // previous[i] = fewest edits matching pattern[0..i) ending at the current text position.
  let previous = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  if (previous[pattern.length]! <= maxErrors) return true;
  for (const ch of text) {
    const current = [0];
    for (let i = 1; i <= pattern.length; i += 1) {
      const substitution = previous[i - 1]! + (pattern[i - 1] === ch ? 0 : 1);
      current.push(Math.min(substitution, previous[i]! + 1, current[i - 1]! + 1));
    }
    if (current[pattern.length]! <= maxErrors) return true;
    previous = current;
  }
  return false;
}
