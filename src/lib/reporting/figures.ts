/**
 * The dashboard's figures, each defined over one population: the people in a
 * place of the organisation tree. Every figure counts persons, so a person
 * with three courses is counted once, and the figures nest:
 * completed ≤ started ≤ people, overdue ≤ assigned ≤ people,
 * expiring ≤ completed, and the rate is completed ÷ people.
 *
 * Pure, so the definitions are tested without a database. The dashboard
 * feeds each person's records in; a later tally table can feed the same
 * definitions from counts kept on write.
 */
import type { RecordStatus } from './record-status';

/** One person's standing in one course, as the dashboard decides it. */
export interface FigureInput {
  status: RecordStatus;
  assigned: boolean;
  startedAt: number | null;
  dueDate: string | null;
  expiringSoon: boolean;
}

export interface Figures {
  /** People in the population. */
  people: number;
  /** …who have started (or completed) at least one of the courses counted. */
  started: number;
  /** …who hold a valid completion of at least one of the courses counted. */
  completed: number;
  /** …who are required to take at least one of the courses counted. */
  assigned: number;
  /** …with at least one required course not complete after its due date. */
  overdue: number;
  /** …with a valid certificate that expires within 90 days. */
  expiring: number;
}

/** The population and each figure in words, for captions and headline tiles. */
export const FIGURE_DEFINITIONS = {
  people: 'Henkilöt, joiden yksikkö on tässä osassa organisaatiota.',
  started: 'Henkilöt, jotka ovat aloittaneet tai suorittaneet vähintään yhden lasketuista kursseista.',
  completed: 'Henkilöt, joilla on voimassa oleva suoritus vähintään yhdestä lasketuista kursseista.',
  rate: 'Suorittaneet jaettuna henkilöiden määrällä.',
  assigned: 'Henkilöt, joille vähintään yksi lasketuista kursseista on määrätty pakolliseksi.',
  overdue: 'Henkilöt, joilta pakollinen kurssi puuttuu eräpäivän jälkeen.',
  expiring: 'Henkilöt, joiden voimassa oleva todistus vanhenee 90 päivän kuluessa.',
} as const;

export const emptyFigures = (): Figures => ({ people: 0, started: 0, completed: 0, assigned: 0, overdue: 0, expiring: 0 });

/** A person's flags over the courses counted; an absent record (nothing assigned, started or earned) adds nothing. */
export interface PersonFlags {
  started: boolean;
  completed: boolean;
  assigned: boolean;
  overdue: boolean;
  expiring: boolean;
}

export const noFlags = (): PersonFlags => ({ started: false, completed: false, assigned: false, overdue: false, expiring: false });

/** Clears flags for reuse, so the dashboard allocates nothing per person and course. */
export function clearFlags(flags: PersonFlags): PersonFlags {
  flags.started = flags.completed = flags.assigned = flags.overdue = flags.expiring = false;
  return flags;
}

/** Folds one of a person's course records into their flags, as of Helsinki day `today`. */
export function addRecord(flags: PersonFlags, r: FigureInput, today: string): void {
  const complete = r.status === 'valmis';
  if (r.startedAt !== null || complete) flags.started = true;
  if (complete) flags.completed = true;
  if (r.assigned) flags.assigned = true;
  if (r.assigned && !complete && r.dueDate !== null && r.dueDate < today) flags.overdue = true;
  if (r.expiringSoon && complete) flags.expiring = true;
}

/** Counts one person, with their flags over the courses counted. */
export function addPerson(f: Figures, flags: PersonFlags): void {
  f.people += 1;
  if (flags.started) f.started += 1;
  if (flags.completed) f.completed += 1;
  if (flags.assigned) f.assigned += 1;
  if (flags.overdue) f.overdue += 1;
  if (flags.expiring) f.expiring += 1;
}

/** Completed ÷ people in whole percent (rounded down, so 100 % means everyone), or null for no people. */
export function completionRate(f: Figures): number | null {
  return f.people === 0 ? null : Math.floor((f.completed / f.people) * 100);
}

/** Why a set of figures does not add up, or an empty list when it does. */
export function figureInconsistencies(f: Figures): string[] {
  const out: string[] = [];
  if (f.completed > f.started) out.push(`suorittaneita ${f.completed} > aloittaneita ${f.started}`);
  if (f.started > f.people) out.push(`aloittaneita ${f.started} > henkilöitä ${f.people}`);
  if (f.overdue > f.assigned) out.push(`myöhässä ${f.overdue} > määrättyjä ${f.assigned}`);
  if (f.assigned > f.people) out.push(`määrättyjä ${f.assigned} > henkilöitä ${f.people}`);
  if (f.expiring > f.completed) out.push(`vanhenevia ${f.expiring} > suorittaneita ${f.completed}`);
  return out;
}
