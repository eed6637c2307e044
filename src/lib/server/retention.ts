/**
 * How long the platform keeps each kind of data. The privacy notice lists
 * these figures, and the purge job (later) enforces them, from this one place.
 */
import type { AppConfig } from './config';

export interface RetentionPeriod {
  /** What is kept. */
  what: string;
  /** For how long, in words. */
  period: string;
}

/** The retention periods in the words the privacy notice uses. */
export function describeRetention(config: Pick<AppConfig, 'backupKeep'>): RetentionPeriod[] {
  return [
    { what: 'Kirjautumisistunnot', period: 'kunnes istunto päättyy tai vanhenee; vanhentuneet poistetaan päivittäin' },
    { what: 'Kertakäyttöiset linkit (kutsu, rekisteröityminen, salasanan vaihto)', period: 'enintään 7 vuorokautta; vanhentuneet poistetaan päivittäin' },
    { what: 'Kirjautumisyritysten laskurit (väärinkäytösten esto)', period: 'enintään vuorokausi' },
    { what: 'Varmuuskopiot tietokannasta', period: `${config.backupKeep} viimeisintä päivittäistä kopiota; vanhin poistuu, kun uusi tehdään` },
  ];
}
