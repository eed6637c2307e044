import { describe, expect, it } from 'vitest';
import { decodeSpreadsheetText, detectSeparator, parseInvitationCsv } from '../../src/lib/server/accounts/invitation-csv';

const rows = 'nimi;sähköposti;organisaatio;roolit\nMäki, Päivi;paivi@example.fi;Pohde / Oulu / Työllisyyspalvelut;oppija\nÅsa Öberg;asa@example.fi;Pohde/Oulu;kouluttaja esihenkilö\n';

function windows1252(text: string): Uint8Array {
  // Finnish letters in Windows-1252 are single bytes equal to their Latin-1 code points.
  return Uint8Array.from([...text].map((c) => {
    const code = c.charCodeAt(0);
    if (code > 255) throw new Error(`not in Windows-1252: ${c}`);
    return code;
  }));
}

describe('reading invitation CSV files', () => {
  it('reads UTF-8 with a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(rows.replace('Mäki, Päivi', '"Mäki, Päivi"'))]);
    const parsed = parseInvitationCsv(bytes);
    expect(parsed.ok && parsed.encoding).toBe('utf-8');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.rows[0]).toMatchObject({ line: 2, name: 'Mäki, Päivi', email: 'paivi@example.fi', nodePath: ['Pohde', 'Oulu', 'Työllisyyspalvelut'], roles: ['learner'] });
  });

  it('reads UTF-8 without a BOM', () => {
    const parsed = parseInvitationCsv(new TextEncoder().encode(rows.replace('Mäki, Päivi', 'Päivi Mäki')));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.rows[1]).toMatchObject({ name: 'Åsa Öberg', nodePath: ['Pohde', 'Oulu'], roles: ['trainer', 'manager'] });
  });

  it('detects and decodes Windows-1252, as Finnish Excel saves plain CSV', () => {
    const bytes = windows1252(rows.replace('Mäki, Päivi', 'Päivi Mäki').replace(/\n/g, '\r\n'));
    expect(decodeSpreadsheetText(bytes).encoding).toBe('windows-1252');
    const parsed = parseInvitationCsv(bytes);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.rows[0]!.name).toBe('Päivi Mäki');
    expect(parsed.rows[0]!.nodePath).toEqual(['Pohde', 'Oulu', 'Työllisyyspalvelut']);
    expect(parsed.rows[1]!.name).toBe('Åsa Öberg');
  });

  it('accepts comma separators and English headers', () => {
    const text = 'name,email,node,roles\n"Virtanen, Ville",ville@example.fi,Pohde / Kela,learner\n';
    expect(detectSeparator(text)).toBe(',');
    const parsed = parseInvitationCsv(new TextEncoder().encode(text));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.separator).toBe(',');
    expect(parsed.rows[0]).toMatchObject({ name: 'Virtanen, Ville', nodePath: ['Pohde', 'Kela'] });
  });

  it('reports unknown roles and skips empty lines, keeping line numbers', () => {
    const parsed = parseInvitationCsv(new TextEncoder().encode('nimi;sähköposti;organisaatio;roolit\n\nA;a@example.fi;Pohde;pomo\n'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]).toMatchObject({ line: 3, unknownRoles: ['pomo'] });
  });

  it('explains a missing column and an empty file in Finnish', () => {
    const missing = parseInvitationCsv(new TextEncoder().encode('nimi;organisaatio\nA;B\n'));
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toMatch(/sähköposti/);
    const empty = parseInvitationCsv(new Uint8Array());
    expect(!empty.ok && empty.message).toMatch(/tyhjä/);
  });
});
