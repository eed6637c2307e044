import type { Tool } from '../types';

/** An agenda for a network meeting around one client. */
export const networkAgenda: Tool = {
  id: 'verkostotapaamisen-asialista',
  title: 'Verkostotapaamisen asialista',
  summary: 'Tiivis runko asiakkaan verkostotapaamiseen: valmistelu, tapaamisen kulku ja jälkitoimet. Asiakas päättää, keitä kutsutaan, ja hänen tavoitteensa on tapaamisen keskipiste.',
  updated: '2026-12-02',
  lessons: [
    { course: 'verkostoyhteistyo', lesson: 'dialoginen-verkostotyo' },
    { course: 'verkostoyhteistyo', lesson: 'tyonantajayhteistyo' },
  ],
  blocks: [
    {
      kind: 'checklist',
      heading: 'Valmistelu',
      items: [
        'Kenen huolesta tapaaminen syntyi, ja mitä asiakas itse toivoo siltä?',
        'Asiakas on valinnut kutsuttavat ja antanut luvan tietojen käsittelyyn tapaamisessa.',
        'Tapaamiselle on nimetty vetäjä, joka ei samalla aja omaa palveluaan.',
        'Aika, paikka tai etäyhteys ja tulkki tai muu tuki on sovittu.',
      ],
    },
    {
      kind: 'steps',
      heading: 'Tapaamisen kulku (60–90 min)',
      items: [
        { title: 'Aloitus (5 min)', text: 'Vetäjä kertoo tapaamisen tarkoituksen, keston ja pelisäännöt. Jokainen esittäytyy ja kertoo, miksi on paikalla.' },
        { title: 'Asiakkaan ja läheisten näkemys (15 min)', text: 'Mikä tilanteessa on nyt tärkeintä? Mikä on mennyt hyvin? Mitä toivotte tältä tapaamiselta?' },
        { title: 'Ammattilaisten näkemykset (20 min)', text: 'Kukin kertoo havaintonsa ja huolensa lyhyesti ja mitä voi itse tarjota, ilman toisten arvostelua.' },
        { title: 'Yhteinen suunnitelma (20 min)', text: 'Mikä on seuraava askel kohti asiakkaan tavoitetta? Kuka tekee mitä ja mihin mennessä?' },
        { title: 'Yhteenveto ja lopetus (10 min)', text: 'Vetäjä lukee sovitut asiat ääneen. Asiakas kertoo, vastasiko tapaaminen hänen toiveisiinsa.' },
      ],
    },
    {
      kind: 'fields',
      heading: 'Sovitut asiat',
      items: [
        { label: 'Asiakkaan tavoite omin sanoin', lines: 2 },
        { label: 'Kuka tekee mitä ja mihin mennessä', lines: 4 },
        { label: 'Kuka kokoaa asiat ja pitää yhteyttä asiakkaaseen', lines: 1 },
        { label: 'Seuraava tapaaminen', lines: 1 },
      ],
    },
    {
      kind: 'checklist',
      heading: 'Jälkitoimet',
      items: [
        'Muistio on asiakkaan hyväksymä ja lähetetty sovituille osallistujille.',
        'Kukin on kirjannut omaan järjestelmäänsä oman osuutensa.',
        'Seurantapäivä on kalenterissa.',
      ],
    },
  ],
};
