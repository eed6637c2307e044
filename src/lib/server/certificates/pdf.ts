/**
 * The certificate as an A4 PDF that every viewer shows the same way and a
 * screen reader can read: a tagged PDF (PDF/UA-1 intent) written with
 * pdfkit, which embeds a correct subset of Noto Sans, builds the structure
 * tree (headings, paragraphs, a list, the QR code as a figure with
 * alternative text, the verification address as a link annotation) and the
 * XMP metadata. The signed Open Badges credential rides along as an attached
 * file, so the one file a learner keeps can be verified offline later.
 *
 * Reading order is visual order: everything, the QR block included, is laid
 * out in one flow from top to bottom, continuing on a new page when needed.
 * Nothing printed goes stale: the PDF states the validity period and points
 * to the live verification page for the status now.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificateRow } from '../db/certificates';
import { formatDate, formatQuantity } from '../../format';

const FONT_DIR = path.resolve(process.cwd(), 'src/lib/server/certificates/fonts');
let fonts: { regular: Buffer; bold: Buffer } | undefined;

function fontBytes() {
  fonts ??= { regular: fs.readFileSync(path.join(FONT_DIR, 'NotoSans-Regular.ttf')), bold: fs.readFileSync(path.join(FONT_DIR, 'NotoSans-Bold.ttf')) };
  return fonts;
}

const INK = '#1a2630';
const MUTED = '#48545e';
const ACCENT = '#0a5c73';
const MARGIN = 60;
const PAGE_TOP = 64;
const PAGE_BOTTOM_GAP = 60;

/** What the PDF states. */
export interface CertificatePdfInput {
  certificate: CertificateRow;
  verifyUrl: string;
  /** The signed credential (VC-JWT), attached to the PDF as a file. */
  credentialJwt?: string;
}

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

/** Text is normalised to NFC so a name typed with combining marks uses the font's composed glyphs where they exist. */
const nfc = (value: string) => value.normalize('NFC');

/** XMP is XML: pdfkit writes the info strings into it unescaped. */
function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeXmpOnEnd(doc: Doc): void {
  const internal = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = internal._addInfo.bind(doc);
  internal._addInfo = () => {
    const saved = { ...internal.info };
    for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) {
      if (typeof saved[key] === 'string') internal.info[key] = escapeXml(saved[key] as string);
    }
    addInfo();
    Object.assign(internal.info, saved);
  };
}

/** Starts a new page when fewer than `needed` points are left. */
function ensureRoom(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - PAGE_BOTTOM_GAP) doc.addPage();
}

/** Frames every page; the frame is decoration, marked as an artifact so assistive technology skips it. */
function drawFrame(doc: Doc): void {
  doc.markContent('Artifact', { type: 'Layout' });
  doc.save().lineWidth(2).strokeColor(ACCENT).rect(30, 30, doc.page.width - 60, doc.page.height - 60).stroke().restore();
  doc.endMarkedContent();
}

interface Block {
  tag: 'H1' | 'H2' | 'P';
  text: string;
  font: 'regular' | 'bold';
  size: number;
  color?: string;
  align?: 'left' | 'center';
  gapAfter?: number;
}

function addBlock(doc: Doc, parent: Struct, b: Block): void {
  doc.font(b.font).fontSize(b.size);
  ensureRoom(doc, doc.currentLineHeight(true) * 1.2);
  parent.add(
    doc.struct(b.tag, () => {
      doc.fillColor(b.color ?? INK).text(nfc(b.text), MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN, align: b.align ?? 'left', lineGap: b.size * 0.2 });
    }),
  );
  doc.moveDown((b.gapAfter ?? 0) / b.size);
}

function addList(doc: Doc, parent: Struct, items: string[]): void {
  const list = doc.struct('L');
  parent.add(list);
  doc.font('regular').fontSize(10.5);
  for (const item of items) {
    ensureRoom(doc, 30);
    const top = doc.y;
    const li = doc.struct('LI');
    list.add(li);
    li.add(doc.struct('Lbl', () => doc.fillColor(INK).text('•', MARGIN + 6, top, { lineBreak: false })));
    li.add(doc.struct('LBody', () => doc.fillColor(INK).text(nfc(item), MARGIN + 20, top, { width: doc.page.width - 2 * MARGIN - 20, lineGap: 2 })));
    doc.moveDown(0.25);
  }
  list.end();
}

