import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStaticFiles, precompressStaticFiles } from '../../src/server/static-files';
import { compressHtmlWhenAccepted } from '../../src/server/compress-html';
import { createBufferedLog } from '../../src/server/request-log';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tka-fast-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('precompressStaticFiles', () => {
  it('writes brotli and gzip beside compressible files, which the server then uses and never lists as files', () => {
    fs.mkdirSync(path.join(dir, 'client', '_astro'), { recursive: true });
    const css = 'body{color:red}'.repeat(200);
    fs.writeFileSync(path.join(dir, 'client', '_astro', 'a.css'), css);
    fs.writeFileSync(path.join(dir, 'client', 'small.txt'), 'tiny');
    expect(precompressStaticFiles(path.join(dir, 'client'))).toBe(1);
    const br = fs.readFileSync(path.join(dir, 'client', '_astro', 'a.css.br'));
    expect(zlib.brotliDecompressSync(br).toString()).toBe(css);
    expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'client', '_astro', 'a.css.gz'))).toString()).toBe(css);
    expect(fs.existsSync(path.join(dir, 'client', 'small.txt.br'))).toBe(false);
    const files = loadStaticFiles(path.join(dir, 'client'));
    expect([...files.keys()].sort()).toEqual(['/_astro/a.css', '/small.txt']);
    expect(files.get('/_astro/a.css')!.br!.equals(br)).toBe(true);
  });
});

function serve(handler: http.RequestListener): Promise<{ port: number; close: () => void }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, close: () => server.close() })));
}

function get(port: number, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('compressHtmlWhenAccepted', () => {
  const page = `<!doctype html><main>${'<p>Hei maailma</p>'.repeat(300)}</main>`;
  const handler: http.RequestListener = (req, res) => {
    compressHtmlWhenAccepted(req, res);
    const html = req.url !== '/data';
    res.writeHead(200, { 'content-type': html ? 'text/html; charset=utf-8' : 'text/csv', 'set-cookie': ['a=1', 'b=2'] });
    res.write(page.slice(0, 1000));
    res.end(page.slice(1000));
  };

  it('sends brotli or gzip as the client accepts, with the length and Vary, keeping the other headers', async () => {
    const server = await serve(handler);
    try {
      const br = await get(server.port, { 'accept-encoding': 'gzip, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toBe('Accept-Encoding');
      expect(br.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(zlib.brotliDecompressSync(br.body).toString()).toBe(page);
      const gzip = await get(server.port, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gzip.body).toString()).toBe(page);
      const plain = await get(server.port, {});
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(page);
    } finally {
      server.close();
    }
  });

  it('leaves anything that is not HTML as it is', async () => {
    const server = await serve((req, res) => {
      req.url = '/data';
      handler(req, res);
    });
    try {
      const r = await get(server.port, { 'accept-encoding': 'br' });
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.body.toString()).toBe(page);
    } finally {
      server.close();
    }
  });
});

describe('createBufferedLog', () => {
  it('writes every line, batched per turn of the event loop', async () => {
    const writes: string[] = [];
    const log = createBufferedLog((chunk) => writes.push(chunk));
    log.write('a');
    log.write('b');
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(['a\nb\n']);
    log.write('c');
    log.flush();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes at once past its limit', () => {
    const writes: string[] = [];
    const log = createBufferedLog((chunk) => writes.push(chunk), 10);
    log.write('0123456789');
    expect(writes).toEqual(['0123456789\n']);
  });
});
