/**
 * The certificate PDF as people meet it: rendered by the engines behind
 * their viewers (poppler, pdf.js as in Firefox, PDFium as in Chrome and
 * Edge) and read back with OCR; read by assistive technology through its
 * structure tree; and verified offline through the credential it carries.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import jsQR from 'jsqr';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { listCertificatesOfUser, type CertificateRow } from '../../src/lib/server/db/certificates';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { renderCertificatePdf } from '../../src/lib/server/certificates/pdf';
import { signCredential } from '../../src/lib/server/certificates/credential';
import { ensureSigningKey, findSigningKey } from '../../src/lib/server/certificates/keys';
import { findUserById } from '../../src/lib/server/db/users';
import { formatDate } from '../../src/lib/format';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { containsApproximately } from '../helpers/approximate';
import { openWithPdfjs, renderPage, readBack, RENDERERS, type Renderer } from '../helpers/pdf-render';

const SITE = 'https://oppiminen.example.fi';
/** A long Swedish-Finnish name typed with combining marks (a + ring, a + diaeresis), as some keyboards and imports produce. */
const TYPED_NAME = 'Åsa-Maria Öhman-Äijälä af Västergårdsholm-Lindqvist'.normalize('NFD');
const NAME = TYPED_NAME.normalize('NFC');

let t: TestContext;
let cert: CertificateRow;
let jwt: string;
let pdf: Uint8Array;
let dir: string;
const seen = new Map<Renderer, string>();

beforeAll(async () => {
  t = createTestContext();
  await ensureSigningKey(t.db.db, t.now());
  const fixture = loadFixtureCourse();
  const user = await createUser(t.db.db, { email: 'asa@example.fi', name: TYPED_NAME });
  const learner = { userId: user.id, issuer: issuerFromConfig(t.config) };
  completeLessons(t.db.db, fixture, learner, t.now());
  passFinal(t.db.db, fixture, learner, 'n1', t.now());
  // A fixed code keeps the OCR comparison deterministic: a random one may hold several letters OCR confuses (Q and O).
  cert = { ...listCertificatesOfUser(t.db.db, user.id)[0]!, code: '7KXM-2XRT-9HCW' };
  jwt = await signCredential(t.db.db, cert, findUserById(t.db.db, user.id)!.subjectId, SITE);
  pdf = await renderCertificatePdf({ certificate: cert, verifyUrl: `${SITE}/todistus/${cert.code}`, credentialJwt: jwt });
  dir = fs.mkdtempSync(path.join(t.db.dir, 'pages-'));
  for (const renderer of RENDERERS) seen.set(renderer, readBack(await renderPage(pdf, renderer, 1, dir)));
}, 180_000);
afterAll(() => t.db.cleanup());

describe('every viewer shows the certificate', () => {
  it.each(RENDERERS)('%s renders the name, course, code and dates, read back by OCR', (renderer) => {
    const text = seen.get(renderer)!;
    // OCR may misread a letter or two (Q as O); a broken font loses nearly all of them.
    for (const fact of [NAME, 'Testikurssi', 'versio 1.0', cert.code, 'Testialue', '0,5 opintotuntia', formatDate(cert.issuedAt), formatDate(cert.validUntil!), 'Tunnistat testikurssin rakenteen.']) {
      expect(containsApproximately(text, fact, Math.max(1, Math.floor(fact.length / 12))), `${renderer}: ${fact} in «${text}»`).toBe(true);
    }
    expect(text, renderer).toMatch(/Å|Ä|Ö/);
  });

  it('never prints a status that goes stale, but the validity period and where to check it now', () => {
    const text = seen.get('poppler')!;
    expect(text).not.toMatch(/Tila:/);
    expect(containsApproximately(text, `Voimassaoloaika: ${formatDate(cert.issuedAt)} - ${formatDate(cert.validUntil!)}`, 3)).toBe(true);
    expect(containsApproximately(text, `${SITE}/todistus/${cert.code}`, 2)).toBe(true);
    expect(containsApproximately(text, 'tilan juuri nyt', 1)).toBe(true);
  });

  it('carries a QR code that a phone reads as the verification address', async () => {
    const image = await loadImage(await renderPage(pdf, 'pdfium', 1, dir));
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    expect(jsQR(new Uint8ClampedArray(data), image.width, image.height)?.data).toBe(`${SITE}/todistus/${cert.code}`);
  });

  it('continues on a second page when the outcomes do not fit, and that page renders too', async () => {
    const long = { ...cert, outcomes: Array.from({ length: 36 }, (_, i) => `Osaamistavoite numero ${i + 1}, jossa on pitkiä yhdyssanoja kuten työkyvynarviointimenetelmä.`) };
    const twoPages = await renderCertificatePdf({ certificate: long, verifyUrl: `${SITE}/todistus/${cert.code}` });
    const { doc, close } = await openWithPdfjs(twoPages);
    expect(doc.numPages).toBe(2);
    await close();
    const second = readBack(await renderPage(twoPages, 'poppler', 2, dir));
    expect(containsApproximately(second, 'Osaamistavoite numero 36', 2)).toBe(true);
    expect(containsApproximately(second, cert.code, 1)).toBe(true);
  });
});

