/**
 * The certificate as an A4 PDF: real, selectable text in an embedded Noto
 * Sans (covering Finnish and Swedish letters), every fact the verification
 * page shows, and a QR code with the short verification address. The HTML
 * certificate page is the accessible version.
 */
import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { CertificateRow } from '../db/certificates';
import { formatDate, formatQuantity } from '../../format';

const FONT_DIR = path.resolve(process.cwd(), 'src/lib/server/certificates/fonts');
let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;

function fontBytes() {
  fonts ??= { regular: fs.readFileSync(path.join(FONT_DIR, 'NotoSans-Regular.ttf')), bold: fs.readFileSync(path.join(FONT_DIR, 'NotoSans-Bold.ttf')) };
  return fonts;
}

const INK = rgb(0.1, 0.15, 0.19);
const MUTED = rgb(0.29, 0.35, 0.4);
const ACCENT = rgb(0.04, 0.36, 0.45);

/** Splits text into lines that fit `width` at `size`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

interface Cursor {
  page: PDFPage;
  y: number;
  /** Below this the text continues on a new page (the first page keeps room for the QR code). */
  bottom: number;
}

const PAGE_SIZE: [number, number] = [595.28, 841.89];
const TOP = 770;

function addPage(doc: PDFDocument): PDFPage {
  const page = doc.addPage(PAGE_SIZE);
  page.drawRectangle({ x: 30, y: 30, width: 535.28, height: 781.89, borderColor: ACCENT, borderWidth: 2 });
  return page;
}

interface TextOptions {
  x?: number;
  width?: number;
  color?: ReturnType<typeof rgb>;
  gap?: number;
  center?: boolean;
  /** A bullet before the first line. */
  bullet?: boolean;
  /** A label in the left column beside the first line. */
  label?: { text: string; font: PDFFont };
}

function text(c: Cursor, value: string, font: PDFFont, size: number, options: TextOptions = {}): void {
  const x = options.x ?? 60;
  const width = options.width ?? 475;
  let first = true;
  for (const line of wrap(value, font, size, width)) {
    if (c.y < c.bottom) {
      c.page = addPage(c.page.doc);
      c.y = TOP;
      c.bottom = 60;
    }
    const lineX = options.center ? (c.page.getWidth() - font.widthOfTextAtSize(line, size)) / 2 : x;
    if (first && options.bullet) c.page.drawText('•', { x: x - 12, y: c.y, size, font, color: INK });
    if (first && options.label) c.page.drawText(options.label.text, { x: 60, y: c.y, size, font: options.label.font, color: INK });
    first = false;
    c.page.drawText(line, { x: lineX, y: c.y, size, font, color: options.color ?? INK });
    c.y -= size * 1.35;
  }
  c.y -= options.gap ?? 0;
}

export interface CertificatePdfInput {
  certificate: CertificateRow;
  verifyUrl: string;
  statusLabel: string;
}

/** Renders the certificate PDF. */
export async function renderCertificatePdf({ certificate: c, verifyUrl, statusLabel }: CertificatePdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const { regular: regularBytes, bold: boldBytes } = fontBytes();
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  doc.setTitle(`Todistus: ${c.courseTitle} – ${c.holderName}`);
  doc.setAuthor(c.issuerName);
  doc.setSubject(`Todistuksen tunnus ${c.code}. Tarkista: ${verifyUrl}`);
  doc.setLanguage('fi-FI');
  doc.setCreator('Työkykyakatemia');
  doc.setProducer('Työkykyakatemia');
  doc.setCreationDate(c.issuedAt);

  const page = addPage(doc);
  const cur: Cursor = { page, y: TOP, bottom: 190 };
  text(cur, c.issuerName.toUpperCase(), bold, 10, { color: ACCENT, center: true, gap: 14 });
  text(cur, 'TODISTUS', bold, 30, { center: true, gap: 10 });
  text(cur, 'Tällä todistuksella vahvistetaan, että', regular, 12, { center: true, color: MUTED, gap: 8 });
  text(cur, c.holderName, bold, 24, { center: true, gap: 8 });
  text(cur, 'on suorittanut verkkokurssin', regular, 12, { center: true, color: MUTED, gap: 8 });
  text(cur, c.courseTitle, bold, 18, { center: true, gap: 2 });
  text(cur, `versio ${c.version}`, regular, 11, { center: true, color: MUTED, gap: 18 });

  text(cur, 'Osaamistavoitteet', bold, 12, { gap: 2 });
  for (const outcome of c.outcomes) {
    text(cur, outcome, regular, 10, { x: 75, width: 460, bullet: true });
  }
  cur.y -= 10;
  text(cur, 'Suoritusehdot', bold, 12, { gap: 2 });
  text(cur, c.criteria, regular, 10, { gap: 12 });

  const facts: [string, string][] = [
    ['Laajuus', `${formatQuantity(c.creditHours)} opintotuntia`],
    ['Myönnetty', formatDate(c.issuedAt)],
    ['Voimassa', c.validUntil ? `${formatDate(c.validUntil)} asti` : 'toistaiseksi'],
    ['Tila', statusLabel],
    ['Myöntäjä', `${c.issuerName}, ${c.issuerEmail}`],
    ['Todistuksen tunnus', c.code],
    ['Sisällön tarkiste', c.contentHash],
  ];
  for (const [label, value] of facts) {
    text(cur, value, regular, 10, { x: 180, width: 355, label: { text: `${label}:`, font: bold } });
  }

  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6, color: { dark: '#000000', light: '#ffffff' } });
  const image = await doc.embedPng(qr);
  page.drawImage(image, { x: 60, y: 60, width: 110, height: 110 });
  const qrText: Cursor = { page, y: 150, bottom: 0 };
  text(qrText, 'Tarkista todistuksen aitous ja voimassaolo:', bold, 10, { x: 185, width: 350 });
  text(qrText, verifyUrl, regular, 11, { x: 185, width: 350, color: ACCENT });
  text(qrText, 'Vertaa tämän todistuksen tietoja tarkistussivulla näkyviin tietoihin. Todistuksesta on myös saavutettava HTML-versio samassa osoitteessa.', regular, 8.5, { x: 185, width: 350, color: MUTED });
  return doc.save();
}
