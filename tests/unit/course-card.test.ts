import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { courseImageFile, courseImageUrl, courseLevelLabel, firstSentence, formatCourseDuration } from '../../src/lib/web/course-card';

const courseIds = [...fs.readdirSync('src/content/courses', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name), 'oletus'];

describe('course cards', () => {
  it.each(courseIds)('%s has an illustration drawn for it, an SVG with its own background and no external reference', (id) => {
    const file = courseImageFile(id);
    expect(fs.existsSync(file), file).toBe(true);
    const svg = fs.readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 320 160">/);
    expect(svg).toMatch(/<rect width="320" height="160" fill="#[0-9a-f]{6}"\/>/);
    expect(svg).not.toMatch(/href=|url\(|<image|<script/);
    expect(svg.length).toBeLessThan(4000);
  });

  it('falls back to the general picture for a course without its own', () => {
    expect(courseImageUrl('uusi-kurssi')).toBe(courseImageUrl('oletus'));
    expect(courseImageUrl('puheeksi-otto')).not.toBe(courseImageUrl('oletus'));
  });

  it('states the duration rounded to the half hour', () => {
    expect(formatCourseDuration(190)).toBe('noin 3 h');
    expect(formatCourseDuration(260)).toBe('noin 4,5 h');
    expect(formatCourseDuration(45)).toBe('noin 45 min');
  });

  it('names the level', () => {
    expect(courseLevelLabel('perus')).toBe('Perustaso');
    expect(courseLevelLabel('syventava')).toBe('Syventävä');
  });

  it('takes the first sentence of a summary, or the whole text when it has one sentence', () => {
    expect(firstSentence('Kurssi antaa välineet. Opit lisää 2. päivänä.')).toBe('Kurssi antaa välineet.');
    expect(firstSentence('Yksi lause ilman pistettä')).toBe('Yksi lause ilman pistettä');
  });
});
