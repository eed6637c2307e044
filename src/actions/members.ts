/**
 * Inviting people and confirming organisation requests. Managers act only in
 * their own subtrees and invite learners; admins anyone with any role.
 */
import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { requireActionAccess } from './access';
import { serviceContextFor } from '../lib/server/web/request';
import { inviteUser, type CsvRowCheck } from '../lib/server/accounts/invitations';
import { confirmInvitationImport, previewInvitationImport } from '../lib/server/accounts/invitation-import';
import { parseInvitationCsv } from '../lib/server/accounts/invitation-csv';
import { decideMembership } from '../lib/server/accounts/memberships';
import { isRole } from '../lib/server/accounts/admin-users';
import type { Role } from '../lib/server/auth/types';
import { t } from '../lib/i18n';
import { emailField, idField, nameField, nodeField } from './schemas';
import { fieldFailure, formFailure } from './messages';

const INVITE_PROBLEMS: Record<string, string> = {
  name: 'Kirjoita nimi.',
  email: 'Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.',
  exists: 'Tällä osoitteella on jo tili.',
  node: 'Valitse organisaatio, joka on vastuullasi.',
  roles: 'Voit kutsua vain oppijoita.',
};

const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** Reads the uploaded file (or a pasted list). */
async function csvBytes(file: File | undefined, text: string | undefined): Promise<Uint8Array | undefined> {
  if (file && file.size > 0) return new Uint8Array(await file.arrayBuffer());
  if (text) return new TextEncoder().encode(text);
  return undefined;
}

const IMPORT_GONE = 'Esikatselu on vanhentunut tai sen kutsut on jo lähetetty. Tuo tiedosto uudelleen.';
/** Rows shown in the preview table; a list of thousands is summarised, its problems all listed (up to PREVIEW_PROBLEMS). */
const PREVIEW_ROWS = 100;
const PREVIEW_PROBLEMS = 500;

function previewRow(c: CsvRowCheck) {
  return { line: c.row.line, name: c.row.name, email: c.row.email, node: c.nodeLabel ?? c.row.nodePath.join(' / '), roles: c.row.roles, problems: c.problems };
}

function previewOf(checks: CsvRowCheck[]) {
  const bad = checks.filter((c) => c.problems.length);
  return { total: checks.length, badCount: bad.length, valid: bad.length === 0, rows: checks.slice(0, PREVIEW_ROWS).map(previewRow), problems: bad.slice(0, PREVIEW_PROBLEMS).map(previewRow) };
}

export const members = {
  invite: defineAction({
    accept: 'form',
    input: z.object({ name: nameField, email: emailField, nodeId: nodeField, roles: z.array(z.string()).default([]) }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'manager.members');
      const roles = input.roles.filter(isRole) as Role[];
      if (roles.length !== input.roles.length) return fieldFailure('roles', INVITE_PROBLEMS.roles!);
      const result = await inviteUser(serviceContextFor(context), user, { name: input.name, email: input.email, nodeId: input.nodeId, roles: roles.length ? roles : ['learner'] });
      if (!result.ok) return fieldFailure(result.field ?? 'email', INVITE_PROBLEMS[result.error] ?? t('form.failed'));
      return { ok: true as const, invited: input.email };
    },
  }),

  /**
   * Step 1 checks the file and shows a preview with every problem by line; a
   * valid list stays on the server and step 2 (confirm) posts back only its id.
   */
  importCsv: defineAction({
    accept: 'form',
    input: z.object({
      file: z.instanceof(File).optional(),
      csvText: z.string().max(MAX_CSV_BYTES).optional(),
      uploadId: z.string().regex(/^[a-z2-7]{32}$/).optional(),
      confirm: z.string().optional(),
    }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'manager.members');
      const session = context.locals.session;
      if (!session) throw new ActionError({ code: 'UNAUTHORIZED' });
      const ctx = serviceContextFor(context);
      if (input.confirm === '1') {
        if (!input.uploadId) return formFailure(IMPORT_GONE, 409);
        const result = await confirmInvitationImport(ctx, user, session.id, input.uploadId);
        if (result.ok) return { ok: true as const, stage: 'done' as const, invited: result.invited };
        if (result.error === 'invalid') return { ok: true as const, stage: 'preview' as const, ...previewOf(result.checks ?? []) };
        return formFailure(result.error === 'busy' ? 'Tämän luettelon kutsuja lähetetään jo. Odota hetki ja lataa sivu uudelleen.' : IMPORT_GONE, 409);
      }
      if (input.file && input.file.size > MAX_CSV_BYTES) return fieldFailure('file', 'Tiedosto on liian suuri (enintään 2 Mt).');
      const bytes = await csvBytes(input.file, input.csvText);
      if (!bytes) return fieldFailure('file', 'Valitse CSV-tiedosto.');
      const parsed = parseInvitationCsv(bytes);
      if (!parsed.ok) return fieldFailure('file', parsed.message);
      const preview = await previewInvitationImport(ctx, user, session.id, parsed.rows);
      return { ok: true as const, stage: 'preview' as const, ...previewOf(preview.checks), uploadId: preview.uploadId };
    },
  }),

  decide: defineAction({
    accept: 'form',
    input: z.object({ membershipId: idField(), decision: z.enum(['confirm', 'reject']), palaa: z.string().optional() }),
    handler: (input, context) => {
      const { user } = requireActionAccess(context, 'manager.members');
      const result = decideMembership(serviceContextFor(context), user, input.membershipId, input.decision);
      if (!result.ok) throw new ActionError({ code: 'NOT_FOUND', message: 'Pyyntöä ei löytynyt.' });
      return { ok: true as const, decision: input.decision };
    },
  }),
};
