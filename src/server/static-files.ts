/**
 * The fast path for the build's static output (`dist/client`): prerendered
 * pages, hashed `/_astro` assets, Pagefind files and `public/`. The build
 * writes each compressible file's brotli and gzip forms beside it
 * (`precompressStaticFiles`); at start the files are read into memory with
 * their ETag, and served from there; hashed assets are cached by browsers for
 * a year.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface StaticFile {
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
  contentType: string;
  cacheControl: string;
  /** Per-page CSP from the build (prerendered HTML only). */
  csp?: string;
  /** What the request log shows instead of the raw path. */
  logRoute: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|wasm)|image\/svg)/;
/** Suffixes of the compressed forms the build writes beside a file. */
const BROTLI_SUFFIX = '.br';
const GZIP_SUFFIX = '.gz';

function isCompressible(rel: string, size: number): boolean {
  return COMPRESSIBLE.test(TYPES[path.extname(rel).toLowerCase()] ?? '') && size > 512;
}

/**
 * Writes `x.br` (brotli, best) and `x.gz` (gzip 9) beside every compressible
 * file under `clientDir`, so the server never compresses at start. Run by
 * `npm run build` after Astro and Pagefind; returns how many files it did.
 */
export function precompressStaticFiles(clientDir: string): number {
  let count = 0;
  for (const rel of listFiles(clientDir)) {
    if (rel.endsWith(BROTLI_SUFFIX) || rel.endsWith(GZIP_SUFFIX)) continue;
    const file = path.join(clientDir, rel);
    const body = fs.readFileSync(file);
    if (!isCompressible(rel, body.length)) continue;
    fs.writeFileSync(file + BROTLI_SUFFIX, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    fs.writeFileSync(file + GZIP_SUFFIX, zlib.gzipSync(body, { level: 9 }));
    count += 1;
  }
  return count;
}

/** The build's compressed form of a file, or (a build without them) a quick one made now. */
function compressedForm(file: string, suffix: string, body: Buffer): Buffer {
  const ready = file + suffix;
  if (fs.existsSync(ready)) return fs.readFileSync(ready);
  return suffix === BROTLI_SUFFIX ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }) : zlib.gzipSync(body, { level: 6 });
}

/** Shape of `dist/_headers.json`, written by the node adapter with `staticHeaders`. */
export type StaticHeadersJson = { pathname: string; headers: { key: string; value: string }[] }[];

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

function logRouteFor(rel: string): string {
  if (rel.startsWith('_astro/')) return '/_astro/*';
  if (rel.startsWith('pagefind/')) return '/pagefind/*';
  if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'/index.html'.length)}`;
  if (rel === 'index.html') return '/';
  if (rel.endsWith('.html')) return `/${rel.slice(0, -'.html'.length)}`;
  return `/${rel}`;
}

/** Path of the page a CSP entry in `_headers.json` belongs to, normalised like our keys. */
function normalisePagePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/**
 * Reads every file under `clientDir` into memory, keyed by its URL path
 * (`/_astro/x.css`, `/tietosuojaseloste` for `tietosuojaseloste/index.html`).
 */
export function loadStaticFiles(clientDir: string, headersJson: StaticHeadersJson = []): Map<string, StaticFile> {
  const cspByPath = new Map<string, string>();
  for (const entry of headersJson) {
    const csp = entry.headers.find((h) => h.key.toLowerCase() === 'content-security-policy');
    if (csp) cspByPath.set(normalisePagePath(entry.pathname), csp.value);
  }
  const files = new Map<string, StaticFile>();
  if (!fs.existsSync(clientDir)) return files;
  const all = listFiles(clientDir);
  const present = new Set(all);
  for (const rel of all) {
    // A compressed form is part of its original file, never a file of its own.
    if ((rel.endsWith(BROTLI_SUFFIX) || rel.endsWith(GZIP_SUFFIX)) && present.has(rel.slice(0, -3))) continue;
    const full = path.join(clientDir, rel);
    const body = fs.readFileSync(full);
    const ext = path.extname(rel).toLowerCase();
    const contentType = TYPES[ext] ?? 'application/octet-stream';
    const compressible = isCompressible(rel, body.length);
    const isHtml = ext === '.html';
    const urlPath = isHtml ? logRouteFor(rel) : `/${rel}`;
    const file: StaticFile = {
      body,
      gzip: compressible ? compressedForm(full, GZIP_SUFFIX, body) : undefined,
      br: compressible ? compressedForm(full, BROTLI_SUFFIX, body) : undefined,
      etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      contentType,
      cacheControl: rel.startsWith('_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      csp: isHtml ? cspByPath.get(normalisePagePath(urlPath)) : undefined,
      logRoute: logRouteFor(rel),
    };
    files.set(urlPath, file);
    // Prerendered pages are also reachable by their file name.
    if (isHtml) files.set(`/${rel}`, file);
  }
  return files;
}

/** Reads `_headers.json` next to the client and server folders, if the build wrote one. */
export function readStaticHeaders(distDir: string): StaticHeadersJson {
  const file = path.join(distDir, '_headers.json');
  if (!fs.existsSync(file)) return [];
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StaticHeadersJson;
}

/** Finds the file for a request path, tolerating one trailing slash. */
export function findStaticFile(files: Map<string, StaticFile>, pathname: string): StaticFile | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const key = decoded.length > 1 ? decoded.replace(/\/$/, '') : decoded;
  return files.get(key);
}

/** Picks the best encoding the client accepts. */
export function chooseEncoding(acceptEncoding: string | undefined, file: StaticFile): 'br' | 'gzip' | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = acceptEncoding.toLowerCase();
  if (file.br && /\bbr\b/.test(accepted)) return 'br';
  if (file.gzip && /\bgzip\b/.test(accepted)) return 'gzip';
  return undefined;
}
