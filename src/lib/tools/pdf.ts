/**
 * A tool as a tagged, printable A4 PDF (PDF/UA-style structure: headings,
 * lists, links and paragraphs in reading order; boxes and writing lines are
 * artifacts). Rendered from the same data as the HTML page.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Tool, ToolBlock } from './types';

const FONT_DIR = path.resolve(process.cwd(), 'src/lib/server/certificates/fonts');
const INK = '#1b2730';
const MUTED = '#4a5a66';
const ACCENT = '#0b5c73';
const MARGIN = 56;

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

/** The site address printed in the footer and used for links, e.g. "https://tyokykyakatemia.fi". */
export interface PdfOptions {
  siteUrl: string;
  /** Fixed creation date, so the same content gives the same file. */
  date: Date;
}

/** Renders the tool as PDF bytes. */
export async function renderToolPdf(tool: Tool, options: PdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    tagged: true,
    lang: 'fi-FI',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: tool.title, Author: 'Työkykyakatemia', Subject: tool.summary, Keywords: 'työkyky, työkalu', CreationDate: options.date, ModDate: options.date },
  });
  doc.registerFont('Regular', fs.readFileSync(path.join(FONT_DIR, 'NotoSans-Regular.ttf')));
  doc.registerFont('Bold', fs.readFileSync(path.join(FONT_DIR, 'NotoSans-Bold.ttf')));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - 2 * MARGIN;

  const add = (parent: Struct, tag: string, draw: () => void) => {
    const el = doc.struct(tag, {}, [draw]);
    parent.add(el);
    el.end();
  };
  /** Starts a new page when less than `height` points remain. */
  const room = (height: number) => {
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  };

  add(root, 'H1', () => doc.font('Bold').fontSize(20).fillColor(ACCENT).text(tool.title, { width }));
  doc.moveDown(0.4);
  add(root, 'P', () => doc.font('Regular').fontSize(11).fillColor(INK).text(tool.summary, { width, lineGap: 2 }));
  doc.moveDown(0.3);
  const page = `${options.siteUrl.replace(/\/$/, '')}/tyokalut/${tool.id}`;
  add(root, 'P', () => doc.font('Regular').fontSize(8.5).fillColor(MUTED).text(`Työkykyakatemia · CC BY 4.0 · tarkistettu ${formatDay(tool.updated)} · ${page}`, { width }));

  for (const block of tool.blocks) drawBlock(doc, root, block, width, add, room);

  root.end();
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function drawBlock(doc: Doc, root: Struct, block: ToolBlock, width: number, add: (p: Struct, tag: string, draw: () => void) => void, room: (h: number) => void): void {
  if (block.kind === 'text') {
    doc.moveDown(0.6);
    add(root, 'P', () => doc.font('Regular').fontSize(11).fillColor(INK).text(block.text, { width, lineGap: 2 }));
    return;
  }
  doc.moveDown(0.9);
  room(60);
  const sect = doc.struct('Sect');
  root.add(sect);
  add(sect, 'H2', () => doc.font('Bold').fontSize(13.5).fillColor(ACCENT).text(block.heading, { width }));
  doc.moveDown(0.3);
  const indent = 22;
  const list = () => {
    const l = doc.struct('L');
    sect.add(l);
    return l;
  };
  /** One list item: the label (box, number or dash) and the body, both tagged. */
  const item = (l: Struct, label: string | 'box', body: Array<Struct | (() => void)>, bodyHeight: number) => {
    room(bodyHeight + 6);
    const li = doc.struct('LI');
    l.add(li);
    const x = doc.page.margins.left;
    const y = doc.y;
    if (label === 'box') {
      doc.markContent('Artifact', { type: 'Layout' });
      doc.lineWidth(1).strokeColor(INK).rect(x + 2, y + 3, 10, 10).stroke();
      doc.endMarkedContent();
    } else {
      li.add(doc.struct('Lbl', {}, [() => doc.font('Bold').fontSize(11).fillColor(INK).text(label, x, y, { width: indent - 4, lineBreak: false })]));
    }
    doc.x = x + indent;
    doc.y = y;
    // Children run in order once attached to the tree.
    li.add(doc.struct('LBody', {}, body));
    li.end();
    doc.x = x;
    doc.moveDown(0.35);
  };
  const bodyWidth = width - indent;
  const h = (text: string, size = 11) => doc.font('Regular').fontSize(size).heightOfString(text, { width: bodyWidth, lineGap: 1.5 });

  switch (block.kind) {
    case 'checklist': {
      const l = list();
      for (const text of block.items) item(l, 'box', [() => doc.font('Regular').fontSize(11).fillColor(INK).text(text, { width: bodyWidth, lineGap: 1.5 })], h(text));
      l.end();
      break;
    }
    case 'prompts': {
      const l = list();
      for (const text of block.items) item(l, '–', [() => doc.font('Regular').fontSize(11).fillColor(INK).text(text, { width: bodyWidth, lineGap: 1.5 })], h(text));
      l.end();
      break;
    }
    case 'steps': {
      const l = list();
      block.items.forEach((s, i) =>
        item(
          l,
          `${i + 1}.`,
          [
            () => {
              doc.font('Bold').fontSize(11).fillColor(INK).text(s.title, { width: bodyWidth });
              doc.font('Regular').fontSize(11).text(s.text, { width: bodyWidth, lineGap: 1.5 });
            },
          ],
          h(s.title) + h(s.text),
        ),
      );
      l.end();
      break;
    }
    case 'fields': {
      for (const f of block.items) {
        const lineGapPt = 24;
        room(h(f.label) + f.lines * lineGapPt + 8);
        add(sect, 'P', () => doc.font('Bold').fontSize(11).fillColor(INK).text(f.label, { width }));
        const x = doc.page.margins.left;
        doc.markContent('Artifact', { type: 'Layout' });
        for (let i = 1; i <= f.lines; i++) {
          const y = doc.y + i * lineGapPt - 4;
          doc.lineWidth(0.8).strokeColor(MUTED).moveTo(x, y).lineTo(x + width, y).stroke();
        }
        doc.endMarkedContent();
        doc.y += f.lines * lineGapPt + 6;
        doc.x = x;
      }
      break;
    }
    case 'links': {
      const l = list();
      for (const link of block.items) {
        const note = link.note ? `${link.note} ` : '';
        item(
          l,
          '–',
          [
            doc.struct('Link', {}, [() => doc.font('Bold').fontSize(11).fillColor(ACCENT).text(link.title, { width: bodyWidth, link: link.url, underline: true })]),
            // The address is printed too: on paper a link is only as good as its visible URL.
            () => doc.font('Regular').fontSize(10).fillColor(INK).text(`${note}${link.url}`, { width: bodyWidth, lineGap: 1.5 }),
          ],
          h(link.title) + h(`${note}${link.url}`, 10),
        );
      }
      l.end();
      break;
    }
  }
  sect.end();
}

/** "2026-12-02" → "2.12.2026". */
function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}.${m}.${y}`;
}
