/** Input schemas shared by the actions, with Finnish messages for each field. */
import { z } from 'astro/zod';
import { PASSWORD_MAX_LENGTH } from '../lib/server/auth/password';
import { parseId } from '../lib/ids';
import { hasHiddenCharacters, NAME_CHARACTERS_MESSAGE, normaliseName } from '../lib/names';

/** A record id: decimal digits only (`0x10` or `1e3` are refused, not read as 16 or 1000). */
export const idField = (message = 'Tunniste ei kelpaa.') => z.string({ message }).refine((v) => parseId(v) !== undefined, message).transform(Number);

export const emailField = z
  .string({ message: 'Kirjoita sähköpostiosoite.' })
  .trim()
  .min(1, 'Kirjoita sähköpostiosoite.')
  .max(254, 'Sähköpostiosoite on liian pitkä.')
  .pipe(z.email({ message: 'Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.' }));

/** The password as typed; policy (length, common list) is checked by the flow for a precise message. */
export const passwordField = z.string({ message: 'Kirjoita salasana.' }).min(1, 'Kirjoita salasana.').max(PASSWORD_MAX_LENGTH * 4, 'Salasana on liian pitkä.');

export const nameField = z
  .string({ message: 'Kirjoita nimi.' })
  .trim()
  .min(1, 'Kirjoita nimi.')
  .max(120, 'Nimi saa olla enintään 120 merkkiä.')
  .refine((v) => !hasHiddenCharacters(v), NAME_CHARACTERS_MESSAGE)
  .transform(normaliseName);

/** An organisation's name: the same character rules as a person's. */
export const orgNameField = z
  .string({ message: 'Kirjoita organisaation nimi.' })
  .trim()
  .min(1, 'Kirjoita organisaation nimi.')
  .max(150, 'Nimi saa olla enintään 150 merkkiä.')
  .refine((v) => !hasHiddenCharacters(v), NAME_CHARACTERS_MESSAGE)
  .transform(normaliseName);

export const nodeField = idField('Valitse organisaatio.');

export const tokenField = z.string().min(1).max(200);

export const returnField = z.string().max(2000).optional();
