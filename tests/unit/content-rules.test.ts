/**
 * Every rule the content checker enforces, each with the exact message a
 * trainer sees.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblems, loadContentFiles } from '../../src/lib/content/load-files';
import { lintLessonBody, validateCaseGraph } from '../../src/lib/content/validate';
import { caseSchema, courseSchema, lessonSchema, questionSchema } from '../../src/lib/content/schema';
import { lessonIdFromPath } from '../../src/lib/content/lesson-context-plugin';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A copy of the fixture content that a test then breaks. */
function fixtureCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-content-'));
  dirs.push(dir);
  fs.cpSync(path.resolve('tests/fixtures/content'), dir, { recursive: true });
  return dir;
}

function edit(dir: string, rel: string, change: (s: string) => string): void {
  const file = path.join(dir, rel);
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
}

const messages = (dir: string) => loadContentFiles(dir).problems.map((p) => p.message);

describe('schema messages', () => {
  const firstMessage = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) => schema.safeParse(value).error?.issues[0]?.message;

  it('explain each broken field in plain Finnish', () => {
    const q = { id: 'q-1', type: 'single', question: 'Q?', options: [{ id: 'a', text: 'A', correct: true, feedback: 'F' }, { id: 'b', text: 'B', feedback: 'F' }] };
    expect(firstMessage(questionSchema, { ...q, id: 'Q 1' })).toBe('tunnisteessa saa olla vain pieniä kirjaimia a–z, numeroita ja väliviivoja (esim. "m1-l2-k1")');
    expect(firstMessage(questionSchema, { ...q, type: 'open' })).toBe('kysymyksen tyypin on oltava "single" (yksi oikea) tai "multiple" (useita oikeita)');
    expect(firstMessage(questionSchema, { ...q, options: [q.options[0]] })).toBe('kysymyksessä on oltava vähintään kaksi vaihtoehtoa');
    expect(firstMessage(questionSchema, { ...q, options: q.options.map((o) => ({ ...o, correct: false })) })).toBe('kysymyksessä "q-1" ei ole yhtään oikeaa vaihtoehtoa (correct: true)');
    expect(firstMessage(questionSchema, { ...q, options: q.options.map((o) => ({ ...o, correct: true })) })).toBe('kysymys "q-1" on tyyppiä single, mutta oikeita vaihtoehtoja on 2; käytä tyyppiä multiple');
    expect(firstMessage(questionSchema, { ...q, options: [q.options[0], { ...q.options[1], id: 'a' }] })).toBe('vaihtoehdon tunniste "a" esiintyy kysymyksessä "q-1" kahdesti');
    expect(firstMessage(questionSchema, { ...q, options: [{ ...q.options[0], feedback: '' }, q.options[1]] })).toBe('vaihtoehdon palaute ei saa olla tyhjä');
    expect(firstMessage(lessonSchema, { order: 1, minutes: 5 })).toBe('oppitunnin otsikko puuttuu');
    expect(firstMessage(lessonSchema, { title: 'T', minutes: 5 })).toBe('order (järjestysnumero) puuttuu');
    expect(firstMessage(courseSchema, {})).toBe('kurssin nimi puuttuu');
    const option = { id: 'a', text: 'A', feedback: 'F', next: 'p2', ending: 'e' };
    expect(firstMessage(caseSchema, { id: 'c', title: 'T', intro: 'I', start: 'p1', points: [{ id: 'p1', prompt: 'P', options: [option, { ...option, id: 'b' }] }], endings: [{ id: 'e', title: 'E', text: 'T', outcome: 'good' }] })).toBe(
      'valinnalla on oltava joko "next" (seuraava päätöskohta) tai "ending" (loppu), ei molempia eikä ei kumpaakaan',
    );
  });

  it('name the file and line of a broken front matter field', () => {
    const dir = fixtureCopy();
    edit(dir, 'courses/testikurssi/lessons/perusteet.mdx', (s) => s.replace('minutes: 10', 'minutes: kymmenen'));
    const report = formatProblems(loadContentFiles(dir).problems);
    expect(report).toMatch(/courses\/testikurssi\/lessons\/perusteet\.mdx:4: minutes: /);
    edit(dir, 'courses/testikurssi/course.yaml', (s) => s.replace('licence: CC-BY-4.0', 'licence: CC-BY-4.0\nlisenssi: x'));
    expect(formatProblems(loadContentFiles(dir).problems)).toContain('course.yaml:1: tuntematon kenttä "lisenssi" (tarkista kirjoitusasu)');
  });
});

