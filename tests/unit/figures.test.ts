/**
 * The drawings in the real curriculum: at least two per course, each file
 * present, each with a short alt text and its full content as text, and
 * sized in the tag so the page does not jump when the picture loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentFiles } from '../../src/lib/content/load-files';

const { courses } = loadContentFiles(path.resolve('src/content'));
const FIGURE = /<Figure\b([^>]*)>([\s\S]*?)<\/Figure>/g;

describe('figures in the curriculum', () => {
  for (const course of courses) {
    it(`${course.id} has at least two figures, each complete`, () => {
      const figures = course.lessons.flatMap((l) => [...l.body.matchAll(FIGURE)].map((m) => ({ lesson: l.id, attrs: m[1]!, text: m[2]!.trim() })));
      expect(figures.length).toBeGreaterThanOrEqual(2);
      for (const f of figures) {
        const src = /\bsrc="([^"]+)"/.exec(f.attrs)![1]!;
        expect(fs.existsSync(path.join('public', src)), `${f.lesson}: ${src}`).toBe(true);
        expect(f.attrs, f.lesson).toMatch(/\balt="[^"]{20,}"/);
        expect(f.attrs, f.lesson).toMatch(/\bwidth=\{\d+\} height=\{\d+\}/);
        expect(f.text.length, `${f.lesson}: ${src} needs its content as text`).toBeGreaterThan(100);
      }
    });
  }

  it('the sickness-allowance timeline reads 30/60/90/150/230/300 in the picture and in its text', () => {
    const svg = fs.readFileSync('public/kuvat/sairauspaivarahan-tarkistuspisteet.svg', 'utf8');
    const numbers = [...svg.matchAll(/font-size="14" font-weight="bold" text-anchor="middle"[^>]*>(\d+)</g)].map((m) => m[1]);
    expect(numbers).toEqual(['30', '60', '90', '150', '230', '300']);
    const lesson = courses.flatMap((c) => c.lessons).find((l) => l.id === 'puheeksi-otto/milloin-ja-kenen-kanssa')!;
    const text = [...lesson.body.matchAll(FIGURE)].map((m) => m[2]).join('');
    for (const n of ['30 päivää', '60 arkipäivää', '90 arkipäivää', '150 arkipäivää', '230 arkipäivää', '300 arkipäivää']) expect(text).toContain(n);
  });
});
