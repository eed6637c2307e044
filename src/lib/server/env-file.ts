import fs from 'node:fs';
import path from 'node:path';

/**
 * Loads `.env` from the working directory when it exists. Variables already
 * set in the environment win, so a deployment's own settings are never
 * overridden by a stray file.
 */
export function loadDotEnv(cwd = process.cwd()): void {
  const file = path.join(cwd, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
