import type { APIRoute } from 'astro';
import { requirePageAccess } from '../../lib/server/web/guard';
import { clientAddressOf } from '../../lib/server/web/request';
import { listReportCourses } from '../../lib/server/learning/catalog';
import { computeFunderReport, listFunderYears, parseFunderYear } from '../../lib/server/reporting/funders';
import { funderXlsxResponse } from '../../lib/server/reporting/funders-xlsx';

export const prerender = false;

/** The funder indicators of one year (`vuosi`, see /hallinta/rahoittajat) as an Excel workbook. */
export const GET: APIRoute = async (context) => {
  const access = requirePageAccess(context, 'manager.view');
  if (!access.ok) return access.response;
  const db = context.locals.ctx.db;
  const now = new Date();
  const year = parseFunderYear(context.url.searchParams.get('vuosi'), listFunderYears(db, now), now);
  if (year === undefined) return new Response('Ei löytynyt', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const report = computeFunderReport(db, context.locals.ctx.scope(), await listReportCourses(), year);
  return funderXlsxResponse({ db, actorId: access.user.id, ip: clientAddressOf(context), report });
};
