/**
 * The server-island key (`ASTRO_KEY`): Astro encrypts island props with it at
 * build time and decrypts them at run time, so every build must use the same
 * key or pages open in a browser break after a restart. It is generated once
 * into the data directory and reused.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Path of the generated key inside the data directory. */
export function astroKeyPath(dataDir: string): string {
  return path.join(dataDir, 'astro-key');
}

/**
 * Returns the configured key, or the one stored in the data directory,
 * generating and storing it (mode 0600) when missing.
 */
export function ensureAstroKey(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = astroKeyPath(dataDir);
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32).toString('base64');
  // 'wx' fails when another process created the file first; read theirs then.
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw error;
  }
}
