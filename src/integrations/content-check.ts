/**
 * Runs the content checker when Astro starts: a build with invalid course
 * content fails with every problem's file, line and reason; `astro dev` logs
 * them and keeps serving so the trainer can fix and see. Lessons whose
 * review is older than 12 months are only warned about.
 */
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { fileURLToPath } from 'node:url';
import { formatProblems, loadContentFiles } from '../lib/content/load-files';
import { reportCoursesOf, writeCourseManifest } from '../lib/server/reporting/course-manifest';
import { checkStatementReview, STATEMENT_REVIEWED } from '../lib/accessibility-statement';
import { describeReviewFinding, findDueReviews, lessonReviewsOf } from '../lib/content/review-age';

export function contentCheck(contentDir: string): AstroIntegration {
  return {
    name: 'tyokykyakatemia:content-check',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        // Only warnings here: an unchanged deployment must always be able to rebuild and restart; `npm run check` fails them.
        const statement = checkStatementReview(STATEMENT_REVIEWED, new Date());
        if (!statement.ok) logger.warn(statement.message!);
        const { courses, problems } = loadContentFiles(path.resolve(contentDir));
        const reviews = findDueReviews(lessonReviewsOf(courses), new Date());
        if (reviews.length) logger.warn(`${reviews.length} oppitunnin sisällön tarkistus on erääntynyt:\n${reviews.map(describeReviewFinding).join('\n')}`);
        if (!problems.length) return;
        const report = formatProblems(problems);
        if (command === 'build') throw new AstroError(`Kurssisisällössä on ${problems.length} virhettä`, report);
        logger.error(`Kurssisisällössä on ${problems.length} virhettä:\n${report}`);
      },
      // The server's reminder job reads the built courses from here (`dir` is the client folder of the build).
      'astro:build:done': ({ dir }) => {
        writeCourseManifest(path.resolve(fileURLToPath(dir), '..'), reportCoursesOf(loadContentFiles(path.resolve(contentDir))));
      },
    },
  };
}
