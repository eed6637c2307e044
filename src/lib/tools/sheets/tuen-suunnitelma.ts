import type { Tool } from '../types';

/** A template for a work ability support plan, written with the client. */
export const supportPlan: Tool = {
  id: 'tyokyvyn-tuen-suunnitelma',
  title: 'Työkyvyn tuen suunnitelma: pohja',
  summary: 'Pohja suunnitelmalle, joka kirjoitetaan yhdessä asiakkaan kanssa. Se kokoaa tavoitteen, vahvuudet, esteet, tuen ja vastuut yhteen asiakirjaan, jonka asiakas voi viedä mukanaan palvelusta toiseen.',
  updated: '2026-12-02',
  lessons: [
    { course: 'tyokyvyn-arviointi', lesson: 'arviosta-suunnitelmaksi' },
    { course: 'tyokyvyn-arviointi', lesson: 'tyossa-olevan-tyokyky' },
    { course: 'verkostoyhteistyo', lesson: 'monialainen-tuki' },
  ],
  blocks: [
    { kind: 'text', text: 'Kirjoita asiakkaan sanoin aina kun voit. Suunnitelma on asiakkaan, ja hän saa siitä oman kappaleen.' },
    {
      kind: 'fields',
      heading: 'Tilanne ja tavoite',
      items: [
        { label: 'Tavoite työhön, opiskeluun tai arkeen (mihin pyritään ja milloin)', lines: 3 },
        { label: 'Mikä sujuu, mitä osaan, mikä auttaa', lines: 3 },
        { label: 'Mikä vaikeuttaa nyt (terveys, osaaminen, työ, arki, talous)', lines: 3 },
      ],
    },
    {
      kind: 'fields',
      heading: 'Tuki ja vastuut',
      items: [
        { label: 'Palvelut ja tuki (esimerkiksi hoito, kuntoutus, työkokeilu, työhönvalmennus, mukautukset)', lines: 3 },
        { label: 'Etuudet ja toimeentulo hoidetaan näin', lines: 2 },
        { label: 'Kuka tekee mitä ja mihin mennessä', lines: 4 },
        { label: 'Yhteyshenkilö, joka kokoaa asiat', lines: 1 },
      ],
    },
    {
      kind: 'fields',
      heading: 'Seuranta',
      items: [
        { label: 'Miten huomaamme, että edetään (mittari tai merkki)', lines: 2 },
        { label: 'Seurantapäivä', lines: 1 },
      ],
    },
    {
      kind: 'checklist',
      heading: 'Ennen kuin suunnitelma on valmis',
      items: [
        'Asiakas on ollut mukana kirjoittamassa ja hyväksyy suunnitelman.',
        'Jokaisella tehtävällä on tekijä ja aikataulu.',
        'Sovittu, kenelle suunnitelma annetaan ja millä perusteella.',
      ],
    },
  ],
};
