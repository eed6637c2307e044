/**
 * What the production build puts in front of browsers: no quiz correctness,
 * feedback or unrevealed case steps anywhere in `dist/client` (the search
 * index included), and lesson pages within their weight budget.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { loadContentFiles } from '../../src/lib/content/load-files';

const clientDir = path.join(inject('buildDir'), 'client');
const content = loadContentFiles(inject('contentDir'));

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** File text, gunzipped when it is gzip (Pagefind's fragments and index are). */
function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return zlib.gunzipSync(bytes).toString('utf8');
    } catch {
      return bytes.toString('utf8');
    }
  }
  return bytes.toString('utf8');
}

const gz = (bytes: Buffer | string) => zlib.gzipSync(bytes, { level: 9 }).length;

describe('the client build', () => {
  const files = listFiles(clientDir).map((f) => ({ file: path.relative(clientDir, f), text: readText(f) }));

  it('holds no feedback, correctness or later case steps', () => {
    const secrets: string[] = [];
    for (const course of content.courses) {
      for (const lesson of course.lessons) {
        for (const q of lesson.data.quiz) for (const o of q.options) secrets.push(o.feedback);
        for (const c of lesson.data.cases) {
          for (const p of c.points) {
            if (p.id !== c.start) secrets.push(p.prompt);
            for (const o of p.options) secrets.push(o.feedback);
          }
          for (const e of c.endings) secrets.push(e.text);
        }
      }
      for (const q of course.finalQuiz?.data.questions ?? []) for (const o of q.options) secrets.push(o.feedback);
    }
    expect(secrets.length).toBeGreaterThan(300);
    // Compare on a normalised form: HTML escapes quotes and the index may fold whitespace.
    const norm = (s: string) => s.replace(/&quot;|&#34;|&#x27;|&#39;|&amp;/g, '').replace(/["'&]/g, '').replace(/\s+/g, ' ').trim();
    const haystacks = files.map((f) => ({ file: f.file, text: norm(f.text) }));
    const leaks = secrets.map(norm).filter((s) => s.length > 25).flatMap((s) => haystacks.filter((h) => h.text.includes(s)).map((h) => `${h.file}: ${s.slice(0, 60)}`));
    expect(leaks).toEqual([]);
    for (const f of files.filter((x) => x.file.endsWith('.html'))) {
      expect(f.text, f.file).not.toMatch(/data-correct|"correct"|data-feedback|data-next|data-ending/);
    }
  });

  it('has no inline scripts without a hash, no style attributes and nothing from other hosts', () => {
    for (const f of files.filter((x) => x.file.endsWith('.html'))) {
      expect(f.text, f.file).not.toMatch(/\sstyle="/);
      expect(f.text, f.file).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="https?:\/\//);
    }
  });

  it('keeps every lesson page within 50 kB gzipped (HTML, CSS and JavaScript), of which JavaScript 15 kB', () => {
    const lessons = files.filter((f) => /^kurssit\/[^/]+\/[^/]+\/index\.html$/.test(f.file));
    expect(lessons.length).toBeGreaterThan(18);
    const report: string[] = [];
    for (const lesson of lessons) {
      const html = lesson.text;
      const css = [...html.matchAll(/<link rel="stylesheet" href="(\/_astro\/[^"]+)"/g)].map((m) => m[1]!);
      const scripts = new Set([...html.matchAll(/<script type="module" src="(\/_astro\/[^"]+)"/g)].map((m) => m[1]!));
      // Follow static imports between script chunks.
      for (const s of [...scripts]) {
        const text = fs.readFileSync(path.join(clientDir, s), 'utf8');
        for (const m of text.matchAll(/from\s*["']\.\/([^"']+\.js)["']|import\s*["']\.\/([^"']+\.js)["']/g)) scripts.add(`/_astro/${m[1] ?? m[2]}`);
      }
      const inlineJs = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('');
      const cssBytes = css.reduce((n, href) => n + gz(fs.readFileSync(path.join(clientDir, href))), 0);
      const jsBytes = [...scripts].reduce((n, src) => n + gz(fs.readFileSync(path.join(clientDir, src))), 0) + (inlineJs ? gz(inlineJs) : 0);
      const total = gz(html) + cssBytes + jsBytes;
      report.push(`${lesson.file}: ${total} B total, ${jsBytes} B JS`);
      expect(total, lesson.file).toBeLessThanOrEqual(50 * 1024);
      expect(jsBytes, lesson.file).toBeLessThanOrEqual(15 * 1024);
    }
    // The figures go to the log for the notes.
    console.log(report.slice(0, 3).join('\n'));
  });
});
