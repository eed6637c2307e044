/** The Finnish emails about required courses: assigned, due soon, missed, certificate expiring. */
import type { MailMessage } from './mailer';
import { compose } from './messages';
import type { NoticeKind } from '../db/schema';
import { formatDateKey } from '../../format';

export interface NoticeFacts {
  to: string;
  name: string;
  courseTitle: string;
  /** The due date or the certificate's valid-until day, `YYYY-MM-DD`. */
  dueDate: string;
  courseUrl: string;
  orgName: string;
}

const SUBJECTS: Record<NoticeKind, (f: NoticeFacts) => string> = {
  assigned: (f) => `Sinulle on määrätty kurssi: ${f.courseTitle}`,
  'due-14': (f) => `Muistutus: ${f.courseTitle} – eräpäivä ${formatDateKey(f.dueDate)}`,
  'due-3': (f) => `Muistutus: ${f.courseTitle} – eräpäivään 3 päivää`,
  overdue: (f) => `Eräpäivä meni: ${f.courseTitle}`,
  'expiry-90': (f) => `Todistuksesi vanhenee ${formatDateKey(f.dueDate)}: ${f.courseTitle}`,
  'expiry-30': (f) => `Todistuksesi vanhenee kuukauden kuluttua: ${f.courseTitle}`,
  'expiry-7': (f) => `Todistuksesi vanhenee viikon kuluttua: ${f.courseTitle}`,
};

function paragraphs(kind: NoticeKind, f: NoticeFacts): string[] {
  const due = formatDateKey(f.dueDate);
  switch (kind) {
    case 'assigned':
      return [`Sinulle on määrätty pakollinen verkkokurssi ${f.courseTitle}. Suorita se viimeistään ${due}.`, 'Kurssi näkyy Omat kurssit -sivullasi kohdassa Pakolliset kurssit.'];
    case 'due-14':
    case 'due-3':
      return [`Pakollisen kurssin ${f.courseTitle} eräpäivä on ${due}, etkä ole vielä suorittanut sitä.`, 'Voit jatkaa siitä, mihin jäit.'];
    case 'overdue':
      return [`Pakollisen kurssin ${f.courseTitle} eräpäivä oli ${due}, eikä kurssia ole vielä suoritettu.`, 'Suorita kurssi mahdollisimman pian. Esihenkilösi näkee myöhästyneet suoritukset.'];
    default:
      return [`Todistuksesi kurssista ${f.courseTitle} vanhenee ${due}. Kurssi on sinulle pakollinen, joten uusi todistus ennen sitä.`, 'Uusiminen avautuu 90 päivää ennen vanhenemista: tee kurssin loppukoe uudelleen hyväksytysti. Aiempi todistuksesi säilyy historiassasi.'];
  }
}

/** The email for one reminder. */
export function assignmentNoticeMessage(kind: NoticeKind, f: NoticeFacts): MailMessage {
  return compose({
    to: f.to,
    orgName: f.orgName,
    subject: SUBJECTS[kind](f),
    greeting: `Hei ${f.name},`,
    paragraphs: paragraphs(kind, f),
    action: { label: kind.startsWith('expiry') ? 'Uusi todistus' : 'Avaa kurssi', url: f.courseUrl },
  });
}
