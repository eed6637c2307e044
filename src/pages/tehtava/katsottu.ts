import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { loadCatalog } from '../../lib/server/learning/catalog';
import { recordView } from '../../lib/server/learning/progress';

export const prerender = false;

const input = z.object({ lesson: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/) });

/** The view beacon of a lesson page: records the view for a signed-in learner, ignores visitors. */
export const POST: APIRoute = async ({ request, locals }) => {
  if (!locals.user) return new Response(null, { status: 204 });
  const parsed = input.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return new Response(null, { status: 400 });
  const [courseId, lessonId] = parsed.data.lesson.split('/') as [string, string];
  const info = (await loadCatalog()).courses.get(courseId);
  if (!info || !info.structure.lessons.some((l) => l.id === lessonId)) return new Response(null, { status: 404 });
  recordView(locals.ctx.db, info.structure, lessonId, { userId: locals.user.id }, new Date());
  return new Response(null, { status: 204 });
};
