/**
 * Paging of a report preview: which rows of `total` page `sivu` shows. The
 * page number comes from the address, so a mistyped or stale one (after a
 * filter shrank the report) lands on the nearest page rather than an error.
 */
export const PREVIEW_PAGE_SIZE = 20;

export interface PreviewWindow {
  /** The page shown, from 1. */
  page: number;
  /** Pages in all (at least 1). */
  pages: number;
  /** Index of the first row shown (0-based) and one past the last. */
  start: number;
  end: number;
}

/** The window of rows for `requested` (the `sivu` parameter as typed, or null). */
export function previewWindow(total: number, requested: string | null, size = PREVIEW_PAGE_SIZE): PreviewWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  const asked = requested && /^\d{1,6}$/.test(requested) ? Number(requested) : 1;
  const page = Math.min(Math.max(1, asked), pages);
  const start = (page - 1) * size;
  return { page, pages, start, end: Math.min(total, start + size) };
}

/** The same address with another page (page 1 drops the parameter). */
export function pageHref(path: string, params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  if (page <= 1) next.delete('sivu');
  else next.set('sivu', String(page));
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}
