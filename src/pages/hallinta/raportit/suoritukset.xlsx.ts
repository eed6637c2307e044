import type { APIRoute } from 'astro';
import { handleExport } from '../../../lib/server/reporting/export-endpoint';

export const prerender = false;

/** Completion records as an Excel workbook (filters in the query string, see /hallinta/raportit). */
export const GET: APIRoute = (context) => handleExport(context, 'xlsx');
