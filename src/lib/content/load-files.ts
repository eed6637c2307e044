/**
 * Reads course content straight from the files (for `npm run check`, the build
 * check and tests), validating each against the schema and reporting the file
 * and line of every problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'astro/zod';
import { courseSchema, finalQuizSchema, glossarySchema, lessonSchema, type GlossaryTerm } from './schema';
import { validateCourses, type CourseSource, type LessonSource, type Problem } from './validate';

export interface LoadedContent {
  courses: CourseSource[];
  glossary: Map<string, GlossaryTerm>;
  problems: Problem[];
}

function lineOfPath(doc: Document, counter: LineCounter, pathParts: PropertyKey[], lineOffset: number): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined;
  for (const part of pathParts) {
    if (isMap(node)) node = node.get(part as string, true);
    else if (isSeq(node)) node = node.get(Number(part), true);
    else break;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) best = counter.linePos(range[0]).line + lineOffset;
  }
  return best ?? lineOffset + 1;
}

function parseYaml<T>(file: string, source: string, schema: z.ZodType<T>, lineOffset: number, problems: Problem[]): T | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, line: counter.linePos(e.pos[0]).line + lineOffset, message: `YAML-virhe: ${e.message.split('\n')[0]}` });
    return undefined;
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      const message = issue.code === 'unrecognized_keys' ? `tuntematon kenttä ${issue.keys.map((k) => `"${k}"`).join(', ')} (tarkista kirjoitusasu)` : issue.message;
      problems.push({ file, line: lineOfPath(doc, counter, issue.path, lineOffset), message: `${where}${message}` });
    }
    return undefined;
  }
  return result.data;
}

/** Splits an MDX file into its front matter and body, with the body's first line. */
export function splitFrontMatter(source: string): { frontMatter: string; body: string; bodyLine: number } | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!m) return undefined;
  const bodyLine = m[0].split('\n').length;
  return { frontMatter: m[1]!, body: source.slice(m[0].length), bodyLine };
}

/** Loads and validates every course and glossary term under `contentDir`. */
export function loadContentFiles(contentDir: string): LoadedContent {
  const problems: Problem[] = [];
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  const glossary = new Map<string, GlossaryTerm>();
  const glossaryDir = path.join(contentDir, 'glossary');
  if (fs.existsSync(glossaryDir)) {
    for (const name of fs.readdirSync(glossaryDir).filter((n) => n.endsWith('.yaml')).sort()) {
      const file = path.join(glossaryDir, name);
      const data = parseYaml(rel(file), fs.readFileSync(file, 'utf8'), glossarySchema, 0, problems);
      if (data) glossary.set(name.replace(/\.yaml$/, ''), data);
    }
  }

  const courses: CourseSource[] = [];
  const coursesDir = path.join(contentDir, 'courses');
  if (fs.existsSync(coursesDir)) {
    for (const slug of fs.readdirSync(coursesDir).sort()) {
      const dir = path.join(coursesDir, slug);
      if (!fs.statSync(dir).isDirectory()) continue;
      const courseFile = path.join(dir, 'course.yaml');
      if (!fs.existsSync(courseFile)) {
        problems.push({ file: rel(dir), message: 'kurssikansiosta puuttuu course.yaml' });
        continue;
      }
      const data = parseYaml(rel(courseFile), fs.readFileSync(courseFile, 'utf8'), courseSchema, 0, problems);
      const lessons: LessonSource[] = [];
      const lessonsDir = path.join(dir, 'lessons');
      if (fs.existsSync(lessonsDir)) {
        for (const name of fs.readdirSync(lessonsDir).filter((n) => /\.mdx?$/.test(n)).sort()) {
          const file = path.join(lessonsDir, name);
          const source = fs.readFileSync(file, 'utf8');
          const split = splitFrontMatter(source);
          if (!split) {
            problems.push({ file: rel(file), line: 1, message: 'oppitunnin alusta puuttuu front matter (--- … ---)' });
            continue;
          }
          if (!/^[a-z0-9]+(?:-[a-z0-9]+)*\.mdx?$/.test(name)) problems.push({ file: rel(file), message: 'tiedoston nimessä saa olla vain pieniä kirjaimia a–z, numeroita ja väliviivoja' });
          const lesson = parseYaml(rel(file), split.frontMatter, lessonSchema, 1, problems);
          if (lesson) lessons.push({ id: `${slug}/${name.replace(/\.mdx?$/, '')}`, file: rel(file), data: lesson, body: split.body, bodyLine: split.bodyLine });
        }
      }
      const quizFile = path.join(dir, 'final-quiz.yaml');
      const finalQuiz = fs.existsSync(quizFile) ? parseYaml(rel(quizFile), fs.readFileSync(quizFile, 'utf8'), finalQuizSchema, 0, problems) : undefined;
      if (data) courses.push({ id: slug, file: rel(courseFile), data, lessons, finalQuiz: finalQuiz ? { file: rel(quizFile), data: finalQuiz } : undefined });
    }
  }
  problems.push(...validateCourses(courses, glossary));
  return { courses, glossary, problems };
}

/** Formats problems as `file:line: message` lines. */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n');
}
