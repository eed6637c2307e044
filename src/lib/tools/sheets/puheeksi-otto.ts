import type { Tool } from '../types';

/** A conversation guide for raising work ability with a client. */
export const conversationGuide: Tool = {
  id: 'puheeksi-otto-keskustelurunko',
  title: 'Työkyvyn puheeksi otto: keskustelun runko',
  summary: 'Runko vastaanotolle tai ohjauskeskusteluun, kun haluat ottaa työn ja työkyvyn puheeksi. Käytä sitä muistilistana, älä kyselylomakkeena: asiakkaan oma kertomus ohjaa järjestystä.',
  updated: '2026-12-02',
  lessons: [
    { course: 'puheeksi-otto', lesson: 'dialoginen-keskustelu' },
    { course: 'puheeksi-otto', lesson: 'valineet-keskustelun-tueksi' },
    { course: 'puheeksi-otto', lesson: 'puheeksi-otosta-jatkopoluksi' },
  ],
  blocks: [
    {
      kind: 'checklist',
      heading: 'Ennen keskustelua',
      items: [
        'Mikä sai minut huolestumaan? Kirjaan havainnon omin sanoin, en tulkintaa.',
        'Onko asiakkaalla työterveyshuolto, työsuhde tai työnhakijan asiakkuus?',
        'Onko sairauspäivärahakausi käynnissä, ja missä tarkistuspisteessä ollaan?',
        'Varaan aikaa niin, ettei keskustelu jää oven suuhun.',
      ],
    },
    {
      kind: 'steps',
      heading: 'Keskustelun vaiheet',
      items: [
        { title: 'Avaa ja kerro syy', text: 'Kerro, miksi otat asian esiin ja että kysyt samaa monelta. Pyydä lupa jatkaa.' },
        { title: 'Kuuntele asiakkaan näkemys', text: 'Miten asiakas itse kuvaa tilannettaan, työtään tai työnhakuaan? Mikä sujuu, mikä ei?' },
        { title: 'Kerro oma huolesi', text: 'Kuvaa havaintosi minä-muodossa ja kerro, mitä toivot. Älä diagnosoi äläkä syyllistä.' },
        { title: 'Etsi voimavarat', text: 'Mitä asiakas osaa ja mikä on auttanut ennen? Keitä hänen lähellään on?' },
        { title: 'Sovi seuraava askel', text: 'Yksi konkreettinen askel, kuka tekee ja milloin. Jos jatko on toisessa palvelussa, sovi siirrosta asiakkaan kanssa.' },
        { title: 'Kirjaa ja seuraa', text: 'Kirjaa sovittu ja seuranta-aika. Kerro asiakkaalle, mitä kirjaat ja kenelle tieto menee.' },
      ],
    },
    {
      kind: 'prompts',
      heading: 'Avauslauseita',
      items: [
        '”Kysyn kaikilta asiakkailta myös työstä ja jaksamisesta. Sopiiko, että puhutaan siitä hetki?”',
        '”Miten terveytesi vaikuttaa siihen, millaista työtä voisit tehdä?”',
        '”Jos asteikko on nollasta kymmeneen, kuinka hyvä työkykysi on nyt? Entä vuoden päästä?”',
        '”Minulle jäi viime kerrasta huoli jaksamisestasi. Haluan kertoa, mistä se syntyi, ja kuulla, miltä tilanne sinusta näyttää.”',
        '”Mikä olisi pienin asia, joka helpottaisi arkeasi tai työtäsi seuraavan kuukauden aikana?”',
      ],
    },
    {
      kind: 'fields',
      heading: 'Kirjaus',
      items: [
        { label: 'Asiakkaan oma arvio ja tavoite', lines: 2 },
        { label: 'Sovittu seuraava askel ja vastuuhenkilö', lines: 2 },
        { label: 'Seurantapäivä', lines: 1 },
      ],
    },
  ],
};
