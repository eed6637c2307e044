/**
 * `npm run check`'s content step as a trainer runs it: old lesson reviews
 * warn after 12 months and fail after 24, counted from an injected day; a
 * copied passage fails with its file and line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The fixture content with both lessons reviewed on the given day. */
function contentReviewedOn(day: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-check-'));
  dirs.push(dir);
  fs.cpSync(path.resolve('tests/fixtures/content'), dir, { recursive: true });
  for (const name of ['perusteet.mdx', 'tapaus.mdx']) {
    const file = path.join(dir, 'courses/testikurssi/lessons', name);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/reviewed: .*/, `reviewed: ${day}`));
  }
  return dir;
}

const runCheck = (dir: string, today: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-content.ts'], { env: { ...process.env, CONTENT_DIR: dir, CHECK_TODAY: today }, encoding: 'utf8' });

describe('npm run check: review dates', () => {
  it('passes quietly when every lesson was reviewed within 12 months', () => {
    const run = runCheck(contentReviewedOn('2026-06-01'), '2026-12-02');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('warns but passes when a review is older than 12 months', () => {
    const run = runCheck(contentReviewedOn('2025-11-15'), '2026-12-02');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('Varoitus: 2 oppitunnin tarkistus on erääntynyt');
    expect(run.stderr).toContain('oppitunti "Testin perusteet" on tarkistettu 15.11.2025, yli 12 kuukautta sitten');
  });

  it('fails when a review is older than 24 months', () => {
    const run = runCheck(contentReviewedOn('2024-11-15'), '2026-12-02');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('2 oppitunnin tarkistus on myöhässä');
    expect(run.stderr).toMatch(/perusteet\.mdx: oppitunti "Testin perusteet" on tarkistettu 15\.11\.2024, yli 24 kuukautta sitten/);
  });

  it('refuses a CHECK_TODAY that is not a date', () => {
    expect(runCheck(contentReviewedOn('2026-06-01'), 'huomenna').status).toBe(1);
  });
});