describe('case graphs', () => {
  const base = {
    id: 'c',
    title: 'T',
    intro: 'I',
    start: 'p1',
    points: [
      { id: 'p1', prompt: 'P1', options: [{ id: 'a', text: 'A', feedback: 'F', next: 'p2', best: false }, { id: 'b', text: 'B', feedback: 'F', ending: 'e1', best: false }] },
      { id: 'p2', prompt: 'P2', options: [{ id: 'a', text: 'A', feedback: 'F', ending: 'e1', best: false }, { id: 'b', text: 'B', feedback: 'F', ending: 'e2', best: false }] },
    ],
    endings: [
      { id: 'e1', title: 'E1', text: 'T', outcome: 'good' as const },
      { id: 'e2', title: 'E2', text: 'T', outcome: 'poor' as const },
    ],
  };

  it('accept a sound graph', () => {
    expect(validateCaseGraph(base)).toEqual([]);
  });

  it('reject unreachable points and endings', () => {
    const extra = { ...base, points: [...base.points, { id: 'p3', prompt: 'P3', options: base.points[1]!.options }], endings: [...base.endings, { id: 'e3', title: 'E3', text: 'T', outcome: 'mixed' as const }] };
    expect(validateCaseGraph(extra)).toEqual(['tapauksen "c" päätöskohtaan "p3" ei pääse aloituskohdasta', 'tapauksen "c" loppuun "e3" ei pääse mistään valinnasta']);
  });

  it('reject dead ends and loops without a way out', () => {
    const loop = {
      ...base,
      points: [
        base.points[0]!,
        { id: 'p2', prompt: 'P2', options: [{ id: 'a', text: 'A', feedback: 'F', next: 'p3', best: false }, { id: 'b', text: 'B', feedback: 'F', next: 'p3', best: false }] },
        { id: 'p3', prompt: 'P3', options: [{ id: 'a', text: 'A', feedback: 'F', next: 'p2', best: false }, { id: 'b', text: 'B', feedback: 'F', next: 'p2', best: false }] },
      ],
      endings: [base.endings[0]!],
    };
    expect(validateCaseGraph(loop)).toEqual(['tapauksen "c" päätöskohdasta "p2" ei pääse mihinkään loppuun (umpikuja tai silmukka)', 'tapauksen "c" päätöskohdasta "p3" ei pääse mihinkään loppuun (umpikuja tai silmukka)']);
  });

  it('reject links to points and endings that do not exist', () => {
    const broken = { ...base, start: 'p0', points: [{ ...base.points[0]!, options: [{ ...base.points[0]!.options[0]!, next: 'p9' }, base.points[0]!.options[1]!] }, base.points[1]!] };
    expect(validateCaseGraph(broken)).toEqual(['tapauksen "c" aloituskohtaa "p0" ei ole päätöskohtien joukossa', 'tapauksessa "c" kohdan "p1" valinta "a" vie kohtaan "p9", jota ei ole']);
  });
});

