/**
 * The layers, kept by a test: pages, components and actions reach data only
 * through handlers (never `lib/server/db/*`, the connection included);
 * nothing under `src/lib` imports Astro's virtual modules (`astro:*`), so
 * handlers run in scripts, jobs and tests without Astro; and no source file
 * grows past 300 lines. Files not yet converted are listed: the lists may
 * only shrink. A new violator fails, and so does a listed file that has been
 * fixed (then remove it from the list).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAX_LINES = 300;

/** Pages, components and actions that still import the data-access layer. */
const KNOWN_DB_IMPORTERS: string[] = [
  'src/actions/auth.ts',
  'src/pages/hallinta/index.astro',
  'src/pages/hallinta/raportit/index.astro',
  'src/pages/kirjaudu/index.astro',
  'src/pages/yllapito/kutsu.astro',
];

/** Modules under `src/lib` that still import `astro:*`. */
const KNOWN_ASTRO_IMPORTERS: string[] = [];

/** Files allowed over the limit for good (one schema that every migration is generated from). */
const LONG_FILE_EXEMPTIONS = ['src/lib/server/db/schema.ts'];

/** Files still over the limit, to be split. */
const KNOWN_LONG_FILES: string[] = [];

/** Every `.ts`/`.astro` file under `dirs` (relative to the repository), skipping `skip` folders. */
export function sourceFiles(dirs: string[], skip: string[] = []): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (!skip.includes(child)) walk(child);
      } else if (/\.(ts|astro)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  for (const dir of dirs) walk(dir);
  return out.sort();
}

/**
 * The module specifiers a file loads at run time (static, dynamic and
 * side-effect imports, and re-exports); `import type` is erased and skipped.
 */
export function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const re = /\bimport\s+type\s[^;]*?from\s*(['"])[^'"\n]+\1|\b(?:from|import)\s*\(?\s*(['"])([^'"\n]+)\2/g;
  for (const m of source.matchAll(re)) if (m[3]) specifiers.push(m[3]);
  return specifiers;
}

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const isDbModule = (specifier: string) => /(^|\/)lib\/server\/db(\/|$)/.test(specifier);

/** Files under the edge folders that import `lib/server/db/*`. */
export function dbImporters(files = sourceFiles(['src/pages', 'src/components', 'src/actions'])): string[] {
  return files.filter((f) => importsOf(read(f)).some(isDbModule));
}

/** Files under `src/lib` that import an `astro:*` module. */
export function astroImporters(files = sourceFiles(['src/lib'])): string[] {
  return files.filter((f) => importsOf(read(f)).some((s) => s.startsWith('astro:')));
}

/** Source and script files over {@link MAX_LINES} lines (content is exempt; CSS and tests are not `.ts`/`.astro` under these folders). */
export function longFiles(files = sourceFiles(['src', 'scripts'], ['src/content'])): string[] {
  return files.filter((f) => !LONG_FILE_EXEMPTIONS.includes(f) && read(f).split('\n').length > MAX_LINES);
}

/** Compares the violators found with a known list: nothing new, and nothing listed that was fixed. */
function expectOnlyKnown(found: string[], known: string[]) {
  expect({ new: found.filter((f) => !known.includes(f)), fixed: known.filter((f) => !found.includes(f)) }).toEqual({ new: [], fixed: [] });
}

describe('architecture', () => {
  it('finds the imports a rule looks at', () => {
    expect(importsOf(`import type { Row } from '../lib/server/db/users';\nimport a from '../lib/server/db/client';\nimport { b } from "~/lib/server/db/users";\nconst c = await import('astro:content');\nimport 'astro:actions';\nexport * from './x';`)).toEqual([
      '../lib/server/db/client',
      '~/lib/server/db/users',
      'astro:content',
      'astro:actions',
      './x',
    ]);
    expect(isDbModule('../../lib/server/db/client')).toBe(true);
    expect(isDbModule('~/lib/server/db')).toBe(true);
    expect(isDbModule('~/lib/server/dbx')).toBe(false);
  });

  it('keeps pages, components and actions off the data-access layer (db/client included)', () => {
    expectOnlyKnown(dbImporters(), KNOWN_DB_IMPORTERS);
  });

  it('keeps Astro’s virtual modules out of src/lib', () => {
    expectOnlyKnown(astroImporters(), KNOWN_ASTRO_IMPORTERS);
  });

  it(`keeps every .ts and .astro file under src/ and scripts/ at ${MAX_LINES} lines or fewer`, () => {
    expectOnlyKnown(longFiles(), KNOWN_LONG_FILES);
  });
});
