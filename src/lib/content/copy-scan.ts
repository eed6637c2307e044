/**
 * Runs the copy check over the content folder: every lesson, course, final
 * quiz and glossary file is compared with the committed shingle hashes of
 * the seed texts and checked sources (`copy-shingles.json`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { findCopiedRuns, indexShingles, lineAt, type ShingleFile } from './copy-check';
import type { Problem } from './validate';

/** The committed hashes; regenerate with `npm run copy:shingles`. */
export const SHINGLE_FILE = path.resolve(import.meta.dirname, 'copy-shingles.json');

/** Reads the committed shingle hashes. */
export function readShingleFile(file = SHINGLE_FILE): ShingleFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ShingleFile;
}

function contentFiles(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...contentFiles(full));
    else if (/\.(mdx?|ya?ml)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** One problem per passage that shares ten or more words with a source. */
export function scanForCopies(contentDir: string, shingles: ShingleFile): Problem[] {
  const index = indexShingles(shingles);
  const problems: Problem[] = [];
  for (const file of contentFiles(contentDir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const run of findCopiedRuns(text, index)) {
      problems.push({
        file: path.relative(process.cwd(), file) || file,
        line: lineAt(text, run.index),
        message: `teksti jakaa vähintään ${shingles.words} sanan jakson lähteen "${run.source}" kanssa: ”${run.excerpt}…” – kirjoita omin sanoin tai merkitse lainaus lainausmerkein ja lähteineen`,
      });
    }
  }
  return problems;
}
