/**
 * Finds text copied from others' work: any run of ten words that a lesson
 * shares with a seed text or a checked source. The repository keeps only
 * hashes of the sources' normalised ten-word runs ("shingles"), never their
 * text, because the sources are others' copyrighted work. Pure apart from
 * hashing.
 */
import { createHash } from 'node:crypto';

/** Words in a run: ten is long enough that a shared run is a copy, not a common phrase. */
export const SHINGLE_WORDS = 10;

export interface ShingleFile {
  /** Words per shingle. */
  words: number;
  /** How each shingle is hashed: the first 16 hex digits of SHA-256 of the words joined by one space. */
  hash: 'sha256-16';
  /** Hashes per source file name, sorted, so a regenerated file diffs cleanly. */
  sources: Record<string, string[]>;
}

export interface Word {
  word: string;
  /** Index of the word in the original text. */
  index: number;
}

/**
 * Splits text into normalised words: lowercase, punctuation dropped, markup
 * (MDX tags, link targets) removed so a `<Term>` or a link cannot hide a copy.
 * Hyphens and dashes join nothing: "työ- ja" is two words "työ" "ja".
 */
export function normaliseWords(text: string): Word[] {
  // Blank out tags and link targets but keep offsets, so lines can be reported.
  const blanked = text.replace(/<[^>\n]*>/g, (m) => ' '.repeat(m.length)).replace(/\]\([^)\n]*\)/g, (m) => ` ${' '.repeat(m.length - 1)}`);
  const out: Word[] = [];
  for (const m of blanked.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) out.push({ word: m[0], index: m.index });
  return out;
}

/** The hash of one run of words. */
export function hashShingle(words: readonly string[]): string {
  return createHash('sha256').update(words.join(' '), 'utf8').digest('hex').slice(0, 16);
}

/** Every distinct shingle hash of a text, sorted. */
export function shingleHashes(text: string, size = SHINGLE_WORDS): string[] {
  const words = normaliseWords(text).map((w) => w.word);
  const out = new Set<string>();
  for (let i = 0; i + size <= words.length; i += 1) out.add(hashShingle(words.slice(i, i + size)));
  return [...out].sort();
}

export interface CopiedRun {
  /** Which source the run is shared with. */
  source: string;
  /** Index in the checked text where the shared run starts. */
  index: number;
  /** The run as it stands in the checked text (our file, so it may be shown). */
  excerpt: string;
}

/** A lookup from shingle hash to the source it came from. */
export function indexShingles(file: ShingleFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const [source, hashes] of Object.entries(file.sources)) for (const h of hashes) if (!out.has(h)) out.set(h, source);
  return out;
}

/**
 * The runs of a text shared with the indexed sources. Overlapping hits merge
 * into one finding per copied passage.
 */
export function findCopiedRuns(text: string, index: ReadonlyMap<string, string>, size = SHINGLE_WORDS): CopiedRun[] {
  const words = normaliseWords(text);
  const out: CopiedRun[] = [];
  let coveredUntil = -1;
  for (let i = 0; i + size <= words.length; i += 1) {
    const source = index.get(hashShingle(words.slice(i, i + size).map((w) => w.word)));
    if (!source) continue;
    if (i <= coveredUntil && out.length) {
      coveredUntil = i + size - 1;
      continue;
    }
    const last = words[i + size - 1]!;
    out.push({ source, index: words[i]!.index, excerpt: text.slice(words[i]!.index, last.index + last.word.length).replace(/\s+/g, ' ') });
    coveredUntil = i + size - 1;
  }
  return out;
}

/** Line (1-based) of a character index. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}
