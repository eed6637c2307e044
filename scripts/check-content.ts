/**
 * `npm run check` (first step): validates every course, lesson, quiz, case
 * and glossary term, printing `file:line: what is wrong` for each problem;
 * finds passages that share ten or more words with the seed texts and checked
 * sources; and checks how current each lesson's review is: older than 12
 * months warns, older than 24 months fails. `CHECK_TODAY=YYYY-MM-DD` sets the
 * day the review ages are counted from (tests use it).
 */
import path from 'node:path';
import { formatProblems, loadContentFiles } from '../src/lib/content/load-files';
import { readShingleFile, scanForCopies } from '../src/lib/content/copy-scan';
import { describeReviewFinding, findDueReviews, lessonReviewsOf } from '../src/lib/content/review-age';

const dir = path.resolve(process.env.CONTENT_DIR ?? 'src/content');
const today = process.env.CHECK_TODAY ? new Date(`${process.env.CHECK_TODAY}T12:00:00Z`) : new Date();
if (Number.isNaN(today.getTime())) {
  process.stderr.write(`CHECK_TODAY="${process.env.CHECK_TODAY}" ei ole päivämäärä muodossa 2026-12-02.\n`);
  process.exit(1);
}
const { courses, glossary, problems } = loadContentFiles(dir);
problems.push(...scanForCopies(dir, readShingleFile()));
const reviews = findDueReviews(lessonReviewsOf(courses), today);
const due = reviews.filter((r) => r.state === 'due');
const overdue = reviews.filter((r) => r.state === 'overdue');
if (due.length) process.stderr.write(`Varoitus: ${due.length} oppitunnin tarkistus on erääntynyt:\n${due.map(describeReviewFinding).join('\n')}\n`);
if (problems.length || overdue.length) {
  if (problems.length) process.stderr.write(`Sisällössä on ${problems.length} virhettä:\n${formatProblems(problems)}\n`);
  if (overdue.length) process.stderr.write(`${overdue.length} oppitunnin tarkistus on myöhässä:\n${overdue.map(describeReviewFinding).join('\n')}\n`);
  process.exit(1);
}
const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
process.stdout.write(`Sisältö kunnossa: ${courses.length} kurssia, ${lessons} oppituntia, ${glossary.size} sanaston termiä.\n`);
