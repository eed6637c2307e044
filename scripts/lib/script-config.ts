/** What every command-line script starts with: `.env`, the typed configuration, and a clean exit on bad input. */
import { ConfigError, loadConfig, type AppConfig } from '../../src/lib/server/config';
import { loadDotEnv } from '../../src/lib/server/env-file';

/** Prints the message to standard error and exits with status 1. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The configuration from the environment (and `.env`); an invalid setting stops the script with a message naming it. */
export function loadScriptConfig(): AppConfig {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}
