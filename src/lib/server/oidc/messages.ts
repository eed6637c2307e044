/** The Finnish messages for organisation sign-in failures and provider checks: what happened and what to do, never internals. */
import type { DiscoveryProblem } from './client';
import type { CallbackError } from './callback';
import type { StartError } from './start';
import type { ProviderError } from './providers';

const DISCOVERY: Record<DiscoveryProblem, string> = {
  insecure: 'Tunnistuspalvelun osoitteen pitää alkaa https://. Salaamatonta http-yhteyttä ei käytetä.',
  timeout: 'Tunnistuspalvelu ei vastannut 10 sekunnissa. Yritä hetken kuluttua uudelleen.',
  unreachable: 'Tunnistuspalveluun ei saatu yhteyttä. Palvelu voi olla poissa käytöstä, tai osoite on väärin.',
  not_found: 'Tunnistuspalvelun osoitteesta ei löytynyt OpenID-kuvausta (/.well-known/openid-configuration). Tarkista osoite.',
  invalid_metadata: 'Tunnistuspalvelun OpenID-kuvaus on virheellinen tai puutteellinen.',
  issuer_mismatch: 'Tunnistuspalvelun ilmoittama osoite (issuer) ei vastaa annettua osoitetta. Käytä täsmälleen palvelun ilmoittamaa osoitetta.',
};

/** What an administrator reads after "Kokeile" or a failed sign-in. */
export function discoveryMessage(problem: DiscoveryProblem): string {
  return DISCOVERY[problem];
}

const CALLBACK: Record<Exclude<CallbackError, 'discovery'>, string> = {
  rate_limited: 'Liian monta kirjautumisyritystä. Odota hetki ja yritä uudelleen.',
  state: 'Kirjautuminen vanheni tai se aloitettiin toisessa selaimessa. Aloita kirjautuminen uudelleen tältä sivulta.',
  provider_error: 'Organisaatiosi tunnistuspalvelu keskeytti kirjautumisen. Yritä uudelleen tai ota yhteyttä organisaatiosi tukeen.',
  no_provider: 'Tätä tunnistuspalvelua ei voi nyt käyttää. Kirjaudu toisella tavalla tai ota yhteyttä ylläpitoon.',
  code_rejected: 'Tunnistuspalvelu ei hyväksynyt kirjautumista (koodi oli jo käytetty tai vanhentunut). Aloita kirjautuminen uudelleen.',
  id_token: 'Tunnistuspalvelun vastausta ei voitu varmistaa, joten kirjautuminen keskeytettiin. Aloita kirjautuminen uudelleen; jos sama toistuu, ota yhteyttä ylläpitoon.',
  no_subject: 'Tunnistuspalvelu ei kertonut pysyvää käyttäjätunnistetta. Ylläpito tarkistaa palvelun asetukset.',
  email_missing: 'Tunnistuspalvelu ei kertonut sähköpostiosoitettasi, joten tiliä ei voitu luoda. Ota yhteyttä organisaatiosi tukeen.',
  email_unverified: 'Tunnistuspalvelu ei ole vahvistanut sähköpostiosoitettasi, eikä osoite kuulu organisaatiolle. Tiliä ei luotu.',
  needs_password_proof: 'Tällä sähköpostiosoitteella on jo tili. Kirjaudu ensin kerran salasanallasi ja valitse sitten uudelleen ”Kirjaudu organisaation tunnuksilla”, niin tunnukset yhdistetään tiliisi.',
  disabled: 'Tili on poistettu käytöstä. Ota yhteyttä ylläpitoon.',
  left: 'Organisaatiosi on ilmoittanut, että olet lähtenyt organisaatiosta. Kirjautuminen organisaation tunnuksilla ei ole enää käytössä.',
};

/** The message the sign-in page shows after a failed return from the provider. */
export function callbackMessage(error: CallbackError, problem?: DiscoveryProblem): string {
  if (error === 'discovery') return problem === 'timeout' ? DISCOVERY.timeout : 'Organisaatiosi tunnistuspalveluun ei juuri nyt saada yhteyttä. Yritä hetken kuluttua uudelleen.';
  return CALLBACK[error];
}

/** The message for a failed start. */
export function startMessage(error: StartError, problem?: DiscoveryProblem): string {
  if (error === 'no_provider') return 'Tämän osoitteen organisaatiolla ei ole käytössä organisaation tunnuksia. Kirjaudu sähköpostilla ja salasanalla.';
  if (error === 'rate_limited') return CALLBACK.rate_limited;
  return callbackMessage('discovery', problem);
}

/** Refusal of the password form for an owned domain. */
export const PASSWORD_OFF_MESSAGE = 'Tämän organisaation henkilöt kirjautuvat organisaation tunnuksilla. Valitse ”Kirjaudu organisaation tunnuksilla”. (Ylläpitäjä: tarkista sähköpostiosoite ja salasana.)';
/** The same answer for every address in an owned domain, so it tells nobody whether an administrator's account exists there. */
export const PASSWORD_OFF_RESET_MESSAGE = 'Tämän organisaation henkilöt kirjautuvat organisaation tunnuksilla, eikä heillä ole salasanaa tässä palvelussa. Jos osoite kuuluu ylläpitäjälle, vaihtolinkki lähetetään siihen hetken kuluttua.';

const PROVIDER: Record<ProviderError, string> = {
  not_found: 'Tunnistuspalvelua ei löytynyt.',
  name: 'Kirjoita painikkeessa näkyvä nimi (enintään 80 merkkiä).',
  slug: 'Kirjoita lyhyt tunnus pienillä kirjaimilla, numeroilla ja viivoilla (esim. pohde-entra).',
  slug_taken: 'Tunnus on jo toisen tunnistuspalvelun käytössä.',
  not_url: 'Kirjoita tunnistuspalvelun osoite (issuer), esim. https://login.microsoftonline.com/<tenant-id>/v2.0.',
  not_https: 'Osoitteen pitää alkaa https://.',
  has_query: 'Osoitteessa ei saa olla ?- tai #-osaa.',
  multi_tenant: 'Käytä organisaatiosi oman tenantin osoitetta (https://login.microsoftonline.com/<tenant-id>/v2.0). Osoitteita common, organizations ja consumers ei hyväksytä, koska niillä kuka tahansa Microsoft-tilin haltija voisi aloittaa kirjautumisen.',
  client_id: 'Kirjoita sovelluksen tunnus (client ID).',
  client_secret: 'Kirjoita sovelluksen salaisuus (client secret).',
  scopes: 'Oikeuksien (scopes) pitää sisältää openid, välilyönnein erotettuina.',
  domains: 'Kirjoita verkkotunnukset pilkuin erotettuina, esim. pohde.fi, ouka.fi.',
  node: 'Valitse organisaatioyksikkö.',
  unit_map: 'Kirjoita yksi rivi kutakin arvoa kohti muodossa arvo = yksikön numero; numeron pitää olla olemassa olevan yksikön.',
  manager_groups: 'Kirjoita yksi rivi kutakin ryhmää kohti muodossa ryhmän tunnus = yksikön numero; numeron pitää olla olemassa olevan yksikön.',
};

export function providerMessage(error: ProviderError): string {
  return PROVIDER[error];
}
