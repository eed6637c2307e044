/** Where live sessions live in the service. */
export const LIVE_SESSIONS_PATH = '/tilaisuudet';

/** The page of one session, where people register and cancel. */
export function liveSessionPath(id: number): string {
  return `${LIVE_SESSIONS_PATH}/${id}`;
}