/** One "label: value" fact as a paragraph, the label in bold. */
function addFact(doc: Doc, parent: Struct, label: string, value: string): void {
  doc.fontSize(10.5);
  ensureRoom(doc, 20);
  const width = doc.page.width - 2 * MARGIN;
  parent.add(
    doc.struct('P', () => {
      doc.font('bold').fillColor(INK).text(`${label}: `, MARGIN, doc.y, { width, continued: true, lineGap: 2 });
      doc.font('regular').text(nfc(value), { width, lineGap: 2 });
    }),
  );
  doc.moveDown(0.15);
}

/** The validity period as printed: a period, never a status. */
export function validityText(c: Pick<CertificateRow, 'issuedAt' | 'validUntil'>): string {
  return c.validUntil ? `${formatDate(c.issuedAt)} – ${formatDate(c.validUntil)}` : `${formatDate(c.issuedAt)} alkaen, ei päättymispäivää`;
}

async function addVerificationBlock(doc: Doc, parent: Struct, verifyUrl: string): Promise<void> {
  const qrSize = 104;
  ensureRoom(doc, qrSize + 20);
  doc.moveDown(0.8);
  const top = doc.y;
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6, color: { dark: '#000000', light: '#ffffff' } });
  parent.add(
    doc.struct('Figure', { alt: `QR-koodi, joka avaa todistuksen tarkistussivun ${verifyUrl}`, bbox: [MARGIN, top, MARGIN + qrSize, top + qrSize], placement: 'Block' }, () => {
      doc.image(qr, MARGIN, top, { width: qrSize, height: qrSize });
    }),
  );
  const textX = MARGIN + qrSize + 20;
  const width = doc.page.width - MARGIN - textX;
  doc.y = top + 4;
  parent.add(doc.struct('H2', () => doc.font('bold').fontSize(11).fillColor(INK).text('Tarkista todistus', textX, doc.y, { width })));
  doc.moveDown(0.2);
  const link = doc.struct('Link', { alt: `Todistuksen tarkistussivu ${verifyUrl}` });
  const paragraph = doc.struct('P');
  parent.add(paragraph);
  paragraph.add(link);
  doc.font('regular').fontSize(11).fillColor(ACCENT);
  const linkTop = doc.y;
  link.add(doc.markStructureContent('Link'));
  doc.text(verifyUrl, textX, linkTop, { width });
  doc.endMarkedContent();
  const linkHeight = doc.y - linkTop;
  doc.link(textX, linkTop, Math.min(width, doc.widthOfString(verifyUrl)), linkHeight, verifyUrl, {
    structParent: link,
    Contents: new String(`Todistuksen tarkistussivu ${verifyUrl}`),
  } as unknown as Record<string, unknown>);
  link.end();
  paragraph.end();
  doc.moveDown(0.3);
  parent.add(
    doc.struct('P', () =>
      doc
        .font('regular')
        .fontSize(9)
        .fillColor(MUTED)
        .text(
          'Tarkistussivu näyttää todistuksen tilan juuri nyt (voimassa, vanhentunut tai peruttu) ja samat tiedot kuin tämä todistus: nimen, kurssin ja sen version, päivämäärät ja tunnuksen. Sivu on myös todistuksen saavutettava versio.',
          textX,
          doc.y,
          { width, lineGap: 1.5 },
        ),
    ),
  );
  doc.y = Math.max(doc.y, top + qrSize) + 8;
  doc.x = MARGIN;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Renders the certificate PDF. */
