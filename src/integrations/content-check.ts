/**
 * Runs the content checker when Astro starts: a build with invalid course
 * content fails with every problem's file, line and reason; `astro dev` logs
 * them and keeps serving so the trainer can fix and see.
 */
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { formatProblems, loadContentFiles } from '../lib/content/load-files';

export function contentCheck(contentDir: string): AstroIntegration {
  return {
    name: 'tyokykyakatemia:content-check',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        const { problems } = loadContentFiles(path.resolve(contentDir));
        if (!problems.length) return;
        const report = formatProblems(problems);
        if (command === 'build') throw new AstroError(`Kurssisisällössä on ${problems.length} virhettä`, report);
        logger.error(`Kurssisisällössä on ${problems.length} virhettä:\n${report}`);
      },
    },
  };
}
