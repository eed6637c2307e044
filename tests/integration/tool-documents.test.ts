/**
 * The printable tools as a person meets them: the PDF rendered to an image
 * and read back with OCR, its tagged structure, and every lesson a tool
 * points to existing in the real curriculum.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTools, findTool } from '../../src/lib/tools/catalog';
import { renderToolPdf } from '../../src/lib/tools/pdf';
import { loadContentFiles } from '../../src/lib/content/load-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-tools-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const options = { siteUrl: 'https://oppiminen.example.fi', date: new Date('2026-12-02T12:00:00Z') };

/** The first page of a PDF as OCR'd Finnish text, whitespace collapsed. */
function readFirstPage(bytes: Uint8Array, name: string): string {
  const pdf = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(pdf, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(dir, name)]);
  const text = execFileSync('tesseract', [path.join(dir, `${name}.png`), '-', '-l', 'fin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return text.replace(/\s+/g, ' ');
}

describe('tool PDFs', () => {
  it('show the title and the first checklist item when printed', async () => {
    const tool = findTool('puheeksi-otto-keskustelurunko')!;
    const text = readFirstPage(await renderToolPdf(tool, options), tool.id);
    expect(text).toContain('Työkyvyn puheeksi otto: keskustelun runko');
    expect(text).toContain('Ennen keskustelua');
    expect(text).toContain('Onko asiakkaalla työterveyshuolto');
  });

  it('print the Kela form codes of the referral checklist', async () => {
    const tool = findTool('ohjauksen-tarkistuslista')!;
    const bytes = await renderToolPdf(tool, options);
    const pdf = path.join(dir, 'ohjaus.pdf');
    fs.writeFileSync(pdf, bytes);
    // The links are on the second page; pdftotext reads the real text layer.
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Hakemus – Ammatillinen kuntoutus (KU 101)');
    expect(text).toContain('https://www.kela.fi/lomakkeet');
  });

  it('are tagged, in Finnish, with the title shown in the window', async () => {
    for (const tool of listTools()) {
      const raw = Buffer.from(await renderToolPdf(tool, options)).toString('latin1');
      expect(raw, tool.id).toContain('/StructTreeRoot');
      expect(raw, tool.id).toMatch(/\/Lang \(fi-FI\)/);
      expect(raw, tool.id).toContain('/DisplayDocTitle true');
      const info = execFileSync('pdfinfo', ['-'], { input: Buffer.from(await renderToolPdf(tool, options)), encoding: 'utf8' });
      expect(info, tool.id).toMatch(/Tagged:\s+yes/);
    }
  });

  it('are the same bytes for the same content', async () => {
    const tool = listTools()[0]!;
    expect(Buffer.from(await renderToolPdf(tool, options)).equals(Buffer.from(await renderToolPdf(tool, options)))).toBe(true);
  });
});

describe('tool catalogue', () => {
  it('links only to lessons that exist, and every tool is linked from a lesson', () => {
    const { courses } = loadContentFiles(path.resolve('src/content'));
    const lessonIds = new Set(courses.flatMap((c) => c.lessons.map((l) => l.id)));
    const bodies = courses.flatMap((c) => c.lessons.map((l) => l.body)).join('\n');
    for (const tool of listTools()) {
      for (const l of tool.lessons) expect(lessonIds.has(`${l.course}/${l.lesson}`), `${tool.id} → ${l.course}/${l.lesson}`).toBe(true);
      expect(bodies, tool.id).toContain(`](/tyokalut/${tool.id})`);
    }
  });

  it('has unique ids and 4–6 tools', () => {
    const ids = listTools().map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(ids.length).toBeLessThanOrEqual(6);
  });
});
