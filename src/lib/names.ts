/**
 * People's and organisations' names as the platform stores them: Unicode
 * NFC, trimmed, and free of characters that change how other text reads
 * without showing themselves (control characters, bidirectional overrides
 * and isolates, zero-width characters). Combining marks are letters' parts
 * and stay.
 */
const HIDDEN_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/u;

/** The Finnish field message for a name with such characters. */
export const NAME_CHARACTERS_MESSAGE = 'Nimessä on merkkejä, joita ei voi käyttää: ohjausmerkkejä, näkymättömiä merkkejä tai tekstin suunnan vaihtoja. Kirjoita nimi uudelleen.';

/** True when the name holds a control, bidirectional-override or zero-width character. */
export function hasHiddenCharacters(name: string): boolean {
  return HIDDEN_OR_CONTROL.test(name);
}

/** The stored form of a name: NFC, trimmed. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim();
}