describe('assistive technology reads it', () => {
  it('is tagged, with the title shown and the document language Finnish', async () => {
    const file = path.join(dir, 'tagged.pdf');
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(new RegExp(`^Title:\\s+Todistus: Testikurssi – ${NAME}$`, 'm'));
    const { doc, close } = await openWithPdfjs(pdf);
    // pdf.js gives a Map here, whatever its declared type says.
    expect(((await doc.getMarkInfo()) as unknown as Map<string, boolean> | null)?.get('Marked')).toBe(true);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/Lang \(fi-FI\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    await close();
  });

  it('has a structure tree with headings, paragraphs, a list and the QR code as a figure with alternative text, in visual order', async () => {
    const { doc, close } = await openWithPdfjs(pdf);
    const page = await doc.getPage(1);
    const tree = await page.getStructTree();
    const content = await page.getTextContent({ includeMarkedContent: true });
    // Marked-content id → the text inside it, and where it sits on the page.
    const textOf = new Map<string, { text: string; y: number }>();
    let current: string | undefined;
    for (const item of content.items) {
      if ('type' in item && item.type === 'beginMarkedContentProps') current = String(item.id);
      else if ('type' in item && item.type === 'endMarkedContent') current = undefined;
      else if ('str' in item && current) {
        const entry = textOf.get(current) ?? { text: '', y: item.transform[5] as number };
        entry.text += item.str + (item.hasEOL ? ' ' : '');
        textOf.set(current, entry);
      }
    }
    interface Node {
      role?: string;
      alt?: string;
      type?: string;
      id?: string;
      children?: Node[];
    }
    const elements: { role: string; text: string; alt?: string; y?: number }[] = [];
    const visit = (node: Node): { text: string; y?: number } => {
      if (node.type === 'content') {
        const found = textOf.get(String(node.id));
        return { text: found?.text ?? '', y: found?.y };
      }
      let text = '';
      let y: number | undefined;
      for (const child of node.children ?? []) {
        const got = visit(child);
        text += got.text;
        y ??= got.y;
      }
      if (node.role) elements.push({ role: node.role, text: text.replace(/\s+/g, ' ').trim(), alt: node.alt, y });
      return { text, y };
    };
    visit(tree as Node);
    const roles = (role: string) => elements.filter((e) => e.role === role);
    expect(roles('H1').map((e) => e.text)).toEqual(['Todistus']);
    expect(roles('H2').map((e) => e.text)).toEqual(['Osaamistavoitteet', 'Suoritusehdot', 'Todistuksen tiedot', 'Tarkista todistus']);
    expect(roles('LI').map((e) => e.text)).toEqual(['• Tunnistat testikurssin rakenteen.', '• Osaat vastata testikysymyksiin.']);
    const paragraphs = roles('P').map((e) => e.text);
    for (const fact of [NAME, 'Testikurssi', 'versio 1.0', `Todistuksen tunnus: ${cert.code}`, `Voimassaoloaika: ${formatDate(cert.issuedAt)} – ${formatDate(cert.validUntil!)}`, 'Laajuus: 0,5 opintotuntia']) {
      expect(paragraphs, fact).toContain(fact);
    }
    const figure = roles('Figure');
    expect(figure).toHaveLength(1);
    expect(figure[0]!.alt).toContain(`${SITE}/todistus/${cert.code}`);
    // Reading order is visual order: every text element in tree order sits at or below the one before (PDF y grows upwards);
    // the only exception is the heading beside the QR code, which shares the code's top.
    const placed = elements.filter((e) => e.y !== undefined && ['H1', 'H2', 'P', 'LBody'].includes(e.role));
    for (let i = 1; i < placed.length; i += 1) expect(placed[i]!.y!, `${placed[i]!.role} «${placed[i]!.text}»`).toBeLessThanOrEqual(placed[i - 1]!.y! + 1);
    await close();
  });

  it('links the verification address as a real link annotation', async () => {
    const { doc, close } = await openWithPdfjs(pdf);
    const annotations = await (await doc.getPage(1)).getAnnotations();
    const links = annotations.filter((a: { subtype: string }) => a.subtype === 'Link');
    expect(links.map((a: { url?: string }) => a.url)).toEqual([`${SITE}/todistus/${cert.code}`]);
    await close();
  });
});

describe('the file alone can be verified later', () => {
  it('carries XMP metadata with the title, issuer and date', async () => {
    const { doc, close } = await openWithPdfjs(pdf);
    const { metadata } = await doc.getMetadata();
    expect(metadata?.get('dc:title')).toBe(`Todistus: Testikurssi – ${NAME}`);
    expect(metadata?.get('dc:creator')).toEqual(['Testialue']);
    expect(metadata?.get('xmp:createdate')).toBe(cert.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    await close();
  });

  it('escapes the XMP when a name holds XML characters', async () => {
    const odd = await renderCertificatePdf({ certificate: { ...cert, holderName: 'Tom & <Jerry>' }, verifyUrl: `${SITE}/todistus/${cert.code}` });
    const { doc, close } = await openWithPdfjs(odd);
    expect((await doc.getMetadata()).metadata?.get('dc:title')).toBe('Todistus: Testikurssi – Tom & <Jerry>');
    await close();
  });

  it('embeds the signed credential, which verifies with the published key', async () => {
    const { doc, close } = await openWithPdfjs(pdf);
    const attachments = (await doc.getAttachments())!;
    expect([...attachments.values()].map((f) => f.filename)).toEqual([`todistus-${cert.code}.jwt`]);
    const [id, file] = [...attachments.entries()][0]!;
    const attached = Buffer.from(file.content ?? (await doc.getAttachmentContent(id))!).toString('utf8');
    expect(attached).toBe(jwt);
    const kid = String(decodeProtectedHeader(attached).kid).split('/').at(-1)!;
    const key = findSigningKey(t.db.db, kid)!;
    const { payload } = await jwtVerify(attached, await importJWK(key.publicJwk as JWK, 'RS256'), { issuer: `${SITE}/myontaja` });
    expect(payload.jti).toBe(cert.credentialId);
    await close();
  });
});
