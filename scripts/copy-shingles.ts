/**
 * `npm run copy:shingles -- [kansio …]` — regenerates the hashes the copy
 * check compares against (`src/lib/content/copy-shingles.json`) from the
 * seed texts (default `../shared/seeds`) or any folder of checked source
 * texts. Only hashes are written, never the sources' text. Sources from other
 * folders stay in the file; a source found again is replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SHINGLE_WORDS, shingleHashes, type ShingleFile } from '../src/lib/content/copy-check';
import { SHINGLE_FILE } from '../src/lib/content/copy-scan';

const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [path.resolve('..', 'shared', 'seeds')];
const existing: ShingleFile = fs.existsSync(SHINGLE_FILE) ? (JSON.parse(fs.readFileSync(SHINGLE_FILE, 'utf8')) as ShingleFile) : { words: SHINGLE_WORDS, hash: 'sha256-16', sources: {} };
let added = 0;
for (const dir of dirs) {
  if (!fs.existsSync(dir)) {
    process.stderr.write(`Kansiota ${dir} ei löydy.\n`);
    process.exit(1);
  }
  for (const name of fs.readdirSync(dir).filter((n) => /\.(txt|md|html?)$/.test(n)).sort()) {
    const hashes = shingleHashes(fs.readFileSync(path.join(dir, name), 'utf8'));
    existing.sources[`${path.basename(path.resolve(dir))}/${name}`] = hashes;
    added += 1;
  }
}
const sorted: ShingleFile = { words: SHINGLE_WORDS, hash: 'sha256-16', sources: Object.fromEntries(Object.entries(existing.sources).sort(([a], [b]) => a.localeCompare(b))) };
fs.writeFileSync(SHINGLE_FILE, `${JSON.stringify(sorted, null, 1)}\n`);
const total = Object.values(sorted.sources).reduce((n, h) => n + h.length, 0);
process.stdout.write(`Päivitetty ${path.relative(process.cwd(), SHINGLE_FILE)}: ${added} lähdettä luettu, yhteensä ${Object.keys(sorted.sources).length} lähdettä ja ${total} tiivistettä.\n`);
