/**
 * Builds the search index from the prerendered pages after `astro build`,
 * through Pagefind's Node API. Only pages that mark a `data-pagefind-body`
 * are indexed (lessons and the glossary); nothing per-user is ever in them.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export function pagefindIndex(): AstroIntegration {
  let clientDir: string | undefined;
  return {
    name: 'tyokykyakatemia:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        clientDir = fileURLToPath(config.build.client);
      },
      'astro:build:done': async ({ logger }) => {
        if (!clientDir) return;
        const pagefind = await import('pagefind');
        try {
          const { index, errors } = await pagefind.createIndex({});
          if (!index) throw new Error(errors.join('; '));
          const added = await index.addDirectory({ path: clientDir });
          if (added.errors.length) throw new Error(added.errors.join('; '));
          const written = await index.writeFiles({ outputPath: `${clientDir}/pagefind` });
          if (written.errors.length) throw new Error(written.errors.join('; '));
          logger.info(`Hakuhakemisto: ${added.page_count} sivua`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
