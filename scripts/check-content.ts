/**
 * `npm run check` (first step): validates every course, lesson, quiz, case
 * and glossary term, printing `file:line: what is wrong` for each problem.
 */
import path from 'node:path';
import { formatProblems, loadContentFiles } from '../src/lib/content/load-files';

const dir = path.resolve(process.env.CONTENT_DIR ?? 'src/content');
const { courses, glossary, problems } = loadContentFiles(dir);
if (problems.length) {
  process.stderr.write(`Sisällössä on ${problems.length} virhettä:\n${formatProblems(problems)}\n`);
  process.exit(1);
}
const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
process.stdout.write(`Sisältö kunnossa: ${courses.length} kurssia, ${lessons} oppituntia, ${glossary.size} sanaston termiä.\n`);
