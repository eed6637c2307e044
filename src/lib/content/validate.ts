/**
 * Rules that span more than one field or file: branching case graphs, unique
 * activity ids, activities placed in the lesson text, links to the glossary,
 * and the authoring lint (alt texts, heading levels, vague link texts,
 * captions, sources). Pure: takes parsed content, returns problems.
 */
import type { Case, Course, FinalQuiz, GlossaryTerm, Lesson } from './schema';

export interface Problem {
  file: string;
  line?: number;
  message: string;
}

export interface LessonSource {
  id: string;
  file: string;
  data: Lesson;
  body: string;
  /** Line in the file where the body starts (1-based). */
  bodyLine: number;
}

export interface CourseSource {
  id: string;
  file: string;
  data: Course;
  lessons: LessonSource[];
  finalQuiz?: { file: string; data: FinalQuiz };
}

/**
 * Checks a branching case: the start and every `next`/`ending` exist, every
 * point and ending can be reached, and every reachable point leads to an ending.
 * @returns messages in Finnish, empty when the case is sound.
 */
export function validateCaseGraph(c: Case): string[] {
  const problems: string[] = [];
  const points = new Map<string, Case['points'][number]>();
  for (const p of c.points) {
    if (points.has(p.id)) problems.push(`tapauksessa "${c.id}" päätöskohdan tunniste "${p.id}" esiintyy kahdesti`);
    points.set(p.id, p);
  }
  const endings = new Set<string>();
  for (const e of c.endings) {
    if (endings.has(e.id) || points.has(e.id)) problems.push(`tapauksessa "${c.id}" tunniste "${e.id}" on käytössä kahdesti`);
    endings.add(e.id);
  }
  if (!points.has(c.start)) problems.push(`tapauksen "${c.id}" aloituskohtaa "${c.start}" ei ole päätöskohtien joukossa`);
  for (const p of c.points) {
    for (const o of p.options) {
      if (o.next && !points.has(o.next)) problems.push(`tapauksessa "${c.id}" kohdan "${p.id}" valinta "${o.id}" vie kohtaan "${o.next}", jota ei ole`);
      if (o.ending && !endings.has(o.ending)) problems.push(`tapauksessa "${c.id}" kohdan "${p.id}" valinta "${o.id}" vie loppuun "${o.ending}", jota ei ole`);
    }
  }
  if (problems.length) return problems;

  // Reachability from the start.
  const reached = new Set<string>();
  const reachedEndings = new Set<string>();
  const queue = [c.start];
  while (queue.length) {
    const id = queue.shift()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const o of points.get(id)!.options) {
      if (o.next) queue.push(o.next);
      if (o.ending) reachedEndings.add(o.ending);
    }
  }
  for (const p of c.points) if (!reached.has(p.id)) problems.push(`tapauksen "${c.id}" päätöskohtaan "${p.id}" ei pääse aloituskohdasta`);
  for (const e of c.endings) if (!reachedEndings.has(e.id)) problems.push(`tapauksen "${c.id}" loppuun "${e.id}" ei pääse mistään valinnasta`);

  // Dead ends: a reachable point from which no ending can be reached (a loop with no way out).
  const leadsToEnding = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of c.points) {
      if (leadsToEnding.has(p.id)) continue;
      if (p.options.some((o) => o.ending || (o.next && leadsToEnding.has(o.next)))) {
        leadsToEnding.add(p.id);
        changed = true;
      }
    }
  }
  for (const id of reached) if (!leadsToEnding.has(id)) problems.push(`tapauksen "${c.id}" päätöskohdasta "${id}" ei pääse mihinkään loppuun (umpikuja tai silmukka)`);
  return problems;
}

const VAGUE_LINK_TEXTS = ['tästä', 'klikkaa tästä', 'klikkaa', 'paina tästä', 'tässä', 'linkki', 'tämä linkki', 'tätä linkkiä', 'lue lisää', 'täältä', 'click here', 'here'];

interface Usage {
  id: string;
  line: number;
}

