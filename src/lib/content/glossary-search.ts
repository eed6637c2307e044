/**
 * Glossary terms as search records: one per term, linking to the term on
 * the glossary page. The definition is both what is searched and what a hit
 * shows; the translations and inflected forms are searched too (Pagefind's
 * Finnish stemmer does not handle consonant gradation: "työkyvyn" needs its
 * form listed), placed after the definition so they never lead the excerpt.
 */
import type { GlossaryTerm } from './schema';

export interface GlossaryRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
}

/** The search records of every glossary term, in a stable order. */
export function glossaryRecords(glossary: ReadonlyMap<string, GlossaryTerm>): GlossaryRecord[] {
  return [...glossary.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'fi'))
    .map(([id, term]) => ({
      url: `/sanasto#${id}`,
      content: [`${term.fi}.`, term.definition, term.sv ?? '', term.en ?? '', ...term.forms].filter(Boolean).join(' '),
      language: 'fi',
      meta: { title: term.fi, kurssi: 'Sanasto', definition: term.definition },
    }));
}
