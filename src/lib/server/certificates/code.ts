/**
 * Certificate codes: 12 characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L, no U), about 59 random bits, shown as ABCD-EFGH-JKMN.
 * Random, so neither guessable nor sequential; the dashes and letter case do
 * not matter when typed back.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;

/** A new random code, formatted with dashes. */
export function generateCertificateCode(): string {
  const out: string[] = [];
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (out.length < CODE_LENGTH) {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      // Rejection sampling keeps every character equally likely.
      if (b < limit && out.length < CODE_LENGTH) out.push(CODE_ALPHABET[b % CODE_ALPHABET.length]!);
    }
  }
  return `${out.slice(0, 4).join('')}-${out.slice(4, 8).join('')}-${out.slice(8).join('')}`;
}

/** The canonical form of a typed code, or undefined when it cannot be one. */
export function normaliseCertificateCode(input: string): string | undefined {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== CODE_LENGTH || [...raw].some((c) => !CODE_ALPHABET.includes(c))) return undefined;
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}
