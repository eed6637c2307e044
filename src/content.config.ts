/**
 * Content collections: courses (course.yaml), lessons (MDX), final quizzes
 * and the shared glossary. The shapes live in `lib/content/schema.ts`, shared
 * with `npm run check`'s file checker; cross-file rules run in the build's
 * content check integration.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { courseSchema, finalQuizSchema, glossarySchema, lessonSchema } from './lib/content/schema';

// Tests build with a fixture course in a separate content folder.
const root = process.env.CONTENT_DIR ?? 'src/content';

const courses = defineCollection({
  loader: glob({ base: `${root}/courses`, pattern: '*/course.yaml', generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: courseSchema,
});

const lessons = defineCollection({
  loader: glob({
    base: `${root}/courses`,
    pattern: '*/lessons/*.mdx',
    generateId: ({ entry }) => {
      const [course, , file] = entry.split('/');
      return `${course}/${file!.replace(/\.mdx$/, '')}`;
    },
  }),
  schema: lessonSchema,
});

const finalQuizzes = defineCollection({
  loader: glob({ base: `${root}/courses`, pattern: '*/final-quiz.yaml', generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: finalQuizSchema,
});

const glossary = defineCollection({
  loader: glob({ base: `${root}/glossary`, pattern: '*.yaml', generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
  schema: glossarySchema,
});

export const collections = { courses, lessons, finalQuizzes, glossary };
