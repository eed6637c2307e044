/**
 * The retention rules and the purge that enforces them, run daily by the
 * server. Each step deletes by age, so running it twice does nothing more.
 * The privacy notice prints `describeRetention`, so what we say and what we
 * do come from the same numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppConfig } from '../config';
import type { DatabaseHandle } from '../db/client';
import { deleteExpiredInvitationUploads } from '../db/invitation-uploads';
import { auditLog, session, user } from '../db/schema';
import { deleteExpiredTokens } from '../db/tokens';
import { deleteOldRateLimits } from '../db/rate-limits';
import { eraseAccount } from './erase';
import { enqueueMail } from '../mail/outbox';
import { deleteSettledOutbox } from '../db/mail-outbox';
import { inactivityWarningMessage } from '../mail/messages';

export const OUTBOX_RETENTION_DAYS = 30;
/** Accounts get this long after the warning mail before they are anonymised. */
export const INACTIVITY_GRACE_DAYS = 30;
const DAY = 86_400_000;

export interface RetentionPeriod {
  what: string;
  period: string;
}

const years = (days: number) => (days % 365 === 0 || days % 365 === 1 ? `${Math.round(days / 365)} vuotta` : `${days} päivää`);

/** The retention periods in the words the privacy notice uses. */
export function describeRetention(config: Pick<AppConfig, 'backupKeep' | 'auditRetentionDays' | 'inactiveAccountDays'>): RetentionPeriod[] {
  return [
    { what: 'Käyttäjätili, opintosuoritukset ja todistukset', period: `kunnes poistat tilisi; jos et kirjaudu ${years(config.inactiveAccountDays)}, tili anonymisoidaan (varoitus lähetetään sähköpostilla ${INACTIVITY_GRACE_DAYS} päivää ennen)` },
    { what: 'Pohdintatehtävien vastaukset', period: 'kunnes poistat ne tai tilisi' },
    { what: 'Kirjautumisistunnot', period: 'kunnes istunto päättyy; päättyneet poistetaan päivittäin' },
    { what: 'Kertakäyttöiset linkit (kutsu, rekisteröityminen, salasanan vaihto, sähköpostin vaihto)', period: 'enintään 7 vuorokautta; vanhentuneet poistetaan päivittäin' },
    { what: 'Kutsuttavien luettelo CSV-tuonnin esikatselun ja vahvistuksen välillä (nimet, sähköpostiosoitteet, organisaatiot, roolit)', period: 'käytettävissä tunnin; poistetaan heti, kun kutsut on lähetetty tai tuoja kirjautuu ulos, muuten viimeistään vuorokauden kuluttua' },
    { what: 'Kirjautumisyritysten ja muiden väärinkäytösten eston laskurit', period: 'enintään vuorokausi' },
    { what: 'Sähköpostijono (vastaanottaja, viestin laji, tila ja yritykset)', period: `viestin sisältö ja sen linkit poistetaan heti, kun viesti on lähetetty; muut tiedot ${OUTBOX_RETENTION_DAYS} päivää` },
    { what: 'Lähteneiden sähköpostien kopiot (kun palvelulla ei ole sähköpostipalvelinta)', period: `${OUTBOX_RETENTION_DAYS} päivää` },
    { what: 'Tietoturvaloki (kirjautumiset, ylläpidon toimet, raporttien lataukset)', period: years(config.auditRetentionDays) },
    { what: 'Varmuuskopiot tietokannasta', period: `${config.backupKeep} viimeisintä päivittäistä kopiota (noin ${config.backupKeep} päivää); poistetun tilin tiedot häviävät varmuuskopioista, kun ne kiertävät pois` },
    { what: 'Todistusten julkiset tarkistustiedot', period: 'niin kauan kuin todistus on olemassa; poistetun tilin todistukset näkyvät perutuiksi ilman nimeä' },
  ];
}

export interface RetentionResult {
  tokens: number;
  rateLimits: number;
  sessions: number;
  outboxFiles: number;
  /** Sent or failed rows of the mail queue. */
  outboxMessages: number;
  auditEntries: number;
  warned: number;
  anonymised: number;
}

/** Runs every retention rule as of `now`. */
export async function runRetention(handle: DatabaseHandle, config: AppConfig, now: Date): Promise<RetentionResult> {
  const db = handle.db;
  const t = now.getTime();
  const result: RetentionResult = { tokens: 0, rateLimits: 0, sessions: 0, outboxFiles: 0, outboxMessages: 0, auditEntries: 0, warned: 0, anonymised: 0 };
  db.transaction((tx) => {
    result.tokens = deleteExpiredTokens(tx, now);
    result.rateLimits = deleteOldRateLimits(tx, new Date(t - DAY));
    // No role's session outlives 14 days without activity or from its start; sessions older than that are dead.
    const longest = Math.max(...Object.values(config.sessionTimeouts).map((x) => x.absoluteMs));
    result.sessions = tx.delete(session).where(or(lt(session.createdAt, new Date(t - longest)), lt(session.lastSeenAt, new Date(t - longest)))).run().changes;
    // Delivered or given-up messages: their bodies are gone already; the row goes with the outbox files.
    result.outboxMessages = deleteSettledOutbox(tx, new Date(t - OUTBOX_RETENTION_DAYS * DAY));
    deleteExpiredInvitationUploads(tx, now);
    result.auditEntries = tx.delete(auditLog).where(lt(auditLog.at, new Date(t - config.auditRetentionDays * DAY))).run().changes;
  });

  if (fs.existsSync(config.outboxDir)) {
    for (const name of fs.readdirSync(config.outboxDir)) {
      const file = path.join(config.outboxDir, name);
      if (fs.statSync(file).mtimeMs < t - OUTBOX_RETENTION_DAYS * DAY) {
        fs.rmSync(file, { force: true });
        result.outboxFiles += 1;
      }
    }
  }

  // Inactive accounts: a warning first, anonymisation after the grace period if they still do not sign in.
  const inactiveSince = new Date(t - config.inactiveAccountDays * DAY);
  const lastSeen = sql`coalesce(${user.lastLoginAt}, ${user.createdAt})`;
  const inactive = db
    .select()
    .from(user)
    .where(and(isNull(user.erasedAt), sql`${lastSeen} < ${inactiveSince.getTime()}`))
    .all();
  for (const u of inactive) {
    if (!u.inactivityWarnedAt) {
      db.transaction((tx) => {
        enqueueMail(tx, inactivityWarningMessage(u.email, u.name, config.siteUrl, config.orgName, INACTIVITY_GRACE_DAYS), { kind: 'inactivity_warning', userId: u.id }, now);
        tx.update(user).set({ inactivityWarnedAt: now }).where(sql`${user.id} = ${u.id}`).run();
      });
      result.warned += 1;
    } else if (u.inactivityWarnedAt.getTime() <= t - INACTIVITY_GRACE_DAYS * DAY) {
      const erased = eraseAccount(handle, u.id, null, config.outboxDir, now);
      if (erased.ok) result.anonymised += 1;
    }
  }
  return result;
}
