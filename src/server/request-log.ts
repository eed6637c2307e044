/**
 * One log line per response: method, route pattern, status and duration.
 * Never the raw URL (query strings and paths can carry tokens) and nothing
 * about the person.
 */
export interface RequestLogEntry {
  method: string;
  route: string;
  status: number;
  ms: number;
}

export type LogWriter = (line: string) => void;

/** Formats a request log line as JSON. */
export function formatRequestLog(entry: RequestLogEntry, now: Date = new Date()): string {
  return JSON.stringify({ t: now.toISOString(), type: 'request', ...entry, ms: Math.round(entry.ms * 10) / 10 });
}

/** Writes an operational message (start, backup, shutdown) as a JSON line. */
export function formatEventLog(event: string, details: Record<string, unknown> = {}, now: Date = new Date()): string {
  return JSON.stringify({ t: now.toISOString(), type: 'event', event, ...details });
}
