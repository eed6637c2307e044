/** Starts an organisation sign-in from the sign-in page's form (POST: it writes the flow row). */
import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { getConfig } from '../../../lib/server/config';
import { startOrganisationSignIn } from '../../../lib/server/oidc/start';
import { setFlowCookie } from '../../../lib/server/oidc/cookies';
import { failureLocation, oidcContextForRequest } from '../../../lib/server/oidc/web';

export const prerender = false;

const input = z.object({
  palvelu: z.string().trim().max(40).optional(),
  email: z.string().trim().max(254).optional(),
  palaa: z.string().max(2000).optional(),
});

export const POST: APIRoute = async (context) => {
  const parsed = input.safeParse(Object.fromEntries((await context.request.formData().catch(() => new FormData())).entries()));
  if (!parsed.success || (!parsed.data.palvelu && !parsed.data.email)) return context.redirect(failureLocation('aloitus', 'no_provider'), 303);
  const result = await startOrganisationSignIn(oidcContextForRequest(context), { provider: parsed.data.palvelu || undefined, email: parsed.data.email || undefined, returnTo: parsed.data.palaa });
  if (!result.ok) return context.redirect(failureLocation('aloitus', result.error, 'problem' in result ? result.problem : undefined), 303);
  setFlowCookie(context.cookies, result.flowToken, result.maxAgeSeconds, getConfig().secure);
  return leadToProvider(result.url);
};

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A page that moves on to the provider at once. Not a redirect: the sign-in
 * form's CSP (`form-action 'self'`) also governs where a form's redirects may
 * lead, and the provider is another origin. A refresh is a new navigation.
 */
function leadToProvider(url: string): Response {
  const href = escapeAttribute(url);
  const body = `<!doctype html><html lang="fi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><meta name="robots" content="noindex"><title>Siirrytään organisaation kirjautumiseen</title></head><body><main><h1>Siirrytään organisaation kirjautumiseen</h1><p><a href="${href}">Jatka organisaation kirjautumiseen</a></p></main></body></html>`;
  return new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}

export const GET: APIRoute = (context) => context.redirect('/kirjaudu', 303);
