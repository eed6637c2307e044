/** Administration of organisation sign-in: providers, "Kokeile" and SCIM tokens (admins only). */
import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireActionAccess } from './access';
import { oidcContextForRequest } from '../lib/server/oidc/web';
import { issueScimToken, saveIdentityProvider, tryIdentityProvider } from '../lib/server/oidc/providers';
import { discoveryMessage, providerMessage } from '../lib/server/oidc/messages';
import { idField } from './schemas';
import { fieldFailure, formFailure } from './messages';

// Astro passes a missing form field as null.
const text = (max: number) => z.string().max(max, `Enintään ${max} merkkiä.`).nullish().transform((v) => v ?? '');
const flag = z.string().max(1).nullish().transform((v) => v === '1');

const providerFields = z.object({
  id: z.string().max(12).nullish(),
  name: text(200),
  slug: text(100),
  issuer: text(500),
  clientId: text(300),
  clientSecret: text(600),
  scopes: text(500),
  domains: text(2000),
  defaultNodeId: z.string().max(12).nullish(),
  unitClaim: text(100),
  unitMap: text(10_000),
  groupClaim: text(100),
  managerGroups: text(10_000),
  enforcesMfa: flag,
  acrValue: text(200),
  // Not named after passwords: the form is shown again with what was typed, and password fields never are.
  localSignInOff: flag,
  enabled: flag,
});

const optionalId = (v: string | null | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

export const identity = {
  saveProvider: defineAction({
    accept: 'form',
    input: providerFields,
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.identity');
      const { id, defaultNodeId, localSignInOff, ...rest } = input;
      const result = saveIdentityProvider(oidcContextForRequest(context), user.id, optionalId(id), { ...rest, passwordOff: localSignInOff, defaultNodeId: optionalId(defaultNodeId) ?? null });
      if (result.ok) return { ok: true as const, redirect: `/yllapito/tunnistus/${result.id}?ilmoitus=tallennettu` };
      return result.field ? fieldFailure(result.field, providerMessage(result.error)) : formFailure(providerMessage(result.error), result.error === 'not_found' ? 404 : 400);
    },
  }),
  tryProvider: defineAction({
    accept: 'form',
    input: z.object({ id: idField() }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'admin.identity');
      const result = await tryIdentityProvider(oidcContextForRequest(context), user.id, input.id);
      if (result.ok) return { ok: true as const, tried: { ok: true, message: `Yhteys toimii. Kirjautumisosoite: ${result.authorizationEndpoint}.${result.endSession ? ' Palvelu tukee uloskirjautumista myös palvelusta.' : ' Palvelu ei kerro uloskirjautumisosoitetta.'}` } };
      if (result.error === 'not_found') return formFailure(providerMessage('not_found'), 404);
      return { ok: true as const, tried: { ok: false, message: discoveryMessage(result.error) } };
    },
  }),
  issueScimToken: defineAction({
    accept: 'form',
    input: z.object({ id: idField() }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'admin.identity');
      const result = issueScimToken(oidcContextForRequest(context), user.id, input.id);
      if (!result.ok) return formFailure(providerMessage('not_found'), 404);
      return { ok: true as const, token: result.token };
    },
  }),
};
