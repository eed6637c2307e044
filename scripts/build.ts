/**
 * `npm run build`: the Astro build with a stable server-island key, then the
 * search index. Every build reuses the key in the data directory, so pages
 * open in browsers keep working across rebuilds and restarts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'astro';
import { ConfigError, loadConfig } from '../src/lib/server/config';
import { loadDotEnv } from '../src/lib/server/env-file';
import { ensureAstroKey } from '../src/lib/server/astro-key';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
loadDotEnv();
try {
  const config = loadConfig();
  process.env.ASTRO_KEY = ensureAstroKey(config.dataDir, config.astroKey);
  // The content layer caches entries by file path; a build from another CONTENT_DIR (the tests build one)
  // would otherwise reference files that are gone. Parsing the content afresh takes a few seconds.
  for (const cache of ['.astro', path.join('node_modules', '.astro')]) fs.rmSync(path.resolve(cache), { recursive: true, force: true });
  await build({ root: process.cwd(), logLevel: process.env.BUILD_LOG_LEVEL === 'info' ? 'info' : 'warn' });
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
