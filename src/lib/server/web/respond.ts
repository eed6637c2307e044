/** Small Response builders shared by the endpoint adapters. */

/** The 404 an unknown id and a refused one both answer with. */
export function notFoundResponse(): Response {
  return new Response('Ei löytynyt', { status: 404 });
}

/** A private download (never cached). */
export function downloadResponse(file: { body: Uint8Array | string; contentType: string; filename: string }): Response {
  const body = typeof file.body === 'string' ? file.body : Buffer.from(file.body);
  return new Response(body, {
    headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'private, no-store' },
  });
}
