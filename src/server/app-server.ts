/**
 * Our HTTP server around Astro's node middleware: static files from memory,
 * security headers and a log line on every response, proxy header hygiene,
 * and everything else handed to Astro.
 */
import http from 'node:http';
import { chooseEncoding, findStaticFile, type StaticFile } from './static-files';
import { DEFAULT_CSP, isPublicVerificationResource, PREFLIGHT_HEADERS, PUBLIC_RESOURCE_HEADERS, securityHeaders } from './security-headers';
import { formatRequestLog, type LogWriter } from './request-log';
import { compressHtmlWhenAccepted } from './compress-html';
import { CLIENT_ADDRESS_HEADER } from '../lib/server/web/client-address';

export { CLIENT_ADDRESS_HEADER };

/** Astro's node handler in middleware mode. */
export type AstroHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next?: (err?: unknown) => void,
  locals?: object,
) => void | Promise<void>;

export interface AppServerOptions {
  handler: AstroHandler;
  staticFiles: Map<string, StaticFile>;
  /** The 404 page from the build, served when nothing matches. */
  notFoundPage?: StaticFile;
  siteUrl: string;
  secure: boolean;
  trustProxy: boolean;
  log: LogWriter;
}

/**
 * Makes the request look to Astro as the client saw it. `X-Forwarded-Proto`
 * and `-Host` are honoured only when they name our own `SITE_URL` (so a
 * TLS-terminating proxy keeps the origin check working and nobody can claim a
 * foreign origin); `X-Forwarded-For` only with `TRUST_PROXY`, and then its
 * last hop, the one our proxy appended.
 */
export function normaliseProxyHeaders(req: http.IncomingMessage, site: URL, trustProxy: boolean): void {
  const forwardedFor = req.headers['x-forwarded-for'];
  let client = req.socket.remoteAddress;
  if (trustProxy && forwardedFor) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((h) => h.trim()).filter(Boolean);
    const last = hops.at(-1);
    if (last) {
      req.headers['x-forwarded-for'] = last;
      client = last;
    } else delete req.headers['x-forwarded-for'];
  } else {
    delete req.headers['x-forwarded-for'];
  }
  // Astro trusts X-Forwarded-For only when Host names the site, and proxies often rewrite Host; we state the address ourselves.
  if (client) req.headers[CLIENT_ADDRESS_HEADER] = client;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim().toLowerCase();
  const fwdHost = String(req.headers['x-forwarded-host'] ?? '').split(',')[0]?.trim().toLowerCase();
  const hostMatches = !fwdHost || fwdHost === site.host;
  if (proto === 'https' && site.protocol === 'https:' && hostMatches) {
    if (fwdHost) req.headers.host = fwdHost;
    // Astro derives the request URL's scheme from the socket; the proxy terminated TLS for us.
    Object.defineProperty(req.socket, 'encrypted', { value: true, configurable: true });
  }
  delete req.headers['x-forwarded-proto'];
  delete req.headers['x-forwarded-host'];
  delete req.headers['x-forwarded-port'];
}

type RawHeaders = string[];

/** A static file's complete response headers, built once per file and encoding. */
interface PreparedHeaders {
  ok: Record<'br' | 'gzip' | 'identity', RawHeaders>;
  notModified: RawHeaders;
  notFound: Record<'br' | 'gzip' | 'identity', RawHeaders>;
}

function flatten(headers: Record<string, string | number>): RawHeaders {
  const raw: RawHeaders = [];
  for (const [name, value] of Object.entries(headers)) raw.push(name, String(value));
  return raw;
}

