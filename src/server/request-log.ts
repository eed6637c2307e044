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

export interface BufferedLog {
  write: LogWriter;
  /** Writes out whatever is buffered (shutdown, fatal errors). */
  flush: () => void;
}

/**
 * A log that gathers the lines of one turn of the event loop and writes them
 * with one call, so a busy server makes one write per batch instead of one
 * per response (every response is still logged; nothing is sampled). Lines
 * leave within the same turn or, past 64 KB, at once.
 */
export function createBufferedLog(out: (chunk: string) => void, limit = 64 * 1024): BufferedLog {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const chunk = pending;
    pending = '';
    out(chunk);
  };
  return {
    write(line) {
      pending += `${line}\n`;
      if (pending.length >= limit) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
