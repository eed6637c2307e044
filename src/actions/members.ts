/**
 * Inviting people and confirming organisation requests. Managers act only in
 * their own subtrees and invite learners; admins anyone with any role.
 */
import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { requireActionAccess } from './access';
import { serviceContextFor } from '../lib/server/web/request';
import { inviteUser, importInvitations, checkInvitationRows, type CsvRowCheck } from '../lib/server/accounts/invitations';
import { decodeSpreadsheetText, parseInvitationCsv } from '../lib/server/accounts/invitation-csv';
import { decideMembership } from '../lib/server/accounts/memberships';
import { isRole } from '../lib/server/accounts/admin-users';
import type { Role } from '../lib/server/auth/types';
import { t } from '../lib/i18n';
import { emailField, idField, nameField, nodeField } from './schemas';
import { fieldFailure } from './messages';

const INVITE_PROBLEMS: Record<string, string> = {
  name: 'Kirjoita nimi.',
  email: 'Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.',
  exists: 'Tällä osoitteella on jo tili.',
  node: 'Valitse organisaatio, joka on vastuullasi.',
  roles: 'Voit kutsua vain oppijoita.',
};

const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** Reads the uploaded file, or the previewed text sent back with the confirmation. */
async function csvBytes(file: File | undefined, text: string | undefined): Promise<Uint8Array | undefined> {
  if (file && file.size > 0) return new Uint8Array(await file.arrayBuffer());
  if (text) return new TextEncoder().encode(text);
  return undefined;
}

function previewRows(checks: CsvRowCheck[]) {
  return checks.map((c) => ({ line: c.row.line, name: c.row.name, email: c.row.email, node: c.nodeLabel ?? c.row.nodePath.join(' / '), roles: c.row.roles, problems: c.problems }));
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

  /** Step 1 shows a preview and every problem by line; step 2 (confirm) writes all rows or none. */
  importCsv: defineAction({
    accept: 'form',
    input: z.object({ file: z.instanceof(File).optional(), csvText: z.string().max(MAX_CSV_BYTES).optional(), confirm: z.string().optional() }),
    handler: async (input, context) => {
      const { user } = requireActionAccess(context, 'manager.members');
      if (input.file && input.file.size > MAX_CSV_BYTES) return fieldFailure('file', 'Tiedosto on liian suuri (enintään 2 Mt).');
      const bytes = await csvBytes(input.file, input.csvText);
      if (!bytes) return fieldFailure('file', 'Valitse CSV-tiedosto.');
      const parsed = parseInvitationCsv(bytes);
      if (!parsed.ok) return fieldFailure('file', parsed.message);
      const ctx = serviceContextFor(context);
      // The preview sends exactly the checked text back for confirmation, as UTF-8.
      const csvText = decodeSpreadsheetText(bytes).text;
      if (input.confirm !== '1') {
        const checks = checkInvitationRows(ctx, user, parsed.rows);
        return { ok: true as const, stage: 'preview' as const, rows: previewRows(checks), valid: checks.every((c) => c.problems.length === 0), csvText };
      }
      const result = await importInvitations(ctx, user, parsed.rows);
      if (!result.ok) return { ok: true as const, stage: 'preview' as const, rows: previewRows(result.checks ?? []), valid: false, csvText };
      return { ok: true as const, stage: 'done' as const, invited: result.invited };
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