/** Finds `<Name id="…">` usages in MDX with their lines. */
export function findComponentIds(body: string, component: string, bodyLine: number): Usage[] {
  const out: Usage[] = [];
  const re = new RegExp(`<${component}\\b[^>]*?\\bid\\s*=\\s*["']([^"']*)["']`, 'g');
  for (const m of body.matchAll(re)) out.push({ id: m[1]!, line: bodyLine + lineOf(body, m.index) - 1 });
  return out;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Strips fenced code blocks so examples inside them are not linted. */
function withoutCode(body: string): string {
  return body.replace(/```[\s\S]*?```/g, (block) => block.replace(/[^\n]/g, ' '));
}

/**
 * The authoring lint for one lesson body: images without alt, skipped heading
 * levels, vague link texts, videos without captions, figures without alt.
 */
export function lintLessonBody(lesson: LessonSource): Problem[] {
  const problems: Problem[] = [];
  const body = withoutCode(lesson.body);
  const at = (index: number) => lesson.bodyLine + lineOf(body, index) - 1;
  const push = (index: number, message: string) => problems.push({ file: lesson.file, line: at(index), message });

  for (const m of body.matchAll(/!\[([^\]]*)\]\(([^)]*)\)/g)) {
    if (!m[1]!.trim()) push(m.index, `kuvalta "${m[2]}" puuttuu vaihtoehtoinen teksti: kirjoita kuvan sisältö hakasulkeisiin ![näin](kuva.png)`);
  }
  for (const m of body.matchAll(/<img\b([^>]*)>/g)) {
    if (!/\balt\s*=\s*["'][^"']+["']/.test(m[1]!)) push(m.index, 'img-kuvalta puuttuu alt-teksti; käytä mieluummin <Figure src="…" alt="…" />');
  }
  for (const m of body.matchAll(/<Figure\b([^>]*)>/g)) {
    if (!/\balt\s*=\s*["'][^"']+["']/.test(m[1]!)) push(m.index, 'Figure-kuvalta puuttuu alt-teksti (alt="…")');
  }
  for (const m of body.matchAll(/<Video\b([^>]*)>/g)) {
    if (!/\bcaptions\s*=\s*["'][^"']+["']/.test(m[1]!)) push(m.index, 'Video-komponentilta puuttuu tekstitystiedosto (captions="…vtt")');
  }
  // The page title is the only h1; lesson text starts at h2 and never skips a level.
  let previous = 1;
  for (const m of body.matchAll(/^(#{1,6})\s+\S.*$/gm)) {
    const level = m[1]!.length;
    if (level === 1) push(m.index, 'oppitunnin tekstissä ei käytetä pääotsikkoa (#); otsikko tulee title-kentästä, aloita tasolta ##');
    else if (level > previous + 1) push(m.index, `otsikkotaso hyppää tasolta ${previous} tasolle ${level}; käytä tasoa ${previous + 1}`);
    previous = level;
  }
  const linkTexts: { text: string; index: number }[] = [];
  for (const m of body.matchAll(/(?<!!)\[([^\]]+)\]\(([^)]+)\)/g)) linkTexts.push({ text: m[1]!, index: m.index });
  for (const m of body.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)) linkTexts.push({ text: m[1]!, index: m.index });
  for (const { text, index } of linkTexts) {
    const normalised = text.trim().toLowerCase().replace(/[.!:]+$/, '');
    if (VAGUE_LINK_TEXTS.includes(normalised)) push(index, `linkkiteksti "${text.trim()}" ei kerro, mihin linkki vie; kirjoita kohteen nimi linkkitekstiksi`);
  }
  return problems;
}

/**
 * Every rule across a course: ids unique in the whole site, activities placed
 * exactly once in the lesson text, case graphs, glossary links, required
 * lessons, final quiz present, sources present, lint.
 */
