/**
 * A tool as a tagged PDF, rendered once at build time from the same data
 * as its page.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { listTools } from '../../lib/tools/catalog';
import { renderToolPdf } from '../../lib/tools/pdf';
import type { Tool } from '../../lib/tools/types';

export const prerender = true;

export const getStaticPaths: GetStaticPaths = () => listTools().map((tool) => ({ params: { tool: tool.id }, props: { tool } }));

export const GET: APIRoute = async ({ props, site }) => {
  const tool = props.tool as Tool;
  // The check date, not the build time, so an unchanged tool gives the same bytes.
  const bytes = await renderToolPdf(tool, { siteUrl: site?.origin ?? 'http://localhost', date: new Date(`${tool.updated}T12:00:00Z`) });
  return new Response(bytes, { headers: { 'content-type': 'application/pdf' } });
};
