import type { Tool } from '../types';

/** A checklist for a statement on work ability that its next reader can use. */
export const statementChecklist: Tool = {
  id: 'tyokykylausunnon-tarkistuslista',
  title: 'Työkykyä kuvaava lausunto: tarkistuslista',
  summary: 'Tarkistuslista ennen kuin lähetät työ- tai toimintakykyä koskevan lausunnon tai yhteenvedon eteenpäin: Kelaan, työeläkelaitokselle, työvoimaviranomaiselle tai asiakkaan luvalla työnantajalle.',
  updated: '2026-12-02',
  lessons: [
    { course: 'tyokyvyn-arviointi', lesson: 'mita-arvioidaan-ja-miksi' },
    { course: 'tyokyvyn-arviointi', lesson: 'icf-yhteisena-kielena' },
  ],
  blocks: [
    {
      kind: 'checklist',
      heading: 'Lukija ja kysymys',
      items: [
        'Tiedän, kuka lausunnon lukee seuraavaksi ja mihin päätökseen hän sitä käyttää.',
        'Lausunto vastaa siihen kysymykseen, jota lukija kysyi, eikä vain toteamukseen työkykyinen tai työkyvytön.',
        'Teksti on ymmärrettävä myös lukijalle, jolla ei ole terveydenhuollon koulutusta.',
      ],
    },
    {
      kind: 'checklist',
      heading: 'Sisältö',
      items: [
        'Asiakkaan oma tavoite on kirjattu hänen sanoillaan.',
        'Kerrotaan, mitä asiakas pystyy tekemään, kuinka kauan ja millaisin edellytyksin.',
        'Rajoitteet on kuvattu toimintana (esimerkiksi nostot, seisominen, keskittyminen), ei pelkkänä diagnoosina.',
        'Ympäristön tekijät ovat mukana: mikä työssä tai arjessa auttaa ja mikä haittaa.',
        'Tarvittavat mukautukset ja tuki on nimetty konkreettisesti.',
        'Hoidon tilanne ja arvio kehityksestä on kerrottu, samoin se, milloin tilanne arvioidaan uudelleen.',
      ],
    },
    {
      kind: 'checklist',
      heading: 'Luovutus ja jatko',
      items: [
        'Luovutukselle on peruste (laki tai asiakkaan suostumus), ja se on kirjattu.',
        'Työnantajalle menee vain tieto työkyvystä ja mukautuksista, ei diagnoosia.',
        'Asiakas tietää, mitä lausunnossa lukee, kenelle se menee ja mitä seuraavaksi tapahtuu.',
        'Lausunnossa on nimetty yhteyshenkilö, jolta lukija voi kysyä lisää.',
      ],
    },
    {
      kind: 'prompts',
      heading: 'Muotoiluja, jotka auttavat lukijaa',
      items: [
        '”Pystyy seisomaan ja kävelemään noin tunnin kerrallaan; toistuvat kyykistymiset pahentavat kipua.”',
        '”Selviytyy kirjallisista ohjeista hyvin, suullisia ohjeita tarvitaan kerrallaan lyhyinä.”',
        '”Sopivaa olisi vaihteleva työ, jossa voi pitää taukoja; aluksi neljä tuntia päivässä.”',
        '”Tilanne arvioidaan uudelleen kahden kuukauden kuluttua; yhteyshenkilö on työkykykoordinaattori.”',
      ],
    },
  ],
};
