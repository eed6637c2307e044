import { describe, expect, it } from 'vitest';
import { nameField, orgNameField } from '../../src/actions/schemas';
import { NAME_CHARACTERS_MESSAGE } from '../../src/lib/names';

describe('names', () => {
  it('refuse control characters, bidirectional overrides and zero-width characters with a field message', () => {
    const hidden = ['\u0000', '\r', '\n', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
    for (const c of hidden) {
      for (const field of [nameField, orgNameField]) {
        const result = field.safeParse(`Maija${c} Meikäläinen`);
        expect(result.success, JSON.stringify(c)).toBe(false);
        expect(result.error?.issues[0]?.message).toBe(NAME_CHARACTERS_MESSAGE);
      }
    }
  });

  it('allow combining marks and are stored in NFC', () => {
    const decomposed = 'Ma\u0308ntyla\u0308 Zoe\u0308';
    expect(nameField.parse(decomposed)).toBe('Mäntylä Zoë');
    expect(nameField.parse(decomposed)).toBe(decomposed.normalize('NFC'));
    expect(orgNameField.parse(' Pohjois-Pohjanmaan hyvinvointialue ')).toBe('Pohjois-Pohjanmaan hyvinvointialue');
    expect(nameField.parse('Đặng Thị Ngọc')).toBe('Đặng Thị Ngọc');
  });
});
