/**
 * Contrast computed from the design tokens in `tokens.css` for both themes:
 * every text colour is at least 4.5:1 on every background it is used on
 * (WCAG 1.4.3), and every control boundary and the focus ring stand out at
 * least 3:1 from every background a control sits on (WCAG 1.4.11).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = fs.readFileSync('src/styles/tokens.css', 'utf8');
const global = fs.readFileSync('src/styles/global.css', 'utf8');

function tokensOf(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--(color-[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

const light = tokensOf(css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {'))));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = { ...light, ...tokensOf(css.slice(darkStart, css.indexOf('}', css.indexOf(':root {', darkStart)))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// Controls sit on the page, on cards and the header (surface), and on the second surface.
const BACKGROUNDS = ['color-bg', 'color-surface', 'color-surface-2'];
const BOUNDARIES = ['color-border', 'color-primary', 'color-focus', 'color-danger'];

// Text colours and the backgrounds each appears on: body text, links and status words on the page and
// surfaces; each status word on its own tinted background; text on buttons and the brand bar.
const ON_SURFACES = ['color-text', 'color-muted', 'color-link', 'color-link-visited', 'color-primary', 'color-success', 'color-warning', 'color-danger'];
const TEXT_PAIRS: [string, string][] = [
  ...ON_SURFACES.flatMap((text) => BACKGROUNDS.map((bg): [string, string] => [text, bg])),
  ['color-success', 'color-success-bg'],
  ['color-warning', 'color-warning-bg'],
  ['color-danger', 'color-danger-bg'],
  ['color-text', 'color-success-bg'],
  ['color-text', 'color-warning-bg'],
  ['color-text', 'color-danger-bg'],
  ['color-text', 'color-info-bg'],
  ['color-link', 'color-info-bg'],
  ['color-muted', 'color-info-bg'],
  ['color-primary', 'color-info-bg'],
  ['color-on-primary', 'color-primary'],
  ['color-on-primary', 'color-primary-strong'],
  ['color-on-brand', 'color-brand'],
  ['color-bg', 'color-danger'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_name, tokens) => {
  it('has every token the check needs', () => {
    for (const token of [...BACKGROUNDS, ...BOUNDARIES, ...TEXT_PAIRS.flat()]) expect(tokens[token], token).toMatch(/^#[0-9a-f]{6}$/);
  });

  it.each(TEXT_PAIRS)('%s text on %s is at least 4.5:1', (text, background) => {
    expect(contrast(tokens[text]!, tokens[background]!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(BOUNDARIES)('%s stands out 3:1 from every background', (boundary) => {
    for (const background of BACKGROUNDS) {
      expect(contrast(tokens[boundary]!, tokens[background]!), `${boundary} on ${background}`).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('control boundaries use the checked tokens', () => {
  it('draws text fields, selects and text areas with --color-border', () => {
    const rule = global.slice(global.indexOf("input:not([type]), input[type='text']"));
    expect(rule.slice(0, rule.indexOf('}'))).toContain('border: 1px solid var(--color-border);');
  });
});

describe('one source of colour', () => {
  it('keeps colour values out of global.css (print and the QR code, which need black on white, aside)', () => {
    const screen = global.slice(0, global.indexOf('@media print'));
    const literals = [...screen.matchAll(/#[0-9a-fA-F]{3,8}\b/g)].map((m) => m[0]);
    expect(literals.filter((l) => l !== '#fff')).toEqual([]);
  });
});

describe('contrast', () => {
  it('measures as WCAG defines it', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#8a9aa6', '#ffffff')).toBeCloseTo(2.9, 1);
  });
});
