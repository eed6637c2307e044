/**
 * Badge images and OB 3.0 baking: the PNG is a valid image, carries exactly
 * one uncompressed iTXt chunk `openbadgecredential` with the credential, and
 * gives it back; the SVG form follows the spec's namespace and element; broken
 * files are refused with an error the verify page can word.
 */
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { badgePng, badgeSvg, BadgeImageError, bakePng, bakeSvg, extractFromPng, extractFromSvg, OPENBADGES_SVG_NAMESPACE } from '../../src/lib/server/certificates/badge-image';

const FACTS = { courseId: 'testikurssi', courseTitle: 'Työkyvyn tuki & puheeksiotto <työpaikalla>', orgName: 'Järvi-Pohjan hyvinvointialue' };
const JWS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

/** Every chunk as [type, data], checking lengths; no CRC check here (the module's reader does that). */
function chunks(png: Buffer): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    out.push([png.toString('latin1', at + 4, at + 8), png.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  return out;
}

describe('the course badge', () => {
  it('is a 600 × 600 PNG whose pixel data inflates to the size its header states', () => {
    const png = badgePng(FACTS);
    const all = chunks(png);
    const [type, ihdr] = all[0]!;
    expect(type).toBe('IHDR');
    const [width, height, depth, colour] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]];
    expect([width, height, depth]).toEqual([600, 600, 8]);
    const channels = colour === 6 ? 4 : colour === 2 ? 3 : 1;
    const raw = inflateSync(Buffer.concat(all.filter(([t]) => t === 'IDAT').map(([, d]) => d)));
    expect(raw.length).toBe(height * (1 + width * channels));
    expect(all.at(-1)![0]).toBe('IEND');
  });

  it('escapes the title in the SVG and names the badge for screen readers', () => {
    const svg = badgeSvg(FACTS);
    expect(svg).toContain('&amp; puheeksiotto');
    expect(svg).toContain('&lt;työpaikalla&gt;');
    expect(svg).toMatch(/<title id="merkki-otsikko">Osaamismerkki: Työkyvyn tuki/);
    expect(svg).not.toContain('<työpaikalla>');
  });
});

describe('PNG baking', () => {
  it('adds one uncompressed iTXt chunk openbadgecredential after IHDR and reads it back', () => {
    const baked = bakePng(badgePng(FACTS), JWS);
    const all = chunks(baked);
    expect(all[1]![0]).toBe('iTXt');
    const data = all[1]![1];
    // keyword NUL compression-flag compression-method language NUL translated NUL text
    expect(data.toString('latin1', 0, 20)).toBe('openbadgecredential\0');
    expect([...data.subarray(20, 23)]).toEqual([0, 0, 0]);
    expect(data.subarray(23).toString('utf8')).toBe(`\0${JWS}`);
    expect(extractFromPng(baked)).toBe(JWS);
    expect(extractFromPng(badgePng(FACTS))).toBeUndefined();
  });

  it('replaces an earlier credential instead of adding a second', () => {
    const twice = bakePng(bakePng(badgePng(FACTS), JWS), 'a.b.c');
    expect(chunks(twice).filter(([t, d]) => t === 'iTXt' && d.toString('latin1').startsWith('openbadgecredential\0'))).toHaveLength(1);
    expect(extractFromPng(twice)).toBe('a.b.c');
  });

  it('refuses a broken PNG and a compressed chunk', () => {
    const baked = bakePng(badgePng(FACTS), JWS);
    const flipped = Buffer.from(baked);
    flipped.writeUInt8(flipped.readUInt8(40) ^ 0xff, 40);
    expect(() => extractFromPng(flipped)).toThrow(BadgeImageError);
    expect(() => extractFromPng(baked.subarray(0, 60))).toThrow(BadgeImageError);
    expect(() => extractFromPng(Buffer.from('not a png at all'))).toThrow(BadgeImageError);
    // The same chunk with the compression flag set: OB 3.0 says compression MUST NOT be used.
    const compressed = Buffer.from(baked);
    const at = 8 + 25; // after the signature and IHDR (12 + 13 bytes)
    expect(compressed.toString('latin1', at + 4, at + 8)).toBe('iTXt');
    compressed[at + 8 + 20] = 1;
    const length = compressed.readUInt32BE(at);
    compressed.writeUInt32BE(crc32(compressed.subarray(at + 4, at + 8 + length)), at + 8 + length);
    expect(() => extractFromPng(compressed)).toThrow(/compressed/);
  });
});

describe('SVG baking', () => {
  it('declares the OB 3.0 namespace on <svg> and puts <openbadges:credential verify> right after it', () => {
    const baked = bakeSvg(badgeSvg(FACTS), JWS);
    expect(baked).toMatch(new RegExp(`<svg xmlns:openbadges="${OPENBADGES_SVG_NAMESPACE.replace(/[/.]/g, '\\$&')}" [^>]*>\\n<openbadges:credential verify="${JWS}"></openbadges:credential>`));
    expect(extractFromSvg(baked)).toBe(JWS);
    expect(extractFromSvg(bakeSvg(baked, 'a.b.c'))).toBe('a.b.c');
    expect(bakeSvg(baked, 'a.b.c').match(/<openbadges:credential/g)).toHaveLength(1);
    expect(() => bakeSvg('<svg></svg>', 'not a jws "><script>')).toThrow(BadgeImageError);
  });

  it('reads the embedded-proof form (CDATA) and single-quoted attributes', () => {
    const json = '{"type":["VerifiableCredential"]}';
    expect(extractFromSvg(`<svg xmlns:openbadges="${OPENBADGES_SVG_NAMESPACE}"><openbadges:credential><![CDATA[ ${json} ]]></openbadges:credential></svg>`)).toBe(json);
    expect(extractFromSvg(`<svg><openbadges:credential verify='${JWS}'/></svg>`)).toBe(JWS);
    expect(extractFromSvg('<svg><g/></svg>')).toBeUndefined();
  });
});
