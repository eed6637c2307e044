import type { Tool } from '../types';

/** A referral checklist with the Kela forms a referral usually needs. */
export const referralChecklist: Tool = {
  id: 'ohjauksen-tarkistuslista',
  title: 'Ohjaus jatkopalveluun: tarkistuslista ja Kelan lomakkeet',
  summary: 'Tarkistuslista ennen kuin ohjaat asiakkaan kuntoutukseen tai muuhun jatkopalveluun, ja linkit Kelan lomakkeisiin ja ohjeisiin. Tarkista aina ajantasainen lomake Kelan sivuilta.',
  updated: '2026-12-02',
  lessons: [
    { course: 'puheeksi-otto', lesson: 'puheeksi-otosta-jatkopoluksi' },
    { course: 'tyokyvyn-arviointi', lesson: 'arviosta-suunnitelmaksi' },
    { course: 'tyokyvyn-arviointi', lesson: 'tyossa-olevan-tyokyky' },
  ],
  blocks: [
    {
      kind: 'checklist',
      heading: 'Ennen ohjausta',
      items: [
        'Asiakas tietää, mihin häntä ohjataan ja miksi, ja haluaa sitä.',
        'Reitti on oikea: onko asiakkaalla työsuhde ja työterveyshuolto, vakiintunut työhistoria (työeläkekuntoutus) vai kuuluuko hän Kelan kuntoutukseen?',
        'Alle 30-vuotiaalle harkitaan nuoren ammatillista kuntoutusta, joka ei vaadi diagnoosia.',
        'Tarvittava lääkärinlausunto (yleensä B-lausunto) on pyydetty tai jo Kelassa.',
        'Toimeentulo kuntoutuksen ajalle on selvitetty (kuntoutusraha, sairauspäiväraha, työttömyysetuus).',
      ],
    },
    {
      kind: 'checklist',
      heading: 'Siirto perille',
      items: [
        'Olen sopinut asiakkaan luvalla yhteydenotosta vastaanottavaan palveluun.',
        'Vastaanottaja tietää, mitä asiakas tavoittelee ja mitä on jo tehty.',
        'Asiakkaalla on nimi ja numero, johon soittaa.',
        'Sovittu, kuka tarkistaa, että asiakas pääsi perille, ja milloin.',
      ],
    },
    {
      kind: 'links',
      heading: 'Kelan lomakkeet ja ohjeet',
      items: [
        { title: 'Hakemus – Ammatillinen kuntoutus (KU 101)', url: 'https://www.kela.fi/lomakkeet', note: 'Haku Kelan ammatilliseen kuntoutukseen; liitteeksi B-lausunto.' },
        { title: 'Hakemus – Kuntoutusraha (KU 112)', url: 'https://www.kela.fi/lomakkeet', note: 'Toimeentulo kuntoutuksen ajalta.' },
        { title: 'Hakemus – Nuoren kuntoutusraha (KU 111)', url: 'https://www.kela.fi/lomakkeet', note: '16–19-vuotiaat.' },
        { title: 'Ammatillinen kuntoutus: näin haet', url: 'https://www.kela.fi/ammatillinen-kuntoutus-nain-haet' },
        { title: 'Työllistymistä edistävä ammatillinen kuntoutus (TEAK)', url: 'https://www.kela.fi/teak' },
        { title: 'Sairauspäiväraha ja osasairauspäiväraha', url: 'https://www.kela.fi/sairauspaivaraha' },
        { title: 'Työeläkekuntoutus (Työeläkevakuuttajat TELA)', url: 'https://www.tela.fi/tyoelakejarjestelma/tyoelakekuntoutus/', note: 'Kenellä on oikeus työeläkelaitoksen kuntoutukseen.' },
      ],
    },
  ],
};
