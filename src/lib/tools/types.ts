/**
 * The shape of a printable tool ("työkalu"): one source that both the HTML
 * page and the PDF render, so the two can never disagree.
 */

/** A link to an authority's page or form. */
export interface ToolLink {
  title: string;
  url: string;
  /** What the link is for, one short sentence. */
  note?: string;
}

/** One part of a tool. Each kind prints as a recognisable pattern: boxes to tick, lines to write on. */
export type ToolBlock =
  | { kind: 'text'; text: string }
  /** Items to tick off; printed with an empty box. */
  | { kind: 'checklist'; heading: string; items: string[] }
  /** Ordered phases, each with what to do or ask. */
  | { kind: 'steps'; heading: string; items: { title: string; text: string }[] }
  /** Suggested sentences or questions; printed as a bulleted list. */
  | { kind: 'prompts'; heading: string; items: string[] }
  /** Headings with room to write; `lines` is how many writing lines the print gets. */
  | { kind: 'fields'; heading: string; items: { label: string; lines: number }[] }
  | { kind: 'links'; heading: string; items: ToolLink[] };

/** A lesson the tool belongs to, for the "Käytä oppitunnin kanssa" links. */
export interface ToolLesson {
  course: string;
  lesson: string;
}

export interface Tool {
  /** URL id: /tyokalut/<id> and /tyokalut/<id>.pdf. */
  id: string;
  title: string;
  /** One or two sentences: what it is and when to use it. */
  summary: string;
  blocks: ToolBlock[];
  lessons: ToolLesson[];
  /** When the content was last checked (YYYY-MM-DD). */
  updated: string;
}
