/**
 * One-line confirmations shown after a redirect (`?ilmoitus=<key>`). Only
 * known keys are shown, so the query string cannot inject text.
 */
const NOTICES: Record<string, string> = {
  kayttoonotto: 'Käyttöönotto on valmis. Kirjaudu sisään ylläpitäjänä.',
  uloskirjautuminen: 'Olet kirjautunut ulos.',
  'salasana-vaihdettu': 'Salasana on vaihdettu.',
  'sahkoposti-vaihdettu': 'Sähköpostiosoite on vaihdettu.',
  'sahkoposti-lahetetty': 'Vahvistuslinkki lähetetään hetken kuluttua uuteen osoitteeseen. Osoite vaihtuu, kun avaat linkin. Jos viestiä ei kuulu, voit pyytää uuden alta.',
  'nimi-tallennettu': 'Nimi on tallennettu.',
  'organisaatio-pyydetty': 'Organisaation vaihtopyyntö on lähetetty. Esihenkilö tai ylläpitäjä vahvistaa sen.',
  'istunto-paatetty': 'Istunto on päätetty.',
  'istunnot-paatetty': 'Muut istunnot on päätetty.',
  tervetuloa: 'Tervetuloa Työkykyakatemiaan! Tilisi on valmis.',
  otettu: 'Kaksivaiheinen tunnistautuminen on otettu käyttöön.',
  poistettu: 'Kaksivaiheinen tunnistautuminen on poistettu käytöstä.',
  lisatty: 'Organisaatio on lisätty.',
  tallennettu: 'Muutokset on tallennettu.',
  siirretty: 'Organisaatio on siirretty.',
  arkistoitu: 'Organisaatio on arkistoitu.',
  roolit: 'Roolit on tallennettu. Käyttäjän istunnot päätettiin.',
  vastuualueet: 'Vastuualueet on tallennettu.',
  kurssit: 'Kouluttajan kurssit on tallennettu.',
  organisaatio: 'Käyttäjä on siirretty organisaatioon.',
  'poistettu-kaytosta': 'Käyttäjä on poistettu käytöstä ja hänen istuntonsa päätetty.',
  'otettu-kayttoon': 'Käyttäjä on otettu uudelleen käyttöön.',
  'kaksivaiheinen-nollattu': 'Kaksivaiheinen tunnistautuminen on poistettu, ja käyttäjän istunnot päätettiin. Käyttäjä ottaa sen uudelleen käyttöön seuraavalla kirjautumisella, ja hänelle lähetetään siitä viesti.',
  'linkki-lahetetty': 'Salasanan vaihtolinkki lähetetään käyttäjälle hetken kuluttua. Lähetyksen tilan näet sähköpostijonosta.',
  'viesti-jonossa': 'Viesti on jonossa, ja se lähetetään hetken kuluttua.',
  'uusi-linkki-jonossa': 'Viesti uudella linkillä on jonossa, ja se lähetetään hetken kuluttua. Vanha linkki ei enää toimi.',
  'tili-poistettu': 'Tilisi on poistettu. Nimesi ja sähköpostiosoitteesi on poistettu palvelusta, ja todistuksesi näkyvät tarkistussivulla perutuiksi.',
  'todistus-peruttu': 'Todistus on peruttu.',
  maaratty: 'Kurssi on määrätty. Henkilöt saavat siitä sähköpostin.',
  erapaiva: 'Eräpäivä on tallennettu.',
  'maarays-poistettu': 'Määräys on poistettu. Aiemmat suoritukset säilyvät.',
  lahtenyt: 'Henkilö on merkitty lähteneeksi yksiköstä. Hän ei enää näy yksikön luvuissa, ja hänen suorituksensa säilyvät.',
  'siirretty-yksikkoon': 'Henkilö on siirretty toiseen yksikköön.',
  istunto: 'Istuntosi päättyi. Kirjaudu uudelleen jatkaaksesi.',
  ilmoittauduttu: 'Olet ilmoittautunut. Saat vahvistuksen ja kalenterimerkinnän sähköpostiisi.',
  jonossa: 'Tilaisuus on täynnä, ja olet jonossa. Saat viestin, jos paikka vapautuu.',
  'ilmoittautuminen-peruttu': 'Ilmoittautumisesi on peruttu. Saat peruutuksen sähköpostiisi.',
  'tilaisuus-luotu': 'Tilaisuus on luotu. Se näkyy nyt niille, joille se on tarkoitettu.',
  'tilaisuus-muutettu-ilmoitettu': 'Muutokset on tallennettu, ja ilmoittautuneet saavat päivitetyn kalenterimerkinnän.',
  'paikalla-kirjattu': 'Läsnäolo on kirjattu.',
  'paikalla-ilman-tilia': 'Läsnäolo on kirjattu osoitteelle. Se liitetään henkilön tiliin, kun hän rekisteröityy tai hyväksyy kutsun samalla osoitteella.',
  'lasnaolo-kirjattu': 'Läsnäolosi on kirjattu. Kiitos osallistumisesta!',
  'palaute-kiitos': 'Kiitos palautteesta! Vastaukset näytetään kouluttajille vain nimettöminä ja vähintään viiden vastaajan ryhmissä.',
  'palaute-ohitettu': 'Palaute ohitettiin. Et saa siitä enää kysymystä tältä suorituskerralta.',
  'tilaisuus-peruttu': 'Tilaisuus on peruttu. Ilmoittautuneet ja jonossa olevat saavat siitä viestin.',
  'valitse-organisaatio': 'Tilisi on luotu organisaation tunnuksilla. Valitse alta organisaatiosi yksikkö; esihenkilö tai ylläpitäjä vahvistaa sen.',
};

/** The confirmation text for `?ilmoitus=`, or undefined. */
export function noticeFor(url: URL): string | undefined {
  const key = url.searchParams.get('ilmoitus');
  return key ? NOTICES[key] : undefined;
}
