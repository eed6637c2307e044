/**
 * Reading an invitation list saved from a spreadsheet: UTF-8 with or without
 * a BOM, or Windows-1252 as Finnish Excel's plain "CSV" saves it; `;` or `,`
 * between fields. Columns: name, email, organisation (full path from the
 * root, parts separated by "/" or "›") and roles. Pure: no database.
 */
import { parse } from 'csv-parse/sync';
import type { Role } from '../auth/types';

/** Decodes the bytes of an uploaded file, detecting UTF-8 (BOM or valid) and falling back to Windows-1252. */
export function decodeSpreadsheetText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The separator of the header line: the one of `;` and `,` that occurs more. */
export function detectSeparator(text: string): ';' | ',' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const semis = (header.match(/;/g) ?? []).length;
  const commas = (header.match(/,/g) ?? []).length;
  return semis >= commas && semis > 0 ? ';' : ',';
}

const HEADERS: Record<string, 'name' | 'email' | 'node' | 'roles'> = {
  name: 'name',
  nimi: 'name',
  email: 'email',
  'e-mail': 'email',
  sähköposti: 'email',
  sahkoposti: 'email',
  node: 'node',
  organisaatio: 'node',
  organization: 'node',
  organisation: 'node',
  yksikkö: 'node',
  roles: 'roles',
  roolit: 'roles',
  rooli: 'roles',
};

const ROLE_NAMES: Record<string, Role> = {
  learner: 'learner',
  oppija: 'learner',
  trainer: 'trainer',
  kouluttaja: 'trainer',
  manager: 'manager',
  esihenkilö: 'manager',
  esihenkilo: 'manager',
  koulutuskoordinaattori: 'manager',
  admin: 'admin',
  ylläpitäjä: 'admin',
  yllapitaja: 'admin',
};

export interface CsvRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  name: string;
  email: string;
  /** Organisation path split into names from the root. */
  nodePath: string[];
  roles: Role[];
  /** Unknown role names, reported by the validator. */
  unknownRoles: string[];
}

export type CsvParseResult = { ok: true; rows: CsvRow[]; separator: ';' | ','; encoding: string } | { ok: false; message: string };

/** Parses the file into rows; a missing column or an unreadable file is one Finnish message. */
export function parseInvitationCsv(bytes: Uint8Array): CsvParseResult {
  const { text, encoding } = decodeSpreadsheetText(bytes);
  if (!text.trim()) return { ok: false, message: 'Tiedosto on tyhjä.' };
  const separator = detectSeparator(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter: separator, relax_column_count: true, skip_empty_lines: false, trim: true, bom: true });
  } catch {
    return { ok: false, message: 'Tiedostoa ei voitu lukea CSV-tiedostona. Tallenna se Excelissä muodossa CSV (erotin puolipiste) tai CSV UTF-8.' };
  }
  const header = (records[0] ?? []).map((h) => HEADERS[h.trim().toLocaleLowerCase('fi')]);
  const index = { name: header.indexOf('name'), email: header.indexOf('email'), node: header.indexOf('node'), roles: header.indexOf('roles') };
  const missing = (['name', 'email', 'node'] as const).filter((c) => index[c] < 0);
  if (missing.length) {
    const labels = { name: 'nimi', email: 'sähköposti', node: 'organisaatio' };
    return { ok: false, message: `Ensimmäiseltä riviltä puuttuu sarake: ${missing.map((m) => labels[m]).join(', ')}. Otsikkorivi on esimerkiksi: nimi;sähköposti;organisaatio;roolit` };
  }
  const rows: CsvRow[] = [];
  records.slice(1).forEach((record, i) => {
    if (record.every((cell) => !cell.trim())) return;
    const roleNames = index.roles >= 0 ? (record[index.roles] ?? '').split(/[|+\s]+/).map((r) => r.trim().toLocaleLowerCase('fi')).filter(Boolean) : [];
    const roles = roleNames.map((r) => ROLE_NAMES[r]).filter((r): r is Role => r !== undefined);
    rows.push({
      line: i + 2,
      name: (record[index.name] ?? '').trim(),
      email: (record[index.email] ?? '').trim(),
      nodePath: (record[index.node] ?? '').split(/\s*[/›>]\s*/).map((p) => p.trim()).filter(Boolean),
      roles: roles.length ? [...new Set(roles)] : ['learner'],
      unknownRoles: roleNames.filter((r) => !ROLE_NAMES[r]),
    });
  });
  if (!rows.length) return { ok: false, message: 'Tiedostossa ei ole yhtään kutsuttavaa riviä otsikkorivin jälkeen.' };
  return { ok: true, rows, separator, encoding };
}
