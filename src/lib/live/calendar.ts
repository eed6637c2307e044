/**
 * Calendar invitations for live training sessions as iMIP (RFC 6047): one
 * VEVENT per registration, with a UID that stays the same for that
 * registration and a SEQUENCE the caller raises on every update and on
 * cancellation, so calendar programs replace the entry instead of adding a
 * second one. Times are written in UTC, which every calendar converts to its
 * own zone without a VTIMEZONE block.
 */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export type InvitationMethod = 'REQUEST' | 'CANCEL';

export interface InvitationEvent {
  /** Stable per registration: `<random>@<site host>`. */
  uid: string;
  sequence: number;
  method: InvitationMethod;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** A place and address for a workshop, the meeting link for a webinar. */
  location: string;
  /** The session page in the service. */
  url: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** DTSTAMP: when this version of the invitation was made. */
  stamp: Date;
}

/** The text/calendar body of one invitation, update or cancellation. */
export function buildInvitation(event: InvitationEvent): string {
  const calendar = ical({
    prodId: { company: 'Tyokykyakatemia', product: 'Koulutustilaisuudet', language: 'FI' },
    method: event.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    stamp: event.stamp,
    start: event.startsAt,
    end: event.endsAt,
    summary: event.title,
    description: event.description,
    location: event.location,
    url: event.url,
    organizer: { name: event.organizer.name, email: event.organizer.email },
    attendees: [
      {
        email: event.attendee.email,
        name: event.attendee.name,
        rsvp: false,
        role: ICalAttendeeRole.REQ,
        status: event.method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      },
    ],
    status: event.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
