/**
 * Builds the site once for all browser tests, into a temporary build
 * directory with a fixed server-island key, and checks for Chromium.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath, chromiumMissingNotice } from './helpers/chromium';

export const TEST_ASTRO_KEY = 'dGVzdC1vbmx5LWtleS0zMi1ieXRlcy1sb25nLi4uLi4=';

export default function setup(project: TestProject): () => void {
  const root = path.resolve('.test-build');
  const buildDir = path.join(root, 'dist');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  // The real curriculum plus the fixture course, so tests do not depend on the curriculum's details.
  const contentDir = path.join(root, 'content');
  fs.cpSync(path.resolve('src/content'), contentDir, { recursive: true });
  fs.cpSync(path.resolve('tests/fixtures/content/courses'), path.join(contentDir, 'courses'), { recursive: true });
  const env = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    APP_ENV: 'test',
    BUILD_DIR: buildDir,
    DATABASE_PATH: path.join(root, 'build-data', 'app.db'),
    ASTRO_KEY: TEST_ASTRO_KEY,
    SITE_URL: 'http://localhost:4321',
    CONTENT_DIR: contentDir,
  };
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { env, stdio: 'inherit' });

  const browser = chromiumPath();
  if (!browser) {
    if (process.env.CI === 'true') throw new Error(`${chromiumMissingNotice()} Under CI=true the browser tests must run.`);
    process.stderr.write(`\n${chromiumMissingNotice()} Browser tests are skipped.\n\n`);
  }
  project.provide('buildDir', buildDir);
  project.provide('astroKey', TEST_ASTRO_KEY);
  project.provide('contentDir', contentDir);
  return () => fs.rmSync(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    buildDir: string;
    astroKey: string;
    contentDir: string;
  }
}
