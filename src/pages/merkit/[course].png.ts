import type { APIRoute } from 'astro';
import { getConfig } from '../../lib/server/config';
import { loadCatalog } from '../../lib/server/learning/catalog';
import { badgePng } from '../../lib/server/certificates/badge-image';

export const prerender = false;

/** A course's badge image, which every credential of the course names as its achievement's `image`. Public. */
export const GET: APIRoute = async ({ params }) => {
  const course = params.course ? (await loadCatalog()).courses.get(params.course) : undefined;
  if (!course) return new Response('Ei löytynyt', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const png = badgePng({ courseId: course.entry.id, courseTitle: course.entry.data.title, orgName: getConfig().orgName });
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' } });
};
