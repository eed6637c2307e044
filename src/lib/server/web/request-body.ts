/**
 * Request bodies at the edge, before Astro or a route reads them: over the
 * limit is a 413, a form or JSON body that does not parse is a 400, a type
 * an action cannot read is a 415. Each answer is in Finnish: a page for a
 * browser's form post, JSON for `/_actions/` and JSON endpoints. Astro's own
 * answers ("Request body exceeds 1048576 bytes", a bare 415) never show.
 */

/** Every body but the ones below. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** The invitation CSV (2 MB) and its multipart framing. */
export const IMPORT_BODY_LIMIT = 2 * 1024 * 1024 + 64 * 1024;
/** Astro's own limit for actions must leave room for the largest of ours. */
export const ACTION_BODY_LIMIT = IMPORT_BODY_LIMIT;

/** Routes that read their own body with their own limit and answers (the credential check). */
const OWN_BODY_ROUTES = new Set(['/tarkista']);

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;
const JSON_TYPE = /^application\/(.+\+)?json\s*(;|$)/i;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type BodyProblem = 'too_large' | 'malformed' | 'unsupported';

export const BODY_MESSAGES: Record<BodyProblem, { status: number; title: string; text: string }> = {
  too_large: {
    status: 413,
    title: 'Lähetys on liian suuri',
    text: 'Lähettämäsi tiedot ovat liian suuret, joten mitään ei tallennettu. Lomakkeen tiedot saavat olla enintään 1 Mt ja kutsujen CSV-tiedosto enintään 2 Mt. Palaa lomakkeelle ja lähetä pienempi tiedosto tai lyhyempi teksti.',
  },
  malformed: {
    status: 400,
    title: 'Lähetys ei tullut perille ehjänä',
    text: 'Lomakkeen tiedot eivät tulleet perille ehjinä, joten mitään ei tallennettu. Palaa lomakkeelle ja lähetä se uudelleen.',
  },
  unsupported: {
    status: 415,
    title: 'Lähetyksen muoto ei kelpaa',
    text: 'Palvelu ei osaa lukea tässä muodossa lähetettyjä tietoja, joten mitään ei tallennettu. Lähetä tiedot lomakkeella.',
  },
};

/** The largest body a request to `url` may carry; undefined when the route reads its own. */
export function bodyLimitFor(url: URL): number | undefined {
  if (OWN_BODY_ROUTES.has(url.pathname)) return undefined;
  const action = url.pathname.startsWith('/_actions/') ? url.pathname.slice('/_actions/'.length) : url.searchParams.get('_action');
  return action === 'members.importCsv' ? IMPORT_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

function isActionCall(url: URL): boolean {
  return url.pathname.startsWith('/_actions/') || url.searchParams.has('_action');
}

/** Reads at most `limit + 1` bytes of a copy of the body; true when there is more than `limit`. */
async function exceeds(request: Request, limit: number): Promise<boolean> {
  const body = request.clone().body;
  if (!body) return false;
  const reader = body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > limit) {
      // A copy's cancel settles only when the original is cancelled too; do not wait for it.
      reader.cancel().catch(() => undefined);
      return true;
    }
  }
}

/** What is wrong with the request's body, or null when the route may read it. */
export async function findBodyProblem(request: Request, url: URL): Promise<BodyProblem | null> {
  if (!BODY_METHODS.has(request.method)) return null;
  const limit = bodyLimitFor(url);
  if (limit === undefined) return null;
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!/^\d+$/.test(declared.trim())) return 'malformed';
    if (Number(declared) > limit) return 'too_large';
  } else if (await exceeds(request, limit)) return 'too_large';
  const type = request.headers.get('content-type') ?? '';
  if (FORM_TYPES.test(type)) {
    try {
      await request.clone().formData();
    } catch {
      return 'malformed';
    }
    return null;
  }
  if (JSON_TYPE.test(type)) {
    const text = await request.clone().text();
    if (!text.trim()) return null;
    try {
      JSON.parse(text);
    } catch {
      return 'malformed';
    }
    return null;
  }
  // Actions read forms and JSON only; other routes decide for themselves (an empty beacon, a plain text body).
  if (isActionCall(url) && type !== '' && (declared === null || declared.trim() !== '0')) return 'unsupported';
  return null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Whether the answer should be JSON: RPC action calls and requests that send or ask for JSON. */
function wantsJson(request: Request, url: URL): boolean {
  if (url.pathname.startsWith('/_actions/')) return true;
  const accept = request.headers.get('accept') ?? '';
  if (/text\/html/i.test(accept)) return false;
  return JSON_TYPE.test(request.headers.get('content-type') ?? '') || /application\/json/i.test(accept);
}

/** The Finnish answer for a body problem: a page with a way back to the form, or JSON. */
export function bodyProblemResponse(problem: BodyProblem, request: Request, url: URL): Response {
  const { status, title, text } = BODY_MESSAGES[problem];
  // The rest of an oversized body is never read, so the connection is not reused for another request.
  const headers: Record<string, string> = problem === 'too_large' ? { 'cache-control': 'no-store', connection: 'close' } : { 'cache-control': 'no-store' };
  if (wantsJson(request, url)) {
    const code = problem === 'too_large' ? 'CONTENT_TOO_LARGE' : problem === 'malformed' ? 'BAD_REQUEST' : 'UNSUPPORTED_MEDIA_TYPE';
    return new Response(JSON.stringify({ type: 'AstroActionError', code, status, message: text }), { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
  }
  const back = escapeHtml(url.pathname);
  const body = `<!doctype html><html lang="fi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Virhe: ${title}</title></head><body><main><h1>${title}</h1><p>${text}</p><p><a href="${back}">Palaa lomakkeelle</a></p></main></body></html>`;
  return new Response(body, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}
