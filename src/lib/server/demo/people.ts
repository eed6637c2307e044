/**
 * The demo's fictional people: names drawn with a seeded generator from
 * common Finnish first names and surnames (so any real person sharing one is
 * chance), addresses under the reserved `.invalid` domain that no mail can
 * reach, and the staff who see the learners: an administrator, three
 * managers and a trainer.
 */
import type { Random } from './random';

const FIRST_NAMES = [
  'Aino', 'Anna', 'Anne', 'Anni', 'Anu', 'Eeva', 'Elina', 'Emma', 'Hanna', 'Heidi', 'Helena', 'Henna', 'Iida', 'Jenni', 'Johanna', 'Kaisa',
  'Katja', 'Kirsi', 'Laura', 'Leena', 'Liisa', 'Maarit', 'Marja', 'Minna', 'Niina', 'Outi', 'Paula', 'Pirjo', 'Riikka', 'Sanna', 'Sari',
  'Satu', 'Suvi', 'Tiina', 'Tuula', 'Ulla', 'Anna-Liisa', 'Ari', 'Antti', 'Eero', 'Harri', 'Heikki', 'Jari', 'Janne', 'Jukka', 'Juha',
  'Kari', 'Lauri', 'Markku', 'Matti', 'Mikko', 'Olli', 'Pekka', 'Petri', 'Sami', 'Teemu', 'Timo', 'Tuomas', 'Ville', 'Jussi-Pekka',
] as const;

const SURNAMES = [
  'Aaltonen', 'Ahonen', 'Anttila', 'Eskola', 'Hakala', 'Heikkinen', 'Heinonen', 'Hiltunen', 'Hirvonen', 'Hämäläinen', 'Jokinen', 'Jääskeläinen',
  'Kallio', 'Karjalainen', 'Kinnunen', 'Koivisto', 'Korhonen', 'Koskinen', 'Laaksonen', 'Lahtinen', 'Laine', 'Lehtonen', 'Leinonen', 'Lindholm',
  'Mattila', 'Miettinen', 'Mäkelä', 'Mäkinen', 'Nieminen', 'Niemi', 'Nurmi', 'Ojala', 'Peltonen', 'Pitkänen', 'Rantanen', 'Räsänen',
  'Saarinen', 'Salminen', 'Salonen', 'Savolainen', 'Sirola', 'Tuominen', 'Turunen', 'Väisänen', 'Virtanen', 'Vainio', 'Östman', 'Åberg',
] as const;

export interface DemoPerson {
  name: string;
  email: string;
}

/** The demo's mail domain: `.invalid` is reserved and never delivers. */
export const DEMO_EMAIL_DOMAIN = 'demo.invalid';

/** `Anna-Liisa Hämäläinen` → `anna-liisa.hamalainen`, letters a–z, digits and dashes only. */
export function emailLocalPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/[äå]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/\s+/)
    .map((part) => part.replace(/[^a-z0-9-]/g, ''))
    .filter(Boolean)
    .join('.');
}

/** One name from the lists (names may repeat; the bulk seeder wants speed, not variety). */
export function drawName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
}

/**
 * `count` people with distinct names and addresses, the same for the same
 * generator state. `taken` holds addresses already handed out (they get a
 * number: `anna.laine2@…`) and is updated.
 */
export function drawPeople(random: Random, count: number, taken: Set<string> = new Set()): DemoPerson[] {
  const names = new Set<string>();
  const out: DemoPerson[] = [];
  while (out.length < count) {
    const name = drawName(random);
    // Distinct names keep lists readable; the pool holds about 2,900 pairs.
    if (names.has(name) && names.size < FIRST_NAMES.length * SURNAMES.length) continue;
    names.add(name);
    const local = emailLocalPart(name);
    let email = `${local}@${DEMO_EMAIL_DOMAIN}`;
    for (let n = 2; taken.has(email); n += 1) email = `${local}${n}@${DEMO_EMAIL_DOMAIN}`;
    taken.add(email);
    out.push({ name, email });
  }
  return out;
}

export type StaffKey = 'admin' | 'countyManager' | 'employmentManager' | 'associationManager' | 'trainer';

export interface DemoStaff extends DemoPerson {
  key: StaffKey;
  /** What the account is for, as the script prints it. */
  description: string;
}

/**
 * The staff accounts, with addresses that say what they are for so a
 * newcomer knows which to sign in with.
 */
export const DEMO_STAFF: Record<StaffKey, DemoStaff> = {
  admin: { key: 'admin', name: 'Riitta Ylönen', email: `yllapito@${DEMO_EMAIL_DOMAIN}`, description: 'ylläpitäjä (admin)' },
  countyManager: { key: 'countyManager', name: 'Marketta Aaltola', email: `esihenkilo.alue@${DEMO_EMAIL_DOMAIN}`, description: 'esihenkilö, koko hyvinvointialue' },
  employmentManager: {
    key: 'employmentManager',
    name: 'Tapio Tuovinen',
    email: `esihenkilo.tyollisyys@${DEMO_EMAIL_DOMAIN}`,
    description: 'esihenkilö, Kaislarannan työllisyyspalvelut',
  },
  associationManager: { key: 'associationManager', name: 'Leila Järvelä', email: `esihenkilo.jarjesto@${DEMO_EMAIL_DOMAIN}`, description: 'esihenkilö, Järvi-Pohjan Mielenterveysseura ry' },
  trainer: { key: 'trainer', name: 'Kaarina Kuusela', email: `kouluttaja@${DEMO_EMAIL_DOMAIN}`, description: 'kouluttaja, kaikki kurssit' },
};

/**
 * The shared demo password. Printed by `npm run seed:demo`; long enough for
 * the password policy and not on the list of common passwords.
 */
export const DEMO_PASSWORD = 'jarvipohja-demo-2468';
