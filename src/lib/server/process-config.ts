/** What the server and every command-line script start with: `.env`, the typed configuration, and a clean exit on bad input. */
import { ConfigError, loadConfig, type AppConfig } from './config';
import { loadDotEnv } from './env-file';

/** Prints the message to standard error and exits with status 1. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The configuration from the environment (and `.env`); an invalid setting stops the script with a message naming it. */
export function loadConfigOrExit(): AppConfig {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}
