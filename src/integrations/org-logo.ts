/**
 * Puts the organisation's own logo (`ORG_LOGO_PATH`) beside the built pages as
 * `/org-logo.<ext>`, so the brand bar links a file the static server already
 * serves with long-lived caching; `npm run dev` serves the same address from
 * the file itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ORG_LOGO_TYPES, type AppConfig } from '../lib/server/config';

export function orgLogo(config: Pick<AppConfig, 'orgLogoPath' | 'orgLogoUrl'>): AstroIntegration {
  let clientDir: string | undefined;
  const { orgLogoPath: file, orgLogoUrl: url } = config;
  return {
    name: 'tyokykyakatemia:org-logo',
    hooks: {
      'astro:config:done': ({ config: astro }) => {
        clientDir = fileURLToPath(astro.build.client);
      },
      'astro:server:setup': ({ server }) => {
        if (!file || !url) return;
        const type = ORG_LOGO_TYPES[path.extname(file).slice(1).toLowerCase() as keyof typeof ORG_LOGO_TYPES];
        server.middlewares.use(url, (_req, res) => {
          res.setHeader('content-type', type);
          res.end(fs.readFileSync(file));
        });
      },
      'astro:build:done': ({ logger }) => {
        if (!file || !url || !clientDir) return;
        fs.copyFileSync(file, path.join(clientDir, url.slice(1)));
        logger.info(`Organisaation logo: ${path.basename(file)} → ${url}`);
      },
    },
  };
}
