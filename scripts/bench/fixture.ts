/**
 * What `npm run bench` drives: a seeded database with signed-in learners,
 * a manager, accounts with real passwords for the sign-in storm, and the
 * URLs and form bodies of the benchmarked paths, read from the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createSession } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { hashPassword } from '../../src/lib/server/auth/password';
import { insertUser } from '../../src/lib/server/db/users';
import { runReminders } from '../../src/lib/server/assignments/reminders';
import { seedBenchDatabase } from './setup';

export const SIGN_IN_PASSWORD = 'kuormitus-salasana-2026';

export interface Fixture {
  dir: string;
  file: string;
  learners: number;
  learnerCookies: string[];
  learnerIds: number[];
  managerCookie: string;
  signInEmails: string[];
}

/** Seeds a database of `learners` learners × the demo courses, with `sessions` signed-in learners. */
export async function seedFixture(learners: number, sessions: number, signIns: number): Promise<Fixture> {
  const data = seedBenchDatabase(learners);
  const { handle } = data;
  const now = new Date();
  const ids = handle.sqlite.prepare("SELECT u.id, u.name, u.email FROM user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'learner' AND u.email LIKE 'kuorma%' AND u.id NOT IN (SELECT user_id FROM user_role WHERE role = 'manager') ORDER BY u.id LIMIT ?").all(sessions) as { id: number; name: string; email: string }[];
  const learnerCookies = handle.sqlite.transaction(() => ids.map((u) => `session=${createSession(handle.db, { id: u.id, name: u.name, email: u.email, roles: ['learner'] }, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, now).token}`))();
  const hash = await hashPassword(SIGN_IN_PASSWORD);
  const signInEmails = Array.from({ length: signIns }, (_, i) => `kirjautuja${i}@bench.invalid`);
  handle.sqlite.transaction(() => {
    for (const email of signInEmails) insertUser(handle.db, { email, name: 'Kirjautuja', passwordHash: hash, roles: ['learner'] }, now);
  })();
  // The seeded assignments' first reminder run claims thousands of notices; do it now, not in the measured server.
  await runReminders(handle.db, data.courses, now, { siteUrl: 'http://localhost:4321', orgName: 'Työkykyakatemia' });
  // …and the mail it queued is not the server's to send while it is measured.
  handle.sqlite.prepare('DELETE FROM mail_outbox').run();
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.sqlite.close();
  return { dir: data.dir, file: data.file, learners: data.seeded.counts.learners, learnerCookies, learnerIds: ids.map((u) => u.id), managerCookie: `session=${data.managerToken}`, signInEmails };
}

export interface BuildPaths {
  lesson: string;
  asset: string;
  course: string;
  island: string;
  quizBodies: string[];
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

/** Finds a lesson with a quiz and a status island, an `/_astro` stylesheet, and the quiz's answer bodies. */
export function findBuildPaths(clientDir: string): BuildPaths {
  const courses = fs.readdirSync(path.join(clientDir, 'kurssit'), { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const course of courses) {
    for (const lesson of fs.readdirSync(path.join(clientDir, 'kurssit', course.name), { withFileTypes: true })) {
      const file = path.join(clientDir, 'kurssit', course.name, lesson.name, 'index.html');
      if (!lesson.isDirectory() || !fs.existsSync(file)) continue;
      const html = fs.readFileSync(file, 'utf8');
      const island = /\/_server-islands\/LessonStatus\?[^"']+/.exec(html)?.[0];
      const forms = [...html.matchAll(/<form[^>]*action="\/tehtava\/vastaus[^"]*"[^>]*>([\s\S]*?)<\/form>/g)];
      if (!island || !forms.length) continue;
      const here = `/kurssit/${course.name}/${lesson.name}`;
      const quizBodies: string[] = [];
      for (const [, form] of forms) {
        const question = /name="question" value="([^"]+)"/.exec(form!)?.[1];
        for (const [, option] of form!.matchAll(/name="option"[^>]*value="([^"]+)"/g)) {
          if (question) quizBodies.push(new URLSearchParams({ question, option: option!, palaa: here }).toString());
        }
      }
      const css = fs.readdirSync(path.join(clientDir, '_astro')).find((f) => f.endsWith('.css'));
      if (!quizBodies.length || !css) continue;
      return { lesson: here, asset: `/_astro/${css}`, course: `/kurssit/${course.name}`, island: decodeEntities(island), quizBodies };
    }
  }
  throw new Error('bench: no lesson with a quiz and a status island in the build');
}