describe('placement, ids, glossary and sources', () => {
  it('report an activity defined but not placed, placed but not defined, or placed twice', () => {
    const dir = fixtureCopy();
    edit(dir, 'courses/testikurssi/lessons/perusteet.mdx', (s) => s.replace('<Quiz id="tk-l1-k2" />', '<Quiz id="tk-l1-k1" />\n\n<Quiz id="tk-ei-ole" />'));
    expect(messages(dir)).toEqual(
      expect.arrayContaining([
        'quiz-kohdassa määriteltyä tunnistetta "tk-l1-k2" ei ole sijoitettu tekstiin; lisää <Quiz id="tk-l1-k2" />',
        '<Quiz id="tk-l1-k1" /> on tekstissä 2 kertaa; sijoita se kerran',
        '<Quiz id="tk-ei-ole" /> viittaa tunnisteeseen, jota ei ole määritelty front matterin quiz-kohdassa',
      ]),
    );
  });

  it('report duplicate quiz ids across the site', () => {
    const dir = fixtureCopy();
    edit(dir, 'courses/testikurssi/final-quiz.yaml', (s) => s.replace('id: tk-loppu-1', 'id: tk-l1-k1'));
    expect(messages(dir).some((m) => m.startsWith('tunniste "tk-l1-k1" on jo käytössä tiedostossa'))).toBe(true);
  });

  it('report unknown glossary terms and lessons without sources', () => {
    const dir = fixtureCopy();
    edit(dir, 'courses/testikurssi/lessons/perusteet.mdx', (s) => s.replace('<Term id="tyokyky">', '<Term id="tuntematon">').replace(/sources:\n(.*\n){3}/, ''));
    expect(messages(dir)).toEqual(
      expect.arrayContaining([
        '<Term id="tuntematon"> viittaa termiin, jota ei ole sanastossa (src/content/glossary/tuntematon.yaml)',
        'oppitunnilta puuttuvat lähteet: lisää front matteriin sources-luettelo (title, url) ja tekstiin <Sources />',
      ]),
    );
  });

  it('require a Swedish and an English equivalent for every glossary term', () => {
    const dir = fixtureCopy();
    edit(dir, 'glossary/tyokyky.yaml', (s) => s.replace(/^sv: .*\n/m, '').replace(/^en: .*\n/m, ''));
    expect(messages(dir).join('\n')).toMatch(/ruotsinkielinen termi puuttuu/);
    expect(messages(dir).join('\n')).toMatch(/englanninkielinen termi puuttuu/);
  });

  it('report a missing final quiz and a required lesson that does not exist', () => {
    const dir = fixtureCopy();
    fs.rmSync(path.join(dir, 'courses/testikurssi/final-quiz.yaml'));
    edit(dir, 'courses/testikurssi/course.yaml', (s) => s.replace('requiredLessons: all', 'requiredLessons: [perusteet, ei-ole]'));
    expect(messages(dir)).toEqual(
      expect.arrayContaining(['kurssilta puuttuu loppukoe (final-quiz.yaml kurssin kansiossa)', 'completion.requiredLessons mainitsee oppitunnin "ei-ole", jota ei ole kansiossa lessons/']),
    );
  });

  it('require a review date and a list of acts on Finlex on every lesson', () => {
    const dir = fixtureCopy();
    edit(dir, 'courses/testikurssi/lessons/perusteet.mdx', (s) => s.replace(/reviewed: .*\n/, '').replace('legalBasis: []', 'legalBasis:\n  - title: Laki\n    url: https://example.fi/laki'));
    expect(messages(dir)).toEqual(
      expect.arrayContaining([
        'reviewed: reviewed (sisällön tarkistuspäivä muodossa 2026-12-02) puuttuu tai on virheellinen',
        'legalBasis.0.url: lainkohdan osoitteen on oltava Finlexissä (https://www.finlex.fi/fi/lainsaadanto/…); muut lähteet kuuluvat sources-luetteloon',
      ]),
    );
    edit(dir, 'courses/testikurssi/lessons/tapaus.mdx', (s) => s.replace(/legalBasis:\n(.*\n){2}/, ''));
    expect(messages(dir)).toContain('legalBasis: legalBasis (lainkohdat Finlexissä; tyhjä luettelo [], jos laki ei koske oppituntia) puuttuu');
  });

  it('passes the fixture content as it is', () => {
    expect(messages(fixtureCopy())).toEqual([]);
  });
});

describe('authoring lint', () => {
  const lesson = (body: string) => lintLessonBody({ id: 'k/l', file: 'l.mdx', data: {} as never, body, bodyLine: 10 }).map((p) => `${p.line}: ${p.message}`);

  it('finds images without alt text', () => {
    expect(lesson('Teksti\n\n![](kuva.png)\n')).toEqual(['12: kuvalta "kuva.png" puuttuu vaihtoehtoinen teksti: kirjoita kuvan sisältö hakasulkeisiin ![näin](kuva.png)']);
    expect(lesson('<img src="x.png">')).toEqual(['10: img-kuvalta puuttuu alt-teksti; käytä mieluummin <Figure src="…" alt="…" />']);
    expect(lesson('<Figure src="x.png" />')).toEqual(['10: Figure-kuvalta puuttuu alt-teksti (alt="…")']);
  });

  it('finds skipped heading levels and a second top-level heading', () => {
    expect(lesson('## Yksi\n\n#### Kolme\n')).toEqual(['12: otsikkotaso hyppää tasolta 2 tasolle 4; käytä tasoa 3']);
    expect(lesson('# Otsikko\n')).toEqual(['10: oppitunnin tekstissä ei käytetä pääotsikkoa (#); otsikko tulee title-kentästä, aloita tasolta ##']);
  });

  it('finds vague link texts', () => {
    expect(lesson('Lue [tästä](https://thl.fi).')).toEqual(['10: linkkiteksti "tästä" ei kerro, mihin linkki vie; kirjoita kohteen nimi linkkitekstiksi']);
    expect(lesson('Katso <a href="https://thl.fi">klikkaa tästä</a>')).toHaveLength(1);
    expect(lesson('Lue [THL:n ohje](https://thl.fi).')).toEqual([]);
  });

  it('finds videos without captions', () => {
    expect(lesson('<Video src="v.mp4" title="T" />')).toEqual(['10: Video-komponentilta puuttuu tekstitystiedosto (captions="…vtt")']);
  });

  it('ignores examples inside code blocks', () => {
    expect(lesson('```\n![](kuva.png)\n```\n')).toEqual([]);
  });
});

describe('lesson context for components', () => {
  it('derives the lesson id from the file path', () => {
    expect(lessonIdFromPath('/work/src/content/courses/puheeksi-otto/lessons/miksi-tyo.mdx')).toBe('puheeksi-otto/miksi-tyo');
    expect(lessonIdFromPath('/work/src/pages/index.astro')).toBeUndefined();
  });
});
