/**
 * The shared edge of the two export endpoints: authorise, read the filters,
 * scope them to the manager, then stream. Anything outside the manager's
 * subtrees answers 404 like an unknown id.
 */
import type { APIContext } from 'astro';
import { getDb } from '../db/client';
import { requirePageAccess } from '../web/guard';
import { clientAddressOf } from '../web/request';
import { listReportCourses } from '../learning/catalog';
import { countMembers } from '../db/report-queries';
import { checkReportQuery, describeReportQuery, parseReportQuery, resolveReportFilter } from './report-filter';
import { csvExportResponse, xlsxExportResponse } from './export-response';
import { XLSX_ROW_CAP } from './export-xlsx';

const notFound = () => new Response('Ei löytynyt', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** Handles GET for `format`. */
export async function handleExport(context: APIContext, format: 'csv' | 'xlsx'): Promise<Response> {
  const access = requirePageAccess(context, 'manager.view');
  if (!access.ok) return access.response;
  const db = getDb();
  const courses = await listReportCourses();
  const problems = Object.values(checkReportQuery(context.url.searchParams));
  if (problems.length) return new Response(`Raportin rajaus ei kelpaa.\n${problems.join('\n')}`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const query = parseReportQuery(context.url.searchParams);
  const resolved = resolveReportFilter(db, access.user, courses, query);
  if (!resolved.ok) return notFound();
  const now = new Date();
  const request = { db, actorId: access.user.id, ip: clientAddressOf(context), courses, filter: resolved.filter, described: describeReportQuery(query), now, outlet: context.locals.nodeResponse };
  if (format === 'csv') return csvExportResponse(request, query.separator);
  // The most rows the filter could give; above the cap the export page offers CSV.
  const bound = countMembers(db, resolved.filter) * (query.courseId ? 1 : courses.length);
  if (bound > XLSX_ROW_CAP) {
    return new Response(`Raportissa voi olla yli ${XLSX_ROW_CAP.toLocaleString('fi-FI')} riviä, mikä on liikaa Excel-tiedostoon. Lataa CSV-tiedosto tai rajaa raporttia.`, { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return xlsxExportResponse(request);
}
