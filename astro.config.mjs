// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { loadConfig } from './src/lib/server/config.ts';
import { loadDotEnv } from './src/lib/server/env-file.ts';
import { ensureAstroKey } from './src/lib/server/astro-key.ts';
import { contentSecurityPolicy } from './src/lib/server/csp-policy.ts';
import { ACTION_BODY_LIMIT } from './src/lib/server/web/request-body.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { lessonContextPlugin } from './src/lib/content/lesson-context-plugin.ts';
import { contentCheck } from './src/integrations/content-check.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { orgLogo } from './src/integrations/org-logo.ts';

loadDotEnv();
const config = loadConfig();
// Read at build time: islands built with one key only open with the same key.
process.env.ASTRO_KEY = ensureAstroKey(config.dataDir, config.astroKey);
const site = new URL(config.siteUrl);

export default defineConfig({
  site: config.siteUrl,
  output: 'server',
  adapter: node({ mode: 'middleware', staticHeaders: true }),
  integrations: [contentCheck(process.env.CONTENT_DIR ?? 'src/content'), mdx(), pagefindIndex(process.env.CONTENT_DIR ?? 'src/content'), orgLogo(config)],
  outDir: config.buildDir,
  trailingSlash: 'never',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Our own auth sessions live in SQLite; Astro's key-value sessions are not used.
  session: false,
  devToolbar: { enabled: false },
  markdown: { syntaxHighlight: false, processor: satteri({ mdastPlugins: [lessonContextPlugin] }) },
  vite: {
    build: {
      // The search page loads Pagefind with a runtime import(); Vite's preload wrapper breaks it, and
      // our pages have nothing to preload.
      modulePreload: false,
      // Scripts go to cacheable files under /_astro rather than inline into every page.
      assetsInlineLimit: 0,
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
    // Our middleware enforces the limit per route (1 MB, the CSV import 2 MB) with a Finnish answer.
    actionBodySizeLimit: ACTION_BODY_LIMIT,
    allowedDomains: [{ hostname: site.hostname, protocol: site.protocol.replace(':', ''), ...(site.port ? { port: site.port } : {}) }],
    csp: contentSecurityPolicy,
  },
});
