/**
 * The copy check: a lesson that shares a ten-word run with a source fails,
 * whatever the case, punctuation or markup around the words; our own text
 * passes; and the committed hash file holds hashes only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findCopiedRuns, indexShingles, normaliseWords, shingleHashes, type ShingleFile } from '../../src/lib/content/copy-check';
import { readShingleFile, scanForCopies } from '../../src/lib/content/copy-scan';

// A made-up source: no one's real text.
const SOURCE = 'Kuvitteellisessa hankkeessa painopiste siirrettiin sairauksien luettelemisesta siihen, mitä ihminen jo osaa ja miten hän pääsee töihin.';
const shingles: ShingleFile = { words: 10, hash: 'sha256-16', sources: { 'testi/lahde.txt': shingleHashes(SOURCE) } };
const index = indexShingles(shingles);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function contentWithLesson(body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-copy-'));
  dirs.push(dir);
  fs.cpSync(path.resolve('tests/fixtures/content'), dir, { recursive: true });
  const file = path.join(dir, 'courses/testikurssi/lessons/perusteet.mdx');
  fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\n${body}\n`);
  return dir;
}

describe('normalising words', () => {
  it('lowercases, drops punctuation and markup, and keeps positions', () => {
    const text = 'Työ- ja <Term id="tyokyky">TOIMINTAKYKY</Term>, [THL](https://thl.fi)!';
    expect(normaliseWords(text).map((w) => w.word)).toEqual(['työ', 'ja', 'toimintakyky', 'thl']);
    expect(text.slice(normaliseWords(text)[2]!.index).startsWith('TOIMINTAKYKY')).toBe(true);
  });
});

describe('finding copied runs', () => {
  it('finds a ten-word run shared with the source, whatever the case, punctuation or markup', () => {
    const lesson = 'Aluksi omaa tekstiä. Painopiste siirrettiin SAIRAUKSIEN luettelemisesta – siihen, mitä <Term id="x">ihminen</Term> jo osaa ja miten hän pääsee eteenpäin.';
    const runs = findCopiedRuns(lesson, index);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.source).toBe('testi/lahde.txt');
    expect(runs[0]!.excerpt.startsWith('Painopiste siirrettiin SAIRAUKSIEN')).toBe(true);
  });

  it('passes our own wording of the same idea and a nine-word overlap', () => {
    expect(findCopiedRuns('Hankkeessa katse käännettiin pois sairauksista: tärkeintä oli se, mitä ihminen jo osaa.', index)).toEqual([]);
    expect(findCopiedRuns('Painopiste siirrettiin sairauksien luettelemisesta siihen, mitä ihminen jo tietää.', index)).toEqual([]);
  });
});

describe('the content check', () => {
  it('fails a lesson that contains a copied run, naming the file, the line and the source', () => {
    const dir = contentWithLesson('Hankkeen ajatus oli tämä: painopiste siirrettiin sairauksien luettelemisesta siihen, mitä ihminen jo osaa ja miten hän pääsee töihin.');
    const problems = scanForCopies(dir, shingles);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toMatch(/perusteet\.mdx$/);
    expect(problems[0]!.line).toBeGreaterThan(30);
    expect(problems[0]!.message).toContain('lähteen "testi/lahde.txt"');
  });

  it('passes the same lesson in our own words', () => {
    const dir = contentWithLesson('Hankkeessa katse käännettiin sairauksista siihen, mitä ihminen jo osaa, ja tavoitteena oli työ.');
    expect(scanForCopies(dir, shingles)).toEqual([]);
  });

  it('passes the real courses against the committed hashes', () => {
    expect(scanForCopies(path.resolve('src/content'), readShingleFile())).toEqual([]);
  });

  const seeds = path.resolve('..', 'shared', 'seeds');
  it.skipIf(!fs.existsSync(seeds))('holds the hashes of every seed text beside the repository (regenerate with npm run copy:shingles)', () => {
    const file = readShingleFile();
    for (const name of fs.readdirSync(seeds).filter((n) => /\.(txt|md|html?)$/.test(n))) {
      expect(file.sources[`seeds/${name}`], name).toEqual(shingleHashes(fs.readFileSync(path.join(seeds, name), 'utf8')));
    }
  });

  it('commits hashes only, never the sources’ text', () => {
    const file = readShingleFile();
    expect(file.words).toBe(10);
    const all = Object.values(file.sources).flat();
    expect(all.length).toBeGreaterThan(1000);
    expect(all.every((h) => /^[0-9a-f]{16}$/.test(h))).toBe(true);
  });
});
