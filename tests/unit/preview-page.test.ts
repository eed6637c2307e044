import { describe, expect, it } from 'vitest';
import { pageHref, previewWindow } from '../../src/lib/reporting/preview-page';

describe('report preview paging', () => {
  it('shows 20 rows a page', () => {
    expect(previewWindow(187, null)).toEqual({ page: 1, pages: 10, start: 0, end: 20 });
    expect(previewWindow(187, '10')).toEqual({ page: 10, pages: 10, start: 180, end: 187 });
    expect(previewWindow(0, null)).toEqual({ page: 1, pages: 1, start: 0, end: 0 });
  });

  it('lands on the nearest page for a number out of range or not a number', () => {
    expect(previewWindow(45, '9').page).toBe(3);
    expect(previewWindow(45, '0').page).toBe(1);
    expect(previewWindow(45, 'kaksi').page).toBe(1);
    expect(previewWindow(45, '-2').page).toBe(1);
  });

  it('keeps the filters in the page links', () => {
    const params = new URLSearchParams('tila=kesken&sivu=3');
    expect(pageHref('/hallinta/raportit', params, 4)).toBe('/hallinta/raportit?tila=kesken&sivu=4');
    expect(pageHref('/hallinta/raportit', params, 1)).toBe('/hallinta/raportit?tila=kesken');
    expect(pageHref('/hallinta/raportit', new URLSearchParams(), 1)).toBe('/hallinta/raportit');
  });
});
