/**
 * `npm run build`: the Astro build with a stable server-island key, then the
 * search index, then the brotli and gzip forms of the static files (so the
 * server does not compress at start), and the server itself compiled to
 * JavaScript (`server-build/main.mjs`, what `npm run serve` runs). Every build reuses the key in the data directory, so pages
 * open in browsers keep working across rebuilds and restarts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'astro';
import { build as bundle } from 'esbuild';
import { loadConfigOrExit } from '../src/lib/server/process-config';
import { ensureAstroKey } from '../src/lib/server/astro-key';
import { precompressStaticFiles } from '../src/server/static-files';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
// Astro's config reads the same settings, so a bad value stops here with the variable named.
const config = loadConfigOrExit();
process.env.ASTRO_KEY = ensureAstroKey(config.dataDir, config.astroKey);
// The content layer caches entries by file path; a build from another CONTENT_DIR (the tests build one)
// would otherwise reference files that are gone. Parsing the content afresh takes a few seconds.
for (const cache of ['.astro', path.join('node_modules', '.astro')]) fs.rmSync(path.resolve(cache), { recursive: true, force: true });
await build({ root: process.cwd(), logLevel: process.env.BUILD_LOG_LEVEL === 'info' ? 'info' : 'warn' });
// After Pagefind (an integration of the build) has written its files.
precompressStaticFiles(path.join(config.buildDir, 'client'));
// The production server runs compiled JavaScript: no TypeScript loader at start or in memory.
await bundle({
  entryPoints: [path.resolve('src/server/main.ts')],
  outfile: path.resolve('server-build/main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
