/**
 * Dates and numbers the Finnish way. Every calendar decision (what day it is,
 * when a deadline passes) is made in Europe/Helsinki, whatever the server's
 * own time zone.
 */
export const TIME_ZONE = 'Europe/Helsinki';

const dateFormat = new Intl.DateTimeFormat('fi-FI', { timeZone: TIME_ZONE, day: 'numeric', month: 'numeric', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('fi-FI', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `23.11.2026` */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** `23.11.2026 klo 14.05` */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

/** Number with a decimal comma and a narrow no-break space between thousands. */
export function formatNumber(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat('fi-FI', { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(value);
}

/** A quantity such as hours in Finnish: decimal comma, at most `maxDigits` decimals, none when whole (0,5 · 2 · 1,5). */
const quantityFormats = new Map<number, Intl.NumberFormat>();

export function formatQuantity(value: number, maxDigits = 1): string {
  // Building an Intl.NumberFormat costs far more than formatting with one; pages format hundreds of numbers.
  let format = quantityFormats.get(maxDigits);
  if (!format) {
    format = new Intl.NumberFormat('fi-FI', { maximumFractionDigits: maxDigits });
    quantityFormats.set(maxDigits, format);
  }
  return format.format(value);
}

/** A text as one sentence: trimmed, ending in exactly one full stop (or its own ! or ?), never "..". */
export function asSentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return t;
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

const HOUR = 3_600_000;
const summerTimeCache = new Map<number, [number, number]>();

/** The instant of 01:00 UTC on the last Sunday of a month: when EU summer time starts (March) or ends (October). */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * Helsinki's offset from UTC at an instant: +3 h in EU summer time, +2 h
 * otherwise. Computed from the EU rule instead of Intl because reports call
 * it for every row; a test checks it against Intl.
 */
export function helsinkiOffsetMs(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  let bounds = summerTimeCache.get(year);
  if (!bounds) {
    // Until 1995 summer time ended in September.
    bounds = [lastSundayAtOneUtc(year, 2), lastSundayAtOneUtc(year, year < 1996 ? 8 : 9)];
    summerTimeCache.set(year, bounds);
  }
  return ms >= bounds[0] && ms < bounds[1] ? 3 * HOUR : 2 * HOUR;
}

const DAY_MS = 86_400_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The civil date of a day number (days since 1970-01-01), by Howard Hinnant's algorithm: integer arithmetic only. */
function keyOfDayNumber(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The day number (days since 1970-01-01) of a `YYYY-MM-DD` key. */
function dayNumberOfKey(dateKey: string): number {
  return Math.floor(Date.UTC(Number(dateKey.slice(0, 4)), Number(dateKey.slice(5, 7)) - 1, Number(dateKey.slice(8, 10))) / DAY_MS);
}

/** The calendar date in Helsinki as `YYYY-MM-DD`. Reports call this for every row, so it avoids Intl and Date formatting. */
export function helsinkiDateKey(date: Date | number): string {
  const ms = typeof date === 'number' ? date : date.getTime();
  return keyOfDayNumber(Math.floor((ms + helsinkiOffsetMs(ms)) / DAY_MS));
}

const MONTH_NAMES = ['tammikuu', 'helmikuu', 'maaliskuu', 'huhtikuu', 'toukokuu', 'kesäkuu', 'heinäkuu', 'elokuu', 'syyskuu', 'lokakuu', 'marraskuu', 'joulukuu'];

/** A month key (`YYYY-MM`, or a date key) as Finns write it in running text: `tammikuu 2026`. */
export function formatMonthKey(monthKey: string): string {
  return `${MONTH_NAMES[Number(monthKey.slice(5, 7)) - 1]} ${monthKey.slice(0, 4)}`;
}

/** A `YYYY-MM-DD` key as Finnish Excel and readers expect it: `23.11.2026`. */
export function formatDateKey(dateKey: string): string {
  const [y, m, d] = dateKey.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

/** Year, month, day, hour, minute and second on Helsinki's wall clock. */
export function helsinkiParts(date: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const out: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(date)) if (part.type !== 'literal') out[part.type] = part.value;
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}

/**
 * The instant at which a Helsinki calendar day (`YYYY-MM-DD`) begins.
 * Handles daylight saving: the offset is read for that very day.
 */
export function startOfHelsinkiDay(dateKey: string): Date {
  const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
  // Start from midnight UTC and correct by Helsinki's offset at that moment (+2 or +3 h).
  const guess = Date.UTC(y, m - 1, d, 0, 0, 0);
  let instant = guess;
  for (let i = 0; i < 2; i += 1) {
    const p = helsinkiParts(new Date(instant));
    const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    instant -= wall - guess;
  }
  return new Date(instant);
}

/** Adds whole calendar days to a `YYYY-MM-DD` key. */
export function addDaysToKey(dateKey: string, days: number): string {
  return keyOfDayNumber(dayNumberOfKey(dateKey) + days);
}

/** Whole days from one `YYYY-MM-DD` key to another (negative when `to` is earlier). */
export function daysBetweenKeys(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}