function prepareHeaders(file: StaticFile, base: Record<string, string>, pathname: string): PreparedHeaders {
  const common = (status: 200 | 404): Record<string, string> => ({
    ...base,
    ...(status === 200 && isPublicVerificationResource(pathname) ? PUBLIC_RESOURCE_HEADERS : {}),
    'Content-Security-Policy': file.csp ?? DEFAULT_CSP,
    'Content-Type': file.contentType,
    'Cache-Control': status === 200 ? file.cacheControl : 'no-store',
    Vary: 'Accept-Encoding',
    ...(status === 200 ? { ETag: file.etag } : {}),
  });
  const variants = (status: 200 | 404) => ({
    br: file.br ? flatten({ ...common(status), 'Content-Encoding': 'br', 'Content-Length': file.br.length }) : [],
    gzip: file.gzip ? flatten({ ...common(status), 'Content-Encoding': 'gzip', 'Content-Length': file.gzip.length }) : [],
    identity: flatten({ ...common(status), 'Content-Length': file.body.length }),
  });
  const { 'Content-Type': _type, ...notModified } = common(200);
  return { ok: variants(200), notModified: flatten(notModified), notFound: variants(404) };
}

function sendStatic(req: http.IncomingMessage, res: http.ServerResponse, file: StaticFile, prepared: PreparedHeaders, status: 200 | 404 = 200): void {
  if (status === 200 && req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, prepared.notModified);
    res.end();
    return;
  }
  const encoding = chooseEncoding(req.headers['accept-encoding'], file) ?? 'identity';
  const body = encoding === 'br' ? file.br! : encoding === 'gzip' ? file.gzip! : file.body;
  res.writeHead(status, (status === 200 ? prepared.ok : prepared.notFound)[encoding]);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Creates the server; call `listen` on it. */
export function createAppServer(options: AppServerOptions): http.Server {
  const site = new URL(options.siteUrl);
  const baseHeaders = securityHeaders({ secure: options.secure });

  const prepared = new Map<StaticFile, PreparedHeaders>();
  const headersOf = (file: StaticFile, pathname: string) => {
    let headers = prepared.get(file);
    if (!headers) prepared.set(file, (headers = prepareHeaders(file, baseHeaders, pathname)));
    return headers;
  };

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const locals: { routePattern?: string; nodeResponse?: http.ServerResponse } = { nodeResponse: res };
    let route = '(none)';
    res.on('finish', () => {
      options.log(formatRequestLog({ method: req.method ?? 'GET', route: locals.routePattern ?? route, status: res.statusCode, ms: performance.now() - started }));
    });
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query < 0 ? url : url.slice(0, query);

    // The fast path: a file of the build, with every header prepared once per file.
    if (req.method === 'GET' || req.method === 'HEAD') {
      const file = findStaticFile(options.staticFiles, pathname);
      if (file) {
        route = file.logRoute;
        sendStatic(req, res, file, headersOf(file, pathname));
        return;
      }
    }

    for (const [name, value] of Object.entries(baseHeaders)) res.setHeader(name, value);
    // Astro replaces this with the page's own policy (with its hashes) on HTML responses.
    res.setHeader('Content-Security-Policy', DEFAULT_CSP);
    normaliseProxyHeaders(req, site, options.trustProxy);

    // Browser-based verifiers on other sites read the public verification resources (GET/HEAD, no credentials).
    if (isPublicVerificationResource(pathname)) {
      if (req.method === 'OPTIONS') {
        route = '(cors preflight)';
        for (const [name, value] of Object.entries(PREFLIGHT_HEADERS)) res.setHeader(name, value);
        res.writeHead(204);
        res.end();
        return;
      }
      if (req.method === 'GET' || req.method === 'HEAD') for (const [name, value] of Object.entries(PUBLIC_RESOURCE_HEADERS)) res.setHeader(name, value);
    }

    const notFound = () => {
      route = '(not found)';
      if (options.notFoundPage && (req.method === 'GET' || req.method === 'HEAD')) {
        // The headers set for Astro would otherwise be sent twice.
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        sendStatic(req, res, options.notFoundPage, headersOf(options.notFoundPage, '/404'), 404);
      }
      else {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found');
      }
    };
    compressHtmlWhenAccepted(req, res);
    Promise.resolve(options.handler(req, res, notFound, locals)).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal Server Error');
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  return server;
}

/**
 * Stops accepting connections, lets in-flight requests finish (up to
 * `graceMs`), then closes what is left.
 */
export function stopServer(server: http.Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

