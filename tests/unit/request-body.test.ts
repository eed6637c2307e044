import { describe, expect, it } from 'vitest';
import { bodyProblemResponse, DEFAULT_BODY_LIMIT, findBodyProblem, IMPORT_BODY_LIMIT } from '../../src/lib/server/web/request-body';
import { readFormState } from '../../src/lib/web/form-state';

const base = 'http://localhost:4321';

function post(path: string, body: BodyInit | null, headers: Record<string, string>, stream = false): [Request, URL] {
  const url = new URL(path, base);
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body };
  if (stream && typeof body === 'string') {
    const bytes = new TextEncoder().encode(body);
    init.body = new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) });
    init.duplex = 'half';
  }
  return [new Request(url, init), url];
}

describe('request bodies at the edge', () => {
  it('refuses a form over 1 MB, by its declared length and by what actually arrives', async () => {
    const big = `bio=${'a'.repeat(DEFAULT_BODY_LIMIT)}`;
    const type = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(await findBodyProblem(...post('/profiili?_action=profile.update', big, type))).toBe('too_large');
    expect(await findBodyProblem(...post('/profiili?_action=profile.update', big, type, true))).toBe('too_large');
    expect(await findBodyProblem(...post('/profiili?_action=profile.update', 'bio=lyhyt', type))).toBeNull();
  });

  it('lets the invitation CSV be 2 MB, and only that action', async () => {
    const file = new File(['x'.repeat(2 * 1024 * 1024 - 100)], 'kutsut.csv', { type: 'text/csv' });
    const form = new FormData();
    form.set('file', file);
    const encoded = new Response(form);
    const headers = { 'content-type': encoded.headers.get('content-type')! };
    const body = await encoded.arrayBuffer();
    expect(body.byteLength).toBeLessThan(IMPORT_BODY_LIMIT);
    expect(await findBodyProblem(...post('/yllapito/kutsu?_action=members.importCsv', body, headers))).toBeNull();
    expect(await findBodyProblem(...post('/_actions/members.importCsv', body, headers))).toBeNull();
    expect(await findBodyProblem(...post('/yllapito/kutsu?_action=members.invite', body, headers))).toBe('too_large');
  });

  it('calls broken multipart and JSON malformed, and an unreadable type for an action unsupported', async () => {
    expect(await findBodyProblem(...post('/kirjaudu?_action=auth.login', '--x\r\nrikki', { 'content-type': 'multipart/form-data; boundary=y' }))).toBe('malformed');
    expect(await findBodyProblem(...post('/_actions/auth.login', '{"email":', { 'content-type': 'application/json' }))).toBe('malformed');
    expect(await findBodyProblem(...post('/tehtava/katsottu', '{"lesson":', { 'content-type': 'application/json' }))).toBe('malformed');
    expect(await findBodyProblem(...post('/_actions/auth.login', 'email=a', { 'content-type': 'text/plain' }))).toBe('unsupported');
    expect(await findBodyProblem(...post('/tehtava/katsottu', '{"lesson":"a/b"}', { 'content-type': 'application/json' }))).toBeNull();
  });

  it('answers in Finnish: a page for a form, JSON for an action call', async () => {
    const [formRequest, formUrl] = post('/kirjaudu?_action=auth.login', '', { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' });
    const page = bodyProblemResponse('too_large', formRequest, formUrl);
    expect(page.status).toBe(413);
    const html = await page.text();
    expect(html).toContain('Lähettämäsi tiedot ovat liian suuret');
    expect(html).toContain('href="/kirjaudu"');
    const [rpc, rpcUrl] = post('/_actions/auth.login', '', { 'content-type': 'application/json' });
    const json = bodyProblemResponse('malformed', rpc, rpcUrl);
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('eivät tulleet perille ehjinä') });
  });

  it("never shows Astro's English body messages in a form", () => {
    const state = readFormState({ error: { code: 'CONTENT_TOO_LARGE', status: 413, message: 'Request body exceeds 1048576 bytes' } });
    expect(state).toMatchObject({ status: 413, message: expect.stringContaining('liian suuret') });
    expect(readFormState({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, message: '' } }).status).toBe(415);
  });
});
