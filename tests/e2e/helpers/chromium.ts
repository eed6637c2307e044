import fs from 'node:fs';

/** Debian's Chromium, or `CHROMIUM_PATH`; undefined when not installed. */
export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return fs.existsSync(candidate) ? candidate : undefined;
}

export function chromiumMissingNotice(): string {
  return `Chromium not found at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'} (set CHROMIUM_PATH, or install Debian's "chromium" package).`;
}
