/**
 * What a trainer types when creating or changing a live training session,
 * checked field by field with Finnish messages. Pure: the clock comes in as a
 * parameter, and times typed as Helsinki wall-clock time (`datetime-local`)
 * become instants here.
 */
import { helsinkiOffsetMs } from '../format';
import { hasHiddenCharacters, normaliseName } from '../names';

export const SESSION_KINDS = ['webinar', 'workshop'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type SessionLanguage = (typeof SESSION_LANGUAGES)[number];

export const SESSION_KIND_LABELS: Record<SessionKind, string> = { webinar: 'Verkkotilaisuus (webinaari)', workshop: 'Lähitilaisuus (työpaja)' };
export const SESSION_LANGUAGE_LABELS: Record<SessionLanguage, string> = { fi: 'suomi', sv: 'ruotsi', en: 'englanti' };

/** The form as posted: every value a string (or absent). */
export interface SessionForm {
  title?: string;
  description?: string;
  kind?: string;
  meetingUrl?: string;
  place?: string;
  address?: string;
  startsAt?: string;
  endsAt?: string;
  deadline?: string;
  capacity?: string;
  language?: string;
  courseId?: string;
  /** Unit ids the session is for; empty means open to all. */
  unitIds?: string[];
}

export interface SessionInput {
  title: string;
  description: string;
  kind: SessionKind;
  meetingUrl: string | null;
  place: string | null;
  address: string | null;
  startsAt: Date;
  endsAt: Date;
  registrationDeadline: Date;
  capacity: number;
  language: SessionLanguage;
  courseId: string | null;
  unitIds: number[];
}

export type FieldErrors = Partial<Record<keyof SessionForm, string>>;
export type SessionInputResult = { ok: true; value: SessionInput } | { ok: false; errors: FieldErrors };

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const MAX_CAPACITY = 10_000;

/**
 * The instant of a Helsinki wall-clock time `YYYY-MM-DDTHH:MM`, or undefined
 * when it is not one (including 31.2. and the hour skipped in spring).
 */
export function parseHelsinkiLocal(value: string): Date | undefined {
  const m = LOCAL_DATETIME.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  // Two passes settle the offset on either side of a daylight-saving change.
  let instant = wall - helsinkiOffsetMs(wall - 2 * 3_600_000);
  instant = wall - helsinkiOffsetMs(instant);
  if (instant + helsinkiOffsetMs(instant) !== wall) return undefined;
  return new Date(instant);
}

/** A Helsinki wall-clock value for a `datetime-local` input. */
export function toHelsinkiLocal(date: Date): string {
  const local = new Date(date.getTime() + helsinkiOffsetMs(date.getTime()));
  return local.toISOString().slice(0, 16);
}

function text(value: string | undefined, max: number): string {
  return normaliseName((value ?? '').replace(/\r\n?/g, '\n')).slice(0, max + 1);
}

/** True for an absolute https URL without credentials. */
export function isMeetingUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * Checks a session form. `courseIds` are the courses a session may belong to;
 * `unitIds` the units that exist. New sessions must start in the future;
 * changes to a session that has started are refused elsewhere.
 */
export function parseSessionForm(form: SessionForm, known: { courseIds: readonly string[]; unitIds: ReadonlySet<number> }, now: Date): SessionInputResult {
  const errors: FieldErrors = {};
  const title = text(form.title, 200);
  if (!title) errors.title = 'Kirjoita tilaisuudelle nimi.';
  else if (title.length > 200) errors.title = 'Nimi voi olla enintään 200 merkkiä.';
  else if (hasHiddenCharacters(title)) errors.title = 'Nimessä on ohjausmerkkejä tai näkymättömiä merkkejä. Kirjoita nimi uudelleen.';
  const description = text(form.description, 4000);
  if (description.length > 4000) errors.description = 'Kuvaus voi olla enintään 4 000 merkkiä.';

  const kind = SESSION_KINDS.find((k) => k === form.kind);
  if (!kind) errors.kind = 'Valitse, onko tilaisuus verkossa vai paikan päällä.';
  const meetingUrl = (form.meetingUrl ?? '').trim();
  const place = text(form.place, 200);
  const address = text(form.address, 300);
  if (kind === 'webinar') {
    if (!meetingUrl) errors.meetingUrl = 'Anna verkkotilaisuuden osoite (https://…).';
    else if (!isMeetingUrl(meetingUrl)) errors.meetingUrl = 'Osoitteen pitää alkaa https:// ja olla kokonainen verkko-osoite.';
  }
  if (kind === 'workshop') {
    if (!place) errors.place = 'Kerro paikka, esimerkiksi rakennus ja huone.';
    else if (place.length > 200) errors.place = 'Paikka voi olla enintään 200 merkkiä.';
    if (!address) errors.address = 'Kirjoita käyntiosoite.';
    else if (address.length > 300) errors.address = 'Osoite voi olla enintään 300 merkkiä.';
  }

  const startsAt = form.startsAt ? parseHelsinkiLocal(form.startsAt) : undefined;
  const endsAt = form.endsAt ? parseHelsinkiLocal(form.endsAt) : undefined;
  const deadline = form.deadline ? parseHelsinkiLocal(form.deadline) : undefined;
  if (!startsAt) errors.startsAt = 'Anna alkamisaika muodossa pp.kk.vvvv hh.mm.';
  else if (startsAt.getTime() <= now.getTime()) errors.startsAt = 'Alkamisajan pitää olla tulevaisuudessa.';
  if (!endsAt) errors.endsAt = 'Anna päättymisaika muodossa pp.kk.vvvv hh.mm.';
  else if (startsAt && endsAt.getTime() <= startsAt.getTime()) errors.endsAt = 'Päättymisajan pitää olla alkamisajan jälkeen.';
  else if (startsAt && endsAt.getTime() - startsAt.getTime() > 14 * 86_400_000) errors.endsAt = 'Tilaisuus voi kestää enintään 14 päivää.';
  if (form.deadline && !deadline) errors.deadline = 'Anna ilmoittautumisen takaraja muodossa pp.kk.vvvv hh.mm.';
  else if (deadline && startsAt && deadline.getTime() > startsAt.getTime()) errors.deadline = 'Ilmoittautumisen pitää päättyä viimeistään, kun tilaisuus alkaa.';
  else if (deadline && deadline.getTime() <= now.getTime()) errors.deadline = 'Takarajan pitää olla tulevaisuudessa.';

  const capacityText = (form.capacity ?? '').trim();
  const capacity = /^\d{1,5}$/.test(capacityText) ? Number(capacityText) : NaN;
  if (!capacityText) errors.capacity = 'Kerro, montako osallistujaa mahtuu mukaan.';
  else if (!Number.isInteger(capacity) || capacity < 1) errors.capacity = 'Paikkoja pitää olla vähintään 1 (kokonaisluku).';
  else if (capacity > MAX_CAPACITY) errors.capacity = `Paikkoja voi olla enintään ${MAX_CAPACITY.toLocaleString('fi-FI')}.`;

  const language = SESSION_LANGUAGES.find((l) => l === (form.language || 'fi'));
  if (!language) errors.language = 'Valitse tilaisuuden kieli.';
  const courseId = (form.courseId ?? '').trim() || null;
  if (courseId && !known.courseIds.includes(courseId)) errors.courseId = 'Valitse kurssi luettelosta.';
  const unitIds: number[] = [];
  for (const raw of form.unitIds ?? []) {
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!known.unitIds.has(id)) {
      errors.unitIds = 'Valitse yksiköt luettelosta.';
      break;
    }
    if (!unitIds.includes(id)) unitIds.push(id);
  }

  if (Object.keys(errors).length > 0 || !kind || !startsAt || !endsAt || !language) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title,
      description,
      kind,
      meetingUrl: kind === 'webinar' ? meetingUrl : null,
      place: kind === 'workshop' ? place : null,
      address: kind === 'workshop' ? address : null,
      startsAt,
      endsAt,
      registrationDeadline: deadline ?? startsAt,
      capacity,
      language,
      courseId,
      unitIds,
    },
  };
}
