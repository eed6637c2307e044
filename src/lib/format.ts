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
export function formatQuantity(value: number, maxDigits = 1): string {
  return new Intl.NumberFormat('fi-FI', { maximumFractionDigits: maxDigits }).format(value);
}

/** The calendar date in Helsinki as `YYYY-MM-DD`. */
export function helsinkiDateKey(date: Date): string {
  const p = helsinkiParts(date);
  return `${p.year}-${p.month}-${p.day}`;
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
  const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from one `YYYY-MM-DD` key to another (negative when `to` is earlier). */
export function daysBetweenKeys(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}
