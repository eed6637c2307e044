/**
 * Compresses the HTML that Astro renders on demand when the client accepts
 * it: the page is gathered as Astro writes it, then compressed once (brotli
 * quality 4 or gzip 6, both fast) and sent with its length. Anything that is
 * not HTML (exports, images, JSON) streams through untouched.
 */
import type http from 'node:http';
import zlib from 'node:zlib';

/** Below this, compression saves less than it costs. */
const MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/** The encoding to use for a client's `Accept-Encoding`, if any. */
export function htmlEncodingFor(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = acceptEncoding.toLowerCase();
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return undefined;
}

function compress(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : zlib.gzipSync(body, { level: 6 });
}

const headerValue = (headers: http.OutgoingHttpHeaders, name: string) => {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
};

/**
 * Makes `res` compress an HTML response written with `writeHead(status,
 * headers)`, `write` and `end` (how Astro's node adapter writes).
 */
export function compressHtmlWhenAccepted(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method === 'HEAD') return;
  const encoding = htmlEncodingFor(req.headers['accept-encoding']);
  if (!encoding) return;
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: http.OutgoingHttpHeaders) => http.ServerResponse;
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  let held: { status: number; headers: http.OutgoingHttpHeaders; chunks: Buffer[] } | undefined;

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.length === 1 && rest[0] && typeof rest[0] === 'object' && !Array.isArray(rest[0]) ? (rest[0] as http.OutgoingHttpHeaders) : undefined;
    const type = String((headers && headerValue(headers, 'content-type')) ?? res.getHeader('content-type') ?? '');
    const encoded = (headers && headerValue(headers, 'content-encoding')) ?? res.getHeader('content-encoding');
    if (headers && type.startsWith('text/html') && !encoded && status !== 204 && status !== 304) {
      held = { status, headers, chunks: [] };
      return res;
    }
    return (writeHead as (...args: unknown[]) => http.ServerResponse)(status, ...rest);
  }) as typeof res.writeHead;

  const hold = (chunk: unknown, enc: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    held!.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof enc === 'string' ? (enc as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array));
  };

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!held) return write(chunk, ...rest);
    hold(chunk, rest[0]);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  }) as typeof res.write;

  res.end = ((...args: unknown[]) => {
    if (!held) return end(...args);
    const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    hold(args[0], args[1]);
    const { status, headers, chunks } = held;
    held = undefined;
    const body = Buffer.concat(chunks);
    const out: http.OutgoingHttpHeaders = {};
    for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() !== 'content-length') out[key] = value;
    if (body.length < MIN_BYTES) {
      writeHead(status, { ...out, 'content-length': body.length });
      return end(body, callback);
    }
    const compressed = compress(body, encoding);
    const vary = headerValue(out, 'vary');
    for (const key of Object.keys(out)) if (key.toLowerCase() === 'vary') delete out[key];
    writeHead(status, { ...out, 'content-encoding': encoding, 'content-length': compressed.length, vary: vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding' });
    return end(compressed, callback);
  }) as typeof res.end;
}
