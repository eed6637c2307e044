import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, findStaticFile, loadStaticFiles } from '../../src/server/static-files';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-static-'));
  fs.mkdirSync(path.join(dir, '_astro'));
  fs.mkdirSync(path.join(dir, 'kurssit', 'a'), { recursive: true });
  fs.writeFileSync(path.join(dir, '_astro', 'app.abc123.css'), 'body{color:red}'.repeat(100));
  fs.writeFileSync(path.join(dir, 'kurssit', 'a', 'index.html'), '<!doctype html><p>x</p>'.repeat(50));
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('loadStaticFiles', () => {
  it('maps prerendered pages to their route and attaches their CSP', () => {
    const files = loadStaticFiles(dir, [{ pathname: '/kurssit/a/', headers: [{ key: 'Content-Security-Policy', value: "script-src 'self'" }] }]);
    const page = findStaticFile(files, '/kurssit/a');
    expect(page?.contentType).toBe('text/html; charset=utf-8');
    expect(page?.csp).toBe("script-src 'self'");
    expect(page?.logRoute).toBe('/kurssit/a');
    expect(findStaticFile(files, '/kurssit/a/')).toBe(page);
    expect(page?.cacheControl).toContain('must-revalidate');
  });

  it('caches hashed assets for a year and logs them as one route', () => {
    const files = loadStaticFiles(dir);
    const css = findStaticFile(files, '/_astro/app.abc123.css')!;
    expect(css.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(css.logRoute).toBe('/_astro/*');
    expect(zlib.gunzipSync(css.gzip!).toString()).toBe(css.body.toString());
    expect(css.etag).toMatch(/^"[\w-]+"$/);
  });

  it('rejects paths that do not decode or hold NUL bytes', () => {
    const files = loadStaticFiles(dir);
    expect(findStaticFile(files, '/%E0%A4%A')).toBeUndefined();
    expect(findStaticFile(files, '/favicon.svg%00')).toBeUndefined();
    expect(findStaticFile(files, '/../etc/passwd')).toBeUndefined();
  });

  it('prefers brotli, then gzip, and sends small files as they are', () => {
    const files = loadStaticFiles(dir);
    const css = findStaticFile(files, '/_astro/app.abc123.css')!;
    expect(chooseEncoding('gzip, deflate, br', css)).toBe('br');
    expect(chooseEncoding('gzip', css)).toBe('gzip');
    expect(chooseEncoding(undefined, css)).toBeUndefined();
    expect(chooseEncoding('br', findStaticFile(files, '/favicon.svg')!)).toBeUndefined();
  });
});
