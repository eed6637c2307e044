import type { Tool } from '../types';

/** A checklist for consent and information sharing between services. */
export const consentChecklist: Tool = {
  id: 'tietojen-luovutus-tarkistuslista',
  title: 'Suostumus ja tietojen luovutus: tarkistuslista',
  summary: 'Käy lista läpi ennen kuin pyydät tai luovutat asiakkaan tietoja toiselle toimijalle. Ensin selvitetään, mihin luovutus perustuu; suostumus on yksi perusta muttei ainoa.',
  updated: '2026-12-02',
  lessons: [
    { course: 'verkostoyhteistyo', lesson: 'yhden-yhteydenoton-periaate' },
    { course: 'verkostoyhteistyo', lesson: 'monialainen-tuki' },
  ],
  blocks: [
    {
      kind: 'checklist',
      heading: 'Peruste',
      items: [
        'Tiedän, mihin tarkoitukseen tietoa tarvitaan ja kuka sitä käyttää.',
        'Olen tarkistanut, antaako laki oikeuden saada tai luovuttaa tiedon ilman suostumusta (esimerkiksi monialaisessa yhteistoimintamallissa laki työllistymisen monialaisesta edistämisestä 381/2023, asiakastietolaki 703/2023).',
        'Jos peruste on suostumus: asiakas tietää, mitä tietoja, kenelle, mihin tarkoitukseen ja kuinka pitkäksi aikaa.',
        'Asiakas tietää, että suostumuksen voi perua, ja miten.',
      ],
    },
    {
      kind: 'checklist',
      heading: 'Tiedon määrä',
      items: [
        'Luovutan vain sen, mitä vastaanottaja tarvitsee tehtäväänsä, esimerkiksi toimintakyvyn rajoitteet ja tarvittavat mukautukset, en koko sairauskertomusta.',
        'Työnantajalle kerrotaan vain asiakkaan luvalla, ja silloinkin työkyvystä ja mukautuksista, ei diagnoosista.',
        'Läheisille kerrotaan vain, mitä asiakas on sallinut.',
      ],
    },
    {
      kind: 'checklist',
      heading: 'Kirjaaminen',
      items: [
        'Kirjaan luovutuksen perusteen (laki ja pykälä tai suostumus), ajan ja vastaanottajan.',
        'Suullisen suostumuksen sisältö on kirjattu asiakirjoihin.',
        'Asiakas saa tietää, mistä hän voi tarkistaa, mitä hänestä on luovutettu.',
      ],
    },
    {
      kind: 'fields',
      heading: 'Suostumuksen kirjaus',
      items: [
        { label: 'Mitä tietoja', lines: 2 },
        { label: 'Kenelle ja mihin tarkoitukseen', lines: 2 },
        { label: 'Voimassa asti', lines: 1 },
        { label: 'Päivämäärä ja kirjaaja', lines: 1 },
      ],
    },
    {
      kind: 'links',
      heading: 'Säädökset',
      items: [
        { title: 'Laki työllistymisen monialaisesta edistämisestä 381/2023', url: 'https://www.finlex.fi/fi/laki/ajantasa/2023/20230381', note: 'Monialaisen tuen yhteistoimintamalli ja sen tietojen käsittely.' },
        { title: 'Laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 703/2023', url: 'https://www.finlex.fi/fi/laki/ajantasa/2023/20230703' },
        { title: 'Laki julkisesta työvoima- ja yrityspalvelusta 380/2023', url: 'https://www.finlex.fi/fi/laki/ajantasa/2023/20230380' },
      ],
    },
  ],
};
