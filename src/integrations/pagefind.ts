/**
 * Builds the search index from the prerendered pages after `astro build`,
 * through Pagefind's Node API. Only pages that mark a `data-pagefind-body`
 * are indexed (the lessons); nothing per-user is ever in them. Each glossary
 * term is a record of its own that links to the term on /sanasto and carries
 * its definition, so a hit shows the definition rather than the list of
 * inflected forms that only helps the term to be found.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { loadContentFiles } from '../lib/content/load-files';
import { glossaryRecords } from '../lib/content/glossary-search';

export function pagefindIndex(contentDir: string): AstroIntegration {
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
          const records = glossaryRecords(loadContentFiles(path.resolve(contentDir)).glossary);
          for (const record of records) {
            const result = await index.addCustomRecord(record);
            if (result.errors.length) throw new Error(result.errors.join('; '));
          }
          const written = await index.writeFiles({ outputPath: `${clientDir}/pagefind` });
          if (written.errors.length) throw new Error(written.errors.join('; '));
          logger.info(`Hakuhakemisto: ${added.page_count} sivua, ${records.length} sanaston termiä`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
