/**
 * Mail about live training sessions. Invitations and updates carry a
 * calendar entry (iMIP REQUEST), cancellations its cancellation (CANCEL).
 * Every message says that calendar replies are not read and where to cancel
 * in the service, because "Decline" in a calendar program changes nothing here.
 */
import { formatDateTime } from '../../format';
import { buildInvitation, type InvitationMethod } from '../../live/calendar';
import type { MailMessage } from './mailer';
import { compose } from './messages';
import type { LiveSessionRow } from '../db/live-sessions';

/** The facts of a session a message states. */
export type SessionFacts = Pick<LiveSessionRow, 'title' | 'description' | 'kind' | 'meetingUrl' | 'place' | 'address' | 'startsAt' | 'endsAt'>;

export interface LiveMailInput {
  to: string;
  name: string;
  session: SessionFacts;
  /** The session's page in the service, where a person registers and cancels. */
  sessionUrl: string;
  orgName: string;
  /** MAIL_FROM's address: the calendar entry's organizer. */
  organizerEmail: string;
  uid: string;
  sequence: number;
  now: Date;
}

const REPLIES_NOT_READ = 'Kalenteriohjelman vastauksia (hyväksy, hylkää) ei lueta. Jos et pääse mukaan, peru ilmoittautumisesi palvelussa, niin paikka vapautuu jonossa seuraavalle.';

/** Where the session is, in one line: the link for a webinar, place and address for a workshop. */
export function describeLocation(session: SessionFacts): string {
  if (session.kind === 'webinar') return session.meetingUrl ?? '';
  return [session.place, session.address].filter(Boolean).join(', ');
}

function when(session: SessionFacts): string {
  return `${formatDateTime(session.startsAt)}–${formatDateTime(session.endsAt).split(' ').pop()}`;
}

function calendar(input: LiveMailInput, method: InvitationMethod): MailMessage['calendar'] {
  return {
    method,
    content: buildInvitation({
      uid: input.uid,
      sequence: input.sequence,
      method,
      title: input.session.title,
      description: `${input.session.description}\n\n${REPLIES_NOT_READ}\n${input.sessionUrl}`.trim(),
      startsAt: input.session.startsAt,
      endsAt: input.session.endsAt,
      location: describeLocation(input.session),
      url: input.sessionUrl,
      organizer: { name: input.orgName, email: input.organizerEmail },
      attendee: { name: input.name, email: input.to },
      stamp: input.now,
    }),
  };
}

function placeLines(session: SessionFacts): string[] {
  return session.kind === 'webinar' ? [`Aika: ${when(session)} (Suomen aikaa)`, `Osallistumislinkki: ${session.meetingUrl ?? ''}`] : [`Aika: ${when(session)} (Suomen aikaa)`, `Paikka: ${describeLocation(session)}`];
}

/** A place is yours: the invitation, or an update when `update` is set. */
export function liveInvitationMessage(input: LiveMailInput, kind: 'registered' | 'promoted' | 'updated'): MailMessage {
  const lead = {
    registered: `Olet ilmoittautunut koulutustilaisuuteen ${input.session.title}.`,
    promoted: `Jonosta vapautui paikka: olet nyt mukana koulutustilaisuudessa ${input.session.title}.`,
    updated: `Koulutustilaisuuden ${input.session.title} tiedot ovat muuttuneet. Kalenterimerkintäsi päivittyy tällä viestillä.`,
  }[kind];
  const message = compose({
    to: input.to,
    orgName: input.orgName,
    subject: kind === 'updated' ? `Muutos: ${input.session.title}` : `Ilmoittautuminen: ${input.session.title}`,
    greeting: `Hei ${input.name},`,
    paragraphs: [lead, ...placeLines(input.session), 'Liitteenä on kalenterimerkintä.'],
    action: { label: 'Tilaisuuden sivu', url: input.sessionUrl },
    after: [REPLIES_NOT_READ],
  });
  return { ...message, calendar: calendar(input, 'REQUEST') };
}

/** You are on the waiting list, at `position`. */
export function liveWaitingMessage(input: Omit<LiveMailInput, 'uid' | 'sequence' | 'organizerEmail'>, position: number): MailMessage {
  return compose({
    to: input.to,
    orgName: input.orgName,
    subject: `Jonossa: ${input.session.title}`,
    greeting: `Hei ${input.name},`,
    paragraphs: [`Koulutustilaisuus ${input.session.title} on täynnä. Olet jonossa sijalla ${position}.`, `Aika: ${when(input.session)} (Suomen aikaa)`, 'Jos paikka vapautuu, saat siitä viestin ja kalenterimerkinnän.'],
    action: { label: 'Tilaisuuden sivu', url: input.sessionUrl },
  });
}

/** The registration or the whole session was cancelled. */
export function liveCancellationMessage(input: LiveMailInput, reason: 'registration' | 'session'): MailMessage {
  const message = compose({
    to: input.to,
    orgName: input.orgName,
    subject: `Peruttu: ${input.session.title}`,
    greeting: `Hei ${input.name},`,
    paragraphs: [reason === 'session' ? `Koulutustilaisuus ${input.session.title} (${when(input.session)}) on peruttu.` : `Ilmoittautumisesi koulutustilaisuuteen ${input.session.title} (${when(input.session)}) on peruttu.`, 'Kalenterimerkintä poistuu tällä viestillä.'],
    action: { label: 'Tilaisuuden sivu', url: input.sessionUrl },
  });
  return { ...message, calendar: calendar(input, 'CANCEL') };
}

/** The day before. */
export function liveReminderMessage(input: Omit<LiveMailInput, 'uid' | 'sequence' | 'organizerEmail'>): MailMessage {
  return compose({
    to: input.to,
    orgName: input.orgName,
    subject: `Muistutus huomisesta: ${input.session.title}`,
    greeting: `Hei ${input.name},`,
    paragraphs: [`Muistutus: olet ilmoittautunut koulutustilaisuuteen ${input.session.title}.`, ...placeLines(input.session)],
    action: { label: 'Tilaisuuden sivu', url: input.sessionUrl },
    after: ['Jos et pääse mukaan, peru ilmoittautumisesi palvelussa, niin paikka vapautuu jonossa seuraavalle.'],
  });
}

/** The session was cancelled while the person was still in the waiting list. */
export function liveWaitingCancelledMessage(input: Omit<LiveMailInput, 'uid' | 'sequence' | 'organizerEmail'>): MailMessage {
  return compose({
    to: input.to,
    orgName: input.orgName,
    subject: `Peruttu: ${input.session.title}`,
    greeting: `Hei ${input.name},`,
    paragraphs: [`Koulutustilaisuus ${input.session.title} (${when(input.session)}) on peruttu. Jonopaikkasi on poistunut.`],
    action: { label: 'Muut tilaisuudet', url: input.sessionUrl.replace(/\/\d+$/, '') },
  });
}
