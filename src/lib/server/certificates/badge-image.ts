/**
 * Badge images: one per course, drawn here as SVG (course title, "Osaamismerkki",
 * the organisation) and rendered to PNG with the certificate fonts, and
 * baking, that is the Open Badges 3.0 way of carrying the signed credential
 * inside the image:
 * - PNG: one uncompressed `iTXt` chunk with keyword `openbadgecredential`
 *   whose text is the compact JWS (OB 3.0 §"Baked Badge", PNG);
 * - SVG: `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` on the
 *   `<svg>` element and, directly after it, `<openbadges:credential
 *   verify="…JWS…">` (OB 3.0 §"Baked Badge", SVG).
 * Extraction reads either back (the first such chunk or element), for the
 * verify-any-credential page and for tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';

// ---------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------

export const BADGE_SIZE = 600;

/** Dark, saturated colours that keep white text above 4.5:1; one per course, chosen by its id. */
const PALETTE = ['#1f4e79', '#7a2e4d', '#255c3a', '#5b3a86', '#8a4b0f', '#1d5a63'] as const;

function colourFor(courseId: string): string {
  let h = 0;
  for (const ch of courseId) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Greedy word wrap by character count (Noto Sans Bold averages about 0.58 em). */
function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= maxChars || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The title in at most four lines, the font shrinking for long titles; an over-long title ends in "…". */
function titleLines(title: string): { lines: string[]; size: number } {
  const width = 400;
  for (const size of [46, 40, 34, 29]) {
    const lines = wrap(title, Math.floor(width / (size * 0.58)));
    if (lines.length <= 4 && lines.every((l) => l.length * size * 0.58 <= width * 1.08)) return { lines, size };
  }
  const size = 29;
  const lines = wrap(title, Math.floor(width / (size * 0.58))).slice(0, 4);
  lines[3] = `${lines[3]!.replace(/\s*\S{0,3}$/, '')}…`;
  return { lines, size };
}

export interface BadgeFacts {
  courseId: string;
  courseTitle: string;
  orgName: string;
}

/** The course's badge as SVG: a medal with the course title, accessible name included. */
export function badgeSvg(facts: BadgeFacts): string {
  const colour = colourFor(facts.courseId);
  const { lines, size } = titleLines(facts.courseTitle);
  const lineHeight = Math.round(size * 1.18);
  const firstY = 300 - ((lines.length - 1) * lineHeight) / 2 + size * 0.35;
  const org = facts.orgName.length > 34 ? `${facts.orgName.slice(0, 33).trimEnd()}…` : facts.orgName;
  const label = `Osaamismerkki: ${facts.courseTitle}. Myöntäjä: ${facts.orgName}.`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${BADGE_SIZE} ${BADGE_SIZE}" width="${BADGE_SIZE}" height="${BADGE_SIZE}" role="img" aria-labelledby="merkki-otsikko">`,
    `<title id="merkki-otsikko">${escapeXml(label)}</title>`,
    `<circle cx="300" cy="300" r="292" fill="${colour}"/>`,
    '<circle cx="300" cy="300" r="270" fill="none" stroke="#ffffff" stroke-width="6"/>',
    '<circle cx="300" cy="300" r="252" fill="none" stroke="#ffffff" stroke-width="2" stroke-dasharray="4 10"/>',
    '<g font-family="Noto Sans" fill="#ffffff" text-anchor="middle">',
    '<text x="300" y="128" font-size="26" font-weight="700" letter-spacing="6">OSAAMISMERKKI</text>',
    '<path d="M250 150 h100" stroke="#ffffff" stroke-width="3"/>',
    ...lines.map((l, i) => `<text x="300" y="${Math.round(firstY + i * lineHeight)}" font-size="${size}" font-weight="700">${escapeXml(l)}</text>`),
    '<path d="M250 452 h100" stroke="#ffffff" stroke-width="3"/>',
    `<text x="300" y="492" font-size="24">${escapeXml(org)}</text>`,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

// The certificate fonts (Noto Sans, SIL OFL), so the PNG looks the same on every server.
const FONT_DIR = path.resolve(process.cwd(), 'src/lib/server/certificates/fonts');
const FONT_FILES = ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'].map((f) => path.join(FONT_DIR, f));

const pngCache = new Map<string, Buffer>();

/** The course's badge as PNG (600 × 600), rendered once per course, title and organisation. */
export function badgePng(facts: BadgeFacts): Buffer {
  const key = JSON.stringify([facts.courseId, facts.courseTitle, facts.orgName]);
  const cached = pngCache.get(key);
  if (cached) return cached;
  const fontFiles = FONT_FILES.filter((f) => fs.existsSync(f));
  const png = new Resvg(badgeSvg(facts), {
    fitTo: { mode: 'width', value: BADGE_SIZE },
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: 'Noto Sans' },
  })
    .render()
    .asPng();
  if (pngCache.size > 200) pngCache.clear();
  pngCache.set(key, png);
  return png;
}

// ---------------------------------------------------------------------------
// PNG baking
// ---------------------------------------------------------------------------

export const BAKED_KEYWORD = 'openbadgecredential';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface PngChunk {
  type: string;
  data: Buffer;
}

export class BadgeImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadgeImageError';
  }
}

export const isPng = (bytes: Uint8Array) => bytes.length >= 8 && Buffer.from(bytes.buffer, bytes.byteOffset, 8).equals(PNG_SIGNATURE);

