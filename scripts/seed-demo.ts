/**
 * `npm run seed:demo [-- --force]`: fills an empty database with the
 * fictional Järvi-Pohja demo (organisation, about 200 learners, managers, a
 * trainer, progress in every state, assignments) and prints how to sign in.
 * Refuses a database that already has users, and production, unless
 * `--force`. `--content DIR` seeds from another content folder (a smaller
 * one in tests) instead of `src/content`.
 */
import { parseArgs } from 'node:util';
import { fail, loadConfigOrExit } from '../src/lib/server/process-config';
import { closeDatabase, openDatabase } from '../src/lib/server/db/client';
import { seedDemo, type DemoSeedSummary } from '../src/lib/server/demo/seed';
import { DEMO_ORGANISATION } from '../src/lib/server/demo/organisation';


function describe(summary: DemoSeedSummary): string {
  const c = summary.counts;
  const accounts = [...summary.staff, ...summary.sampleLearners];
  const width = Math.max(0, ...accounts.map((a) => a.email.length));
  const lines = [
    `Esittelyaineisto lisätty: ${c.nodes} organisaatioyksikköä, ${c.learners} oppijaa (${c.pending} odottaa yksikön vahvistusta, ${c.ended} on vaihtanut yksikköä tai lähtenyt), ${c.assignments} määräaikaista kurssia, ${c.completions} suoritusta, ${c.certificates} todistusta (${c.revoked} peruttu).`,
    '',
    `Kaikkien esittelytunnusten salasana: ${summary.password}`,
    '',
    'Tunnukset:',
    ...accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.name}, ${a.description}`),
    '',
    'Ylläpitäjät ja esihenkilöt ottavat ensimmäisellä kirjautumisella käyttöön toisen tunnistautumistavan (todennussovellus, esimerkiksi puhelimessa).',
    `Käynnistä palvelin (npm start) ja avaa ${summary.siteUrl}/kirjaudu`,
  ];
  if (summary.skipped) lines.push('', `${summary.skipped} osoitteella oli jo tili; niihin ei koskettu.`);
  if (summary.certificatesWaiting) lines.push('', 'Todistuksia ei myönnetty, koska SITE_URL on tuotannossa vielä oletusarvo; suoritukset on kirjattu ja todistukset myönnetään, kun SITE_URL asetetaan.');
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  let force = false;
  let contentDir: string | undefined;
  try {
    const { values } = parseArgs({ options: { force: { type: 'boolean', default: false }, content: { type: 'string' } } });
    force = values.force;
    contentDir = values.content;
  } catch {
    fail('Käyttö: npm run seed:demo [-- --force] [--content KANSIO]');
  }
  const config = loadConfigOrExit();
  const handle = openDatabase(config.databasePath);
  let result;
  try {
    result = await seedDemo(handle, config, new Date(), { force, contentDir });
  } finally {
    closeDatabase(handle);
  }
  if (result.ok) {
    process.stdout.write(describe(result));
  } else if (result.error === 'has_users') {
    fail(`Tietokannassa ${config.databasePath} on jo käyttäjiä, joten esittelyaineistoa ei lisätty. Se lisätään vain tyhjään tietokantaan; --force lisää sen olemassa olevien rinnalle (varattuja osoitteita ohitetaan).`);
  } else if (result.error === 'already_seeded') {
    fail(`Esittelyaineisto on jo tässä tietokannassa (${DEMO_ORGANISATION.name} löytyy organisaatiopuusta); toista kopiota ei lisätty.`);
  } else {
    fail('APP_ENV on production, joten esittelyaineistoa ei lisätty: kaikilla esittelytunnuksilla on sama, julkisesti tulostettu salasana. --force lisää sen silti.');
  }
}

await main();
