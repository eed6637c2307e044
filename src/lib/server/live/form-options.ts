/** What the session form offers and how a submission is checked against what exists. */
import type { DbClient } from '../db/client';
import { listTree } from '../accounts/org-tree';
import { parseSessionForm, type SessionForm, type SessionInputResult } from '../../live/session-input';

/** Every unit of the organisation tree with its full name, for the "Kenelle" picker. */
export function listSessionUnitOptions(db: DbClient): { id: number; label: string }[] {
  return listTree(db).map((n) => ({ id: n.id, label: n.label }));
}

/** Checks a posted session form against the courses and units that exist now. */
export function parseSessionSubmission(db: DbClient, form: SessionForm, courseIds: readonly string[], now: Date): SessionInputResult {
  return parseSessionForm(form, { courseIds, unitIds: new Set(listTree(db).map((n) => n.id)) }, now);
}
