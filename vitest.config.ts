import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `~/` is `src/`, as in tsconfig.json (Astro and tsx read it from there).
// Outside Astro the catalog reads the content files instead of the collections, in the same shape.
const alias = [
  { find: /^~\/content-collections$/, replacement: fileURLToPath(new URL('./src/lib/content/file-collections.ts', import.meta.url)) },
  { find: /^~\//, replacement: fileURLToPath(new URL('./src/', import.meta.url)) },
];

export default defineConfig({
  resolve: { alias },
  test: {
    // Every test database, build and outbox lives in a temporary directory.
    env: { ASTRO_TELEMETRY_DISABLED: '1', APP_ENV: 'test' },
    reporters: process.env.VITEST_JSON_REPORT ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT }]] : ['default'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One browser and one server at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
