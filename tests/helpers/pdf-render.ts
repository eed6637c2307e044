/**
 * Renders a PDF the way people's viewers do, and reads the picture back:
 * poppler (`pdftoppm`, as in many Linux viewers and print pipelines), pdf.js
 * (Firefox) and PDFium (Chrome, Edge), each to a PNG, then tesseract OCR.
 * A broken font shows here as missing or wrong letters, which a text-layer
 * extraction never notices.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { PDFiumLibrary } from '@hyzyla/pdfium';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type Renderer = 'poppler' | 'pdfjs' | 'pdfium';
export const RENDERERS: Renderer[] = ['poppler', 'pdfjs', 'pdfium'];

/** Resolution for OCR: 300 dpi tells Å from A and Q from O in 10 pt text. */
const DPI = Number(process.env.OCR_DPI ?? 300);
const SCALE = DPI / 72;

/** Opens a PDF with pdf.js (a copy: pdf.js takes ownership of the buffer). */
export async function openWithPdfjs(pdf: Uint8Array): Promise<{ doc: PDFDocumentProxy; close: () => Promise<void> }> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true });
  return { doc: await task.promise, close: () => task.destroy() };
}

function tempFile(dir: string, name: string): string {
  return path.join(dir, name);
}

/** Renders one page (1-based) to a PNG file and returns its path. */
export async function renderPage(pdf: Uint8Array, renderer: Renderer, pageNumber: number, dir: string): Promise<string> {
  const out = tempFile(dir, `${renderer}-${pageNumber}.png`);
  if (renderer === 'poppler') {
    const input = tempFile(dir, 'input.pdf');
    fs.writeFileSync(input, pdf);
    const prefix = tempFile(dir, `poppler-${pageNumber}`);
    execFileSync('pdftoppm', ['-r', String(DPI), '-f', String(pageNumber), '-l', String(pageNumber), '-png', '-singlefile', input, prefix]);
    fs.renameSync(`${prefix}.png`, out);
    return out;
  }
  if (renderer === 'pdfjs') {
    const { doc, close } = await openWithPdfjs(pdf);
    try {
      const page = await doc.getPage(pageNumber);
      const viewport = page.getViewport({ scale: SCALE });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
      fs.writeFileSync(out, canvas.toBuffer('image/png'));
    } finally {
      await close();
    }
    return out;
  }
  const library = await PDFiumLibrary.init();
  try {
    const doc = await library.loadDocument(pdf);
    const page = doc.getPage(pageNumber - 1);
    const image = await page.render({ scale: SCALE, render: 'bitmap' });
    doc.destroy();
    // PDFium gives BGRA; the canvas wants RGBA.
    const rgba = new Uint8ClampedArray(image.data.length);
    for (let i = 0; i < image.data.length; i += 4) {
      rgba[i] = image.data[i + 2]!;
      rgba[i + 1] = image.data[i + 1]!;
      rgba[i + 2] = image.data[i]!;
      rgba[i + 3] = 255;
    }
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    const data = context.createImageData(image.width, image.height);
    data.data.set(rgba);
    context.putImageData(data, 0, 0);
    fs.writeFileSync(out, canvas.toBuffer('image/png'));
  } finally {
    library.destroy();
  }
  return out;
}

/** Reads a rendered page back with tesseract (Finnish and Swedish), whitespace collapsed. */
export function readBack(png: string, languages = 'fin+swe'): string {
  const text = execFileSync('tesseract', [png, 'stdout', '-l', languages, '--psm', '3'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Renders and reads back a page with each renderer. */
export async function seePage(pdf: Uint8Array, renderer: Renderer, pageNumber = 1): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-pdf-'));
  try {
    return readBack(await renderPage(pdf, renderer, pageNumber, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
