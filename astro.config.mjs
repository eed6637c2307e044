// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { loadConfig } from './src/lib/server/config.ts';
import { loadDotEnv } from './src/lib/server/env-file.ts';
import { ensureAstroKey } from './src/lib/server/astro-key.ts';
import { contentSecurityPolicy } from './src/lib/server/csp-policy.ts';

loadDotEnv();
const config = loadConfig();
// Read at build time: islands built with one key only open with the same key.
process.env.ASTRO_KEY = ensureAstroKey(config.dataDir, config.astroKey);
const site = new URL(config.siteUrl);

export default defineConfig({
  site: config.siteUrl,
  output: 'server',
  adapter: node({ mode: 'middleware', staticHeaders: true }),
  integrations: [mdx()],
  outDir: config.buildDir,
  trailingSlash: 'never',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Our own auth sessions live in SQLite; Astro's key-value sessions are not used.
  session: false,
  devToolbar: { enabled: false },
  markdown: { syntaxHighlight: false },
  vite: {
    build: {
      rollupOptions: {
        // MDX modules carry Astro's head-inject directive; the bundler's notice about it is noise.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
  },
  security: {
    checkOrigin: true,
    allowedDomains: [{ hostname: site.hostname, protocol: site.protocol.replace(':', ''), ...(site.port ? { port: site.port } : {}) }],
    csp: contentSecurityPolicy,
  },
});