export async function renderCertificatePdf({ certificate: c, verifyUrl, credentialJwt }: CertificatePdfInput): Promise<Uint8Array> {
  const title = nfc(`Todistus: ${c.courseTitle} – ${c.holderName}`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE_TOP, bottom: PAGE_BOTTOM_GAP, left: MARGIN, right: MARGIN },
    pdfVersion: '1.7',
    // pdfkit 0.20 writes the PDF/UA identification into the XMP; its type declarations predate it.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    tagged: true,
    lang: 'fi-FI',
    displayTitle: true,
    autoFirstPage: false,
    // Frames are drawn once the flow is laid out, so they never interrupt a tagged paragraph that crosses pages.
    bufferPages: true,
    info: {
      Title: title,
      Author: nfc(c.issuerName),
      Subject: `Todistuksen tunnus ${c.code}. Tarkista: ${verifyUrl}`,
      Keywords: `todistus, ${nfc(c.courseTitle)}, ${c.code}`,
      Creator: 'Työkykyakatemia',
      Producer: 'Työkykyakatemia',
      CreationDate: c.issuedAt,
      ModDate: c.issuedAt,
    },
  });
  escapeXmpOnEnd(doc);
  const done = collect(doc);
  const { regular, bold } = fontBytes();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  doc.addPage();

  const root = doc.struct('Document');
  doc.addStructure(root);
  addBlock(doc, root, { tag: 'P', text: c.issuerName.toUpperCase(), font: 'bold', size: 10, color: ACCENT, align: 'center', gapAfter: 14 });
  addBlock(doc, root, { tag: 'H1', text: 'Todistus', font: 'bold', size: 30, align: 'center', gapAfter: 10 });
  addBlock(doc, root, { tag: 'P', text: 'Tällä todistuksella vahvistetaan, että', font: 'regular', size: 12, color: MUTED, align: 'center', gapAfter: 6 });
  addBlock(doc, root, { tag: 'P', text: c.holderName, font: 'bold', size: 24, align: 'center', gapAfter: 6 });
  addBlock(doc, root, { tag: 'P', text: 'on suorittanut verkkokurssin', font: 'regular', size: 12, color: MUTED, align: 'center', gapAfter: 6 });
  addBlock(doc, root, { tag: 'P', text: c.courseTitle, font: 'bold', size: 18, align: 'center', gapAfter: 2 });
  addBlock(doc, root, { tag: 'P', text: `versio ${c.version}`, font: 'regular', size: 11, color: MUTED, align: 'center', gapAfter: 16 });

  addBlock(doc, root, { tag: 'H2', text: 'Osaamistavoitteet', font: 'bold', size: 12.5, gapAfter: 4 });
  addList(doc, root, c.outcomes);
  doc.moveDown(0.5);
  addBlock(doc, root, { tag: 'H2', text: 'Suoritusehdot', font: 'bold', size: 12.5, gapAfter: 4 });
  addBlock(doc, root, { tag: 'P', text: c.criteria, font: 'regular', size: 10.5, gapAfter: 10 });

  addBlock(doc, root, { tag: 'H2', text: 'Todistuksen tiedot', font: 'bold', size: 12.5, gapAfter: 4 });
  const facts: [string, string][] = [
    ['Laajuus', `${formatQuantity(c.creditHours)} opintotuntia`],
    ['Myönnetty', formatDate(c.issuedAt)],
    ['Voimassaoloaika', validityText(c)],
    ['Myöntäjä', `${c.issuerName}, ${c.issuerEmail}`],
    ['Todistuksen tunnus', c.code],
    ['Sisällön tarkiste', c.contentHash],
  ];
  for (const [label, value] of facts) addFact(doc, root, label, value);

  await addVerificationBlock(doc, root, verifyUrl);
  root.end();
  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i += 1) {
    doc.switchToPage(i);
    drawFrame(doc);
  }

  if (credentialJwt) {
    doc.file(Buffer.from(credentialJwt, 'utf8'), {
      name: `todistus-${c.code}.jwt`,
      type: 'application/jwt',
      description: 'Allekirjoitettu Open Badges 3.0 -osaamismerkki (VC-JWT) tästä todistuksesta',
      relationship: 'Data',
      creationDate: c.issuedAt,
      modifiedDate: c.issuedAt,
    });
  }
  doc.end();
  return new Uint8Array(await done);
}
