/**
 * `npm run new:lesson -- <kurssi> "Oppitunnin otsikko"` — scaffolds a valid
 * lesson file in the course's lessons folder with the next order number, a
 * quiz question, a reflection, today's review date, an empty list of acts
 * (legalBasis) and a sources list to fill in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { helsinkiDateKey } from '../src/lib/format';

function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const [course, title] = process.argv.slice(2);
if (!course || !title) {
  process.stderr.write('Käyttö: npm run new:lesson -- <kurssin-tunniste> "Oppitunnin otsikko"\n');
  process.exit(1);
}
const root = path.resolve(process.env.CONTENT_DIR ?? 'src/content', 'courses', course);
if (!fs.existsSync(path.join(root, 'course.yaml'))) {
  process.stderr.write(`Kurssia "${course}" ei löydy (${path.relative(process.cwd(), root)}/course.yaml puuttuu).\n`);
  process.exit(1);
}
const lessonsDir = path.join(root, 'lessons');
fs.mkdirSync(lessonsDir, { recursive: true });
const slug = slugify(title);
if (!slug) {
  process.stderr.write('Otsikosta ei saatu tiedostonimeä; käytä kirjaimia tai numeroita.\n');
  process.exit(1);
}
const file = path.join(lessonsDir, `${slug}.mdx`);
if (fs.existsSync(file)) {
  process.stderr.write(`Tiedosto on jo olemassa: ${path.relative(process.cwd(), file)}\n`);
  process.exit(1);
}
const orders = fs
  .readdirSync(lessonsDir)
  .filter((n) => n.endsWith('.mdx'))
  .map((n) => Number(/^order:\s*(\d+)/m.exec(fs.readFileSync(path.join(lessonsDir, n), 'utf8'))?.[1] ?? 0));
const order = Math.max(0, ...orders) + 1;
const prefix = course.split('-').map((p) => p[0]).join('');
const quote = (s: string) => JSON.stringify(s);
fs.writeFileSync(
  file,
  `---
title: ${quote(title)}
order: ${order}
minutes: 20
summary: Kirjoita tähän yhden lauseen kuvaus oppitunnista.
quiz:
  - id: ${prefix}-${slug}-k1
    type: single
    question: Kirjoita kysymys tähän?
    options:
      - id: a
        text: Oikea vaihtoehto
        correct: true
        feedback: Kerro, miksi tämä on oikein.
      - id: b
        text: Väärä vaihtoehto
        feedback: Kerro, miksi tämä ei ole oikein.
reflections:
  - id: ${prefix}-${slug}-pohdinta
    prompt: Kirjoita pohdintakysymys tähän.
reviewed: ${helsinkiDateKey(new Date())}
legalBasis: []
sources:
  - title: Lähteen nimi
    url: https://thl.fi/
    publisher: Julkaisija
---

Aloita arjen tilanteella, johon lukija voi samaistua.

## Väliotsikko

Kirjoita teksti tähän. Selitä jokainen termi, kun käytät sitä ensimmäisen kerran.

<Quiz id="${prefix}-${slug}-k1" />

<Reflection id="${prefix}-${slug}-pohdinta" />

<Sources />
`,
);
process.stdout.write(`Luotu ${path.relative(process.cwd(), file)} (order: ${order}). Tarkista sisältö komennolla npm run check.\n`);