export function validateCourses(courses: CourseSource[], glossary: Map<string, GlossaryTerm>): Problem[] {
  const problems: Problem[] = [];
  const activityIds = new Map<string, string>();
  const claim = (id: string, file: string, line?: number) => {
    const previous = activityIds.get(id);
    if (previous) problems.push({ file, line, message: `tunniste "${id}" on jo käytössä tiedostossa ${previous}; tehtävien, tapausten ja pohdintojen tunnisteiden on oltava yksilöllisiä koko sivustossa` });
    else activityIds.set(id, file);
  };

  for (const course of courses) {
    const orders = new Map<number, string>();
    for (const lesson of course.lessons) {
      const previous = orders.get(lesson.data.order);
      if (previous) problems.push({ file: lesson.file, message: `järjestysnumero order: ${lesson.data.order} on jo oppitunnilla ${previous}` });
      orders.set(lesson.data.order, lesson.id);
    }
    if (course.lessons.length === 0) problems.push({ file: course.file, message: 'kurssilla ei ole yhtään oppituntia (lessons/*.mdx)' });
    if (!course.finalQuiz) problems.push({ file: course.file, message: 'kurssilta puuttuu loppukoe (final-quiz.yaml kurssin kansiossa)' });
    const required = course.data.completion.requiredLessons;
    if (Array.isArray(required)) {
      const slugs = new Set(course.lessons.map((l) => l.id.split('/')[1]));
      for (const id of required) if (!slugs.has(id)) problems.push({ file: course.file, message: `completion.requiredLessons mainitsee oppitunnin "${id}", jota ei ole kansiossa lessons/` });
    }

    for (const lesson of course.lessons) {
      const { data } = lesson;
      const placed = {
        Quiz: findComponentIds(lesson.body, 'Quiz', lesson.bodyLine),
        Case: findComponentIds(lesson.body, 'Case', lesson.bodyLine),
        Reflection: findComponentIds(lesson.body, 'Reflection', lesson.bodyLine),
      };
      const defined = {
        Quiz: data.quiz.map((q) => q.id),
        Case: data.cases.map((c) => c.id),
        Reflection: data.reflections.map((r) => r.id),
      };
      const fieldName = { Quiz: 'quiz', Case: 'cases', Reflection: 'reflections' } as const;
      for (const kind of ['Quiz', 'Case', 'Reflection'] as const) {
        for (const id of defined[kind]) {
          claim(id, lesson.file);
          const count = placed[kind].filter((u) => u.id === id).length;
          if (count === 0) problems.push({ file: lesson.file, message: `${fieldName[kind]}-kohdassa määriteltyä tunnistetta "${id}" ei ole sijoitettu tekstiin; lisää <${kind} id="${id}" />` });
          if (count > 1) problems.push({ file: lesson.file, message: `<${kind} id="${id}" /> on tekstissä ${count} kertaa; sijoita se kerran` });
        }
        for (const use of placed[kind]) {
          if (!defined[kind].includes(use.id)) problems.push({ file: lesson.file, line: use.line, message: `<${kind} id="${use.id}" /> viittaa tunnisteeseen, jota ei ole määritelty front matterin ${fieldName[kind]}-kohdassa` });
        }
      }
      for (const c of data.cases) for (const message of validateCaseGraph(c)) problems.push({ file: lesson.file, message });
      for (const use of findComponentIds(lesson.body, 'Term', lesson.bodyLine)) {
        if (!glossary.has(use.id)) problems.push({ file: lesson.file, line: use.line, message: `<Term id="${use.id}"> viittaa termiin, jota ei ole sanastossa (src/content/glossary/${use.id}.yaml)` });
      }
      if (data.sources.length === 0) problems.push({ file: lesson.file, message: 'oppitunnilta puuttuvat lähteet: lisää front matteriin sources-luettelo (title, url) ja tekstiin <Sources />' });
      else if (!/<Sources\b/.test(lesson.body)) problems.push({ file: lesson.file, message: 'oppitunnilla on lähteitä, mutta <Sources /> puuttuu tekstistä' });
      problems.push(...lintLessonBody(lesson));
    }
    if (course.finalQuiz) for (const q of course.finalQuiz.data.questions) claim(q.id, course.finalQuiz.file);
  }
  for (const [id, term] of glossary) {
    for (const rel of term.related) if (!glossary.has(rel)) problems.push({ file: `glossary/${id}.yaml`, message: `related mainitsee termin "${rel}", jota ei ole sanastossa` });
  }
  return problems;
}
