/**
 * The content collections as plain data for the catalog (`buildCatalog`):
 * the one place the server's catalog reads `astro:content`. Scripts, jobs and
 * tests read the same shape from the files (`lib/content/file-collections.ts`;
 * Vitest resolves this module to that one).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { CollectionContent } from './lib/content/file-collections';

/** The published courses, every lesson and every final quiz. */
export async function readCollections(): Promise<CollectionContent<CollectionEntry<'courses'>, CollectionEntry<'lessons'>, CollectionEntry<'finalQuizzes'>>> {
  const [courses, lessons, finalQuizzes] = await Promise.all([getCollection('courses', (c) => !c.data.draft), getCollection('lessons'), getCollection('finalQuizzes')]);
  return { courses, lessons, finalQuizzes };
}
