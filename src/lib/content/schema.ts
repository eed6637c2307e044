/**
 * The shapes of course content: courses, lessons, quiz questions, branching
 * cases, reflections and glossary terms. Strict on purpose: the schema is the
 * trainer's first reviewer, and every message says in plain Finnish what is
 * wrong. Cross-entry rules (case graphs, unique ids, placement in the MDX)
 * live in `validate.ts`.
 */
import { z } from 'astro/zod';

/** The audiences the catalog filters by. */
export const AUDIENCES = ['sote', 'tyollisyyspalvelut', 'kela', 'jarjestot', 'oppilaitokset'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** How much a course assumes of the learner. */
export const COURSE_LEVELS = ['perus', 'syventava'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

/** Ids used in URLs and records: lowercase letters, digits and dashes. */
export const idSchema = z
  .string({ message: 'tunniste puuttuu' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'tunnisteessa saa olla vain pieniä kirjaimia a–z, numeroita ja väliviivoja (esim. "m1-l2-k1")');

const text = (what: string, max = 2000) =>
  z
    .string({ message: `${what} puuttuu` })
    .trim()
    .min(1, `${what} ei saa olla tyhjä`)
    .max(max, `${what} on liian pitkä (enintään ${max} merkkiä)`);

export const sourceSchema = z
  .object({
    title: text('lähteen nimi', 300),
    url: z.url({ protocol: /^https?$/, message: 'lähteen osoitteen on oltava http(s)-osoite' }),
    publisher: text('julkaisija', 200).optional(),
    year: z.number().int().min(1900).max(2100).optional(),
  })
  .strict();

/** A link to the law a lesson rests on: the act (and section) on Finlex. */
export const legalBasisSchema = z
  .object({
    title: text('lainkohdan nimi', 300),
    url: z
      .url({ protocol: /^https$/, message: 'lainkohdan osoitteen on oltava https-osoite' })
      .refine((u) => /^https:\/\/(www\.)?finlex\.fi\//.test(u), 'lainkohdan osoitteen on oltava Finlexissä (https://www.finlex.fi/fi/lainsaadanto/…); muut lähteet kuuluvat sources-luetteloon'),
  })
  .strict();

export const optionSchema = z
  .object({
    id: idSchema,
    text: text('vaihtoehdon teksti', 500),
    correct: z.boolean().default(false),
    feedback: text('vaihtoehdon palaute', 1200),
  })
  .strict();

export const questionSchema = z
  .object({
    id: idSchema,
    type: z.enum(['single', 'multiple'], { message: 'kysymyksen tyypin on oltava "single" (yksi oikea) tai "multiple" (useita oikeita)' }),
    question: text('kysymys', 800),
    options: z.array(optionSchema).min(2, 'kysymyksessä on oltava vähintään kaksi vaihtoehtoa').max(8, 'kysymyksessä saa olla enintään kahdeksan vaihtoehtoa'),
  })
  .strict()
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct === 0) ctx.addIssue({ code: 'custom', path: ['options'], message: `kysymyksessä "${q.id}" ei ole yhtään oikeaa vaihtoehtoa (correct: true)` });
    if (q.type === 'single' && correct > 1)
      ctx.addIssue({ code: 'custom', path: ['options'], message: `kysymys "${q.id}" on tyyppiä single, mutta oikeita vaihtoehtoja on ${correct}; käytä tyyppiä multiple` });
    const ids = new Set<string>();
    for (const o of q.options) {
      if (ids.has(o.id)) ctx.addIssue({ code: 'custom', path: ['options'], message: `vaihtoehdon tunniste "${o.id}" esiintyy kysymyksessä "${q.id}" kahdesti` });
      ids.add(o.id);
    }
  });
export type Question = z.infer<typeof questionSchema>;

export const caseOptionSchema = z
  .object({
    id: idSchema,
    text: text('valinnan teksti', 500),
    feedback: text('valinnan palaute', 1500),
    /** The next decision point, or… */
    next: idSchema.optional(),
    /** …the ending this choice leads to. */
    ending: idSchema.optional(),
    /** Marks the choice the case teaches as best; used in trainer analytics. */
    best: z.boolean().default(false),
  })
  .strict()
  .refine((o) => (o.next ? 1 : 0) + (o.ending ? 1 : 0) === 1, {
    message: 'valinnalla on oltava joko "next" (seuraava päätöskohta) tai "ending" (loppu), ei molempia eikä ei kumpaakaan',
  });

export const casePointSchema = z
  .object({
    id: idSchema,
    prompt: text('päätöskohdan kuvaus', 1500),
    options: z.array(caseOptionSchema).min(2, 'päätöskohdassa on oltava vähintään kaksi valintaa').max(5, 'päätöskohdassa saa olla enintään viisi valintaa'),
  })
  .strict();

export const caseEndingSchema = z
  .object({
    id: idSchema,
    title: text('lopun otsikko', 200),
    text: text('lopun teksti', 2000),
    outcome: z.enum(['good', 'mixed', 'poor'], { message: 'lopun laadun (outcome) on oltava good, mixed tai poor' }),
  })
  .strict();

export const caseSchema = z
  .object({
    id: idSchema,
    title: text('tapauksen otsikko', 200),
    intro: text('tapauksen johdanto', 2000),
    start: idSchema,
    points: z.array(casePointSchema).min(1, 'tapauksessa on oltava vähintään yksi päätöskohta'),
    endings: z.array(caseEndingSchema).min(1, 'tapauksessa on oltava vähintään yksi loppu'),
  })
  .strict();
export type Case = z.infer<typeof caseSchema>;

export const reflectionSchema = z
  .object({
    id: idSchema,
    prompt: text('pohdintatehtävän kysymys', 1000),
  })
  .strict();

export const lessonSchema = z
  .object({
    title: text('oppitunnin otsikko', 200),
    order: z.number({ message: 'order (järjestysnumero) puuttuu' }).int().min(1, 'order alkaa numerosta 1'),
    minutes: z.number({ message: 'minutes (arvioitu kesto minuutteina) puuttuu' }).int().min(1).max(240),
    summary: text('oppitunnin tiivistelmä', 400).optional(),
    optional: z.boolean().default(false),
    quiz: z.array(questionSchema).default([]),
    cases: z.array(caseSchema).default([]),
    reflections: z.array(reflectionSchema).default([]),
    sources: z.array(sourceSchema).default([]),
    /** When a trainer last checked the lesson against current law and practice; `npm run check` warns after 12 and fails after 24 months. */
    reviewed: z.coerce.date({ message: 'reviewed (sisällön tarkistuspäivä muodossa 2026-12-02) puuttuu tai on virheellinen' }),
    /** The acts the lesson rests on; an empty list `[]` when no law applies. */
    legalBasis: z.array(legalBasisSchema, { message: 'legalBasis (lainkohdat Finlexissä; tyhjä luettelo [], jos laki ei koske oppituntia) puuttuu' }),
  })
  .strict();
export type Lesson = z.infer<typeof lessonSchema>;

export const courseSchema = z
  .object({
    title: text('kurssin nimi', 200),
    summary: text('kurssin tiivistelmä', 600),
    audience: z.array(z.enum(AUDIENCES, { message: `kohderyhmän on oltava jokin näistä: ${AUDIENCES.join(', ')}` })).min(1, 'kurssilla on oltava vähintään yksi kohderyhmä'),
    audienceDescription: text('kohderyhmän kuvaus', 800),
    outcomes: z.array(text('osaamistavoite', 400)).min(1, 'kurssilla on oltava osaamistavoitteita'),
    minutes: z.number({ message: 'minutes (arvioitu kesto minuutteina) puuttuu' }).int().min(1),
    creditHours: z.number({ message: 'creditHours (opintotunnit) puuttuu' }).positive(),
    /** How much the course assumes: "perus" (no prior knowledge) or "syventava" (builds on the basics). */
    level: z.enum(COURSE_LEVELS, { message: `level on "perus" (ei ennakkotietoja) tai "syventava" (rakentuu perusteiden päälle)` }).default('perus'),
    version: z.string({ message: 'version (versiotunnus, esim. "1.0") puuttuu' }).regex(/^\d+(\.\d+){0,2}$/, 'version on muotoa 1, 1.0 tai 1.0.2'),
    updated: z.coerce.date({ message: 'updated (päivityspäivä muodossa 2026-11-23) puuttuu tai on virheellinen' }),
    authors: z.array(text('tekijä', 200)).min(1, 'kurssilla on oltava vähintään yksi tekijä'),
    licence: z.literal('CC-BY-4.0', { message: 'licence on "CC-BY-4.0"' }),
    completion: z
      .object({
        /** "all" = every lesson not marked optional; or a list of lesson ids. */
        requiredLessons: z.union([z.literal('all'), z.array(idSchema).min(1)]).default('all'),
        minFinalScore: z.number().int().min(0).max(100),
        /** The course is complete only after attending one of its live sessions (webinar or workshop). */
        liveSession: z.boolean().default(false),
      })
      .strict(),
    certificateValidityMonths: z.number().int().min(1).max(120).optional(),
    /** Weeks from completion to the follow-up question about practice (default 12). */
    followUpWeeks: z.number({ message: 'followUpWeeks (viikkoja suorituksesta seurantakyselyyn) on kokonaisluku' }).int().min(2, 'followUpWeeks on vähintään 2').max(104, 'followUpWeeks on enintään 104').default(12),
    /** What changed in this version, shown to learners whose records are from an earlier one. */
    changes: z.array(text('muutos', 400)).default([]),
    draft: z.boolean().default(false),
    /** Position in listings (smaller first); courses without one come last, by title. */
    order: z.number().int().min(1).optional(),
  })
  .strict();
export type Course = z.infer<typeof courseSchema>;

export const finalQuizSchema = z
  .object({
    title: text('loppukokeen otsikko', 200).default('Loppukoe'),
    intro: text('loppukokeen ohje', 1000).optional(),
    questions: z.array(questionSchema).min(1, 'loppukokeessa on oltava kysymyksiä'),
  })
  .strict();
export type FinalQuiz = z.infer<typeof finalQuizSchema>;

export const glossarySchema = z
  .object({
    fi: text('suomenkielinen termi', 120),
    /** Both equivalents are required: bilingual services and international readers look terms up. */
    sv: text('ruotsinkielinen termi', 160),
    en: text('englanninkielinen termi', 160),
    definition: text('määritelmä', 800),
    /** Inflected forms (työkyvyn, työkykyä…) that search should map to this term. */
    forms: z.array(text('taivutusmuoto', 80)).default([]),
    related: z.array(idSchema).default([]),
  })
  .strict();
export type GlossaryTerm = z.infer<typeof glossarySchema>;
