/**
 * The fast path for the build's static output (`dist/client`): prerendered
 * pages, hashed `/_astro` assets, Pagefind files and `public/`. Files are read
 * once at start, compressed once, and served from memory with an ETag;
 * hashed assets are cached by browsers for a year.
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
  for (const rel of listFiles(clientDir)) {
    const body = fs.readFileSync(path.join(clientDir, rel));
    const ext = path.extname(rel).toLowerCase();
    const contentType = TYPES[ext] ?? 'application/octet-stream';
    const compressible = COMPRESSIBLE.test(contentType) && body.length > 512;
    const isHtml = ext === '.html';
    const urlPath = isHtml ? logRouteFor(rel) : `/${rel}`;
    const file: StaticFile = {
      body,
      gzip: compressible ? zlib.gzipSync(body, { level: 9 }) : undefined,
      br: compressible ? zlib.brotliCompressSync(body) : undefined,
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