/** The chunks of a PNG, checked for length and CRC; throws {@link BadgeImageError} on a broken file. */
function readChunks(bytes: Uint8Array, stopAt?: (c: PngChunk) => boolean): PngChunk[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isPng(buf)) throw new BadgeImageError('not a PNG');
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < buf.length) {
    if (at + 12 > buf.length) throw new BadgeImageError('truncated chunk');
    const length = buf.readUInt32BE(at);
    if (length > buf.length - at - 12) throw new BadgeImageError('chunk overruns the file');
    const type = buf.toString('latin1', at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new BadgeImageError('bad chunk type');
    const data = buf.subarray(at + 8, at + 8 + length);
    const crc = buf.readUInt32BE(at + 8 + length);
    if (crc32(buf.subarray(at + 4, at + 8 + length)) !== crc) throw new BadgeImageError('bad chunk CRC');
    const chunk = { type, data };
    chunks.push(chunk);
    at += 12 + length;
    if (type === 'IEND' || stopAt?.(chunk)) return chunks;
  }
  throw new BadgeImageError('no IEND chunk');
}

function writeChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An iTXt chunk's data: keyword, no compression, no language, no translated keyword, UTF-8 text. */
function iTxtData(keyword: string, text: string): Buffer {
  return Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
}

interface ITxt {
  keyword: string;
  compressed: boolean;
  text: Buffer;
}

function parseITxt(data: Buffer): ITxt | undefined {
  const k = data.indexOf(0);
  if (k < 1 || k > 79 || k + 3 > data.length) return undefined;
  const keyword = data.toString('latin1', 0, k);
  const compressed = data[k + 1] === 1;
  const lang = data.indexOf(0, k + 3);
  if (lang < 0) return undefined;
  const translated = data.indexOf(0, lang + 1);
  if (translated < 0) return undefined;
  return { keyword, compressed, text: data.subarray(translated + 1) };
}

const isCredentialChunk = (c: PngChunk) => c.type === 'iTXt' && parseITxt(c.data)?.keyword === BAKED_KEYWORD;

/**
 * Bakes a credential (compact JWS) into a PNG: one uncompressed iTXt chunk
 * `openbadgecredential` right after IHDR, replacing any earlier one.
 */
export function bakePng(png: Uint8Array, credential: string): Buffer {
  const chunks = readChunks(png).filter((c) => !isCredentialChunk(c));
  if (chunks[0]?.type !== 'IHDR') throw new BadgeImageError('IHDR is not the first chunk');
  const baked = { type: 'iTXt', data: iTxtData(BAKED_KEYWORD, credential) };
  return Buffer.concat([PNG_SIGNATURE, ...[chunks[0], baked, ...chunks.slice(1)].map((c) => writeChunk(c.type, c.data))]);
}

/** The credential baked into a PNG, or undefined when there is none; throws {@link BadgeImageError} on a broken PNG. */
export function extractFromPng(png: Uint8Array): string | undefined {
  const chunks = readChunks(png, isCredentialChunk);
  const found = chunks.find(isCredentialChunk);
  if (!found) return undefined;
  const itxt = parseITxt(found.data)!;
  // OB 3.0: "Compression MUST NOT be used."
  if (itxt.compressed) throw new BadgeImageError('compressed openbadgecredential chunk');
  return new TextDecoder('utf-8', { fatal: true }).decode(itxt.text);
}

// ---------------------------------------------------------------------------
// SVG baking
// ---------------------------------------------------------------------------

export const OPENBADGES_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

/** Bakes a credential (compact JWS) into an SVG as OB 3.0 says: namespace on `<svg>`, then `<openbadges:credential verify>`. */
export function bakeSvg(svg: string, credential: string): string {
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential)) throw new BadgeImageError('not a compact JWS');
  const cleaned = svg.replace(/<openbadges:credential\b[^>]*?(\/>|>[\s\S]*?<\/openbadges:credential>)\s*/g, '');
  const open = /<svg\b[^>]*>/.exec(cleaned);
  if (!open) throw new BadgeImageError('no <svg> element');
  let tag = open[0];
  if (!/\sxmlns:openbadges=/.test(tag)) tag = tag.replace(/^<svg\b/, `<svg xmlns:openbadges="${OPENBADGES_SVG_NAMESPACE}"`);
  const end = open.index + open[0].length;
  return `${cleaned.slice(0, open.index)}${tag}\n<openbadges:credential verify="${credential}"></openbadges:credential>${cleaned.slice(end)}`;
}

const decodeXmlAttribute = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()]!;
    const code = e[1]!.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });

/**
 * The credential baked into an SVG: the `verify` attribute of the first
 * `<openbadges:credential>` (a VC-JWT), or its CDATA body (embedded proof);
 * undefined when there is none.
 */
export function extractFromSvg(svg: string): string | undefined {
  const tag = /<openbadges:credential\b((?:[^>"']|"[^"]*"|'[^']*')*)(\/?)>/.exec(svg);
  if (!tag) return undefined;
  const verify = /\sverify\s*=\s*("([^"]*)"|'([^']*)')/.exec(tag[1]!);
  if (verify) return decodeXmlAttribute((verify[2] ?? verify[3] ?? '').trim());
  if (tag[2]) return undefined;
  const rest = svg.slice(tag.index + tag[0].length);
  const close = rest.indexOf('</openbadges:credential>');
  if (close < 0) return undefined;
  const body = rest.slice(0, close).trim();
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(body);
  return (cdata ? cdata[1]! : decodeXmlAttribute(body)).trim() || undefined;
}

/** True when the bytes look like an SVG document (text starting with `<`, an `<svg` element inside). */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<') && /<svg[\s>]/.test(head);
}
