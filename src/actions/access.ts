/** The action adapter for the access decision: returns the user or throws the matching ActionError. */
import type { APIContext } from 'astro';
import { ActionError } from 'astro:actions';
import type { Permission } from '../lib/server/auth/permissions';
import type { SessionInfo, SessionUser } from '../lib/server/auth/types';
import { decideAccess } from '../lib/server/web/access';
import { accessInput } from '../lib/server/web/guard';

/** For action handlers: returns the user or throws the matching ActionError. */
export function requireActionAccess(context: Pick<APIContext, 'locals'>, permission?: Permission): { user: SessionUser; session: SessionInfo } {
  const decision = decideAccess(accessInput(context as Parameters<typeof accessInput>[0]), permission);
  if (decision.kind === 'allow') return { user: decision.user, session: decision.session };
  if (decision.kind === 'forbidden' || decision.kind === 'enrol-second-factor') throw new ActionError({ code: 'FORBIDDEN', message: 'Sinulla ei ole oikeutta tähän toimintoon.' });
  throw new ActionError({ code: 'UNAUTHORIZED', message: 'Kirjaudu sisään jatkaaksesi.' });
}
