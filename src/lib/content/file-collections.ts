/**
 * The course content read from the files in the shape of the content
 * collections (id, parsed data, MDX body), so scripts, jobs and tests feed
 * the same `buildCatalog` the server does and compute the same content hash.
 */
import path from 'node:path';
import type { z } from 'astro/zod';
import { formatProblems, loadContentFiles, type LoadedContent } from './load-files';
import type { courseSchema, finalQuizSchema, lessonSchema } from './schema';

export interface CollectionEntryLike<D> {
  id: string;
  data: D;
  /** The MDX body (lessons), trimmed as Astro trims it. */
  body?: string;
}

export interface CollectionContent<
  C extends CollectionEntryLike<z.infer<typeof courseSchema>> = CollectionEntryLike<z.infer<typeof courseSchema>>,
  L extends CollectionEntryLike<z.infer<typeof lessonSchema>> = CollectionEntryLike<z.infer<typeof lessonSchema>>,
  F extends CollectionEntryLike<z.infer<typeof finalQuizSchema>> = CollectionEntryLike<z.infer<typeof finalQuizSchema>>,
> {
  /** Published (non-draft) courses. */
  courses: C[];
  lessons: L[];
  finalQuizzes: F[];
}

/** The default content folder, relative to the working directory (the repository root). */
export function defaultContentDir(): string {
  return path.resolve(process.cwd(), 'src/content');
}

/**
 * Reads the content files as collections.
 * @throws when the content has problems (`npm run check` names them too).
 */
export function readContentFiles(contentDir = defaultContentDir()): CollectionContent {
  const loaded = loadContentFiles(contentDir);
  if (loaded.problems.length) throw new Error(`Kurssisisällössä on virheitä:\n${formatProblems(loaded.problems)}`);
  return collectionsOf(loaded);
}

/** Loaded content files in the shape of the collections (published courses only). */
export function collectionsOf(loaded: Pick<LoadedContent, 'courses'>): CollectionContent {
  return {
    courses: loaded.courses.filter((c) => !c.data.draft).map((c) => ({ id: c.id, data: c.data })),
    // Astro trims MDX bodies; trimming here keeps the content hash equal to the server's.
    lessons: loaded.courses.flatMap((c) => c.lessons.map((l) => ({ id: l.id, data: l.data, body: l.body.trim() }))),
    finalQuizzes: loaded.courses.flatMap((c) => (c.finalQuiz ? [{ id: c.id, data: c.finalQuiz.data }] : [])),
  };
}

/** {@link readContentFiles} as the content collections module reads them (the test and script stand-in for `astro:content`). */
export async function readCollections(): Promise<CollectionContent> {
  return readContentFiles(process.env.CONTENT_DIR ? path.resolve(process.env.CONTENT_DIR) : defaultContentDir());
}
