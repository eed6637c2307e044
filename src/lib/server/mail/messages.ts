/**
 * The Finnish text of every email, plain and HTML. Values are escaped for the
 * HTML part; links are written out in full so they work in plain-text mail.
 */
import type { MailMessage } from './mailer';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Body {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  after?: string[];
  orgName: string;
}

/** Builds the plain and HTML parts of a message from its pieces. */
export function compose(b: Body): MailMessage {
  const textParts = [b.greeting, '', ...b.paragraphs.flatMap((p) => [p, ''])];
  if (b.action) textParts.push(`${b.action.label}:`, b.action.url, '');
  for (const p of b.after ?? []) textParts.push(p, '');
  textParts.push(`Terveisin\n${b.orgName}`);
  const html = [
    '<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>',
    escapeHtml(b.subject),
    '</title></head><body>',
    `<p>${escapeHtml(b.greeting)}</p>`,
    ...b.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    b.action ? `<p><a href="${escapeHtml(b.action.url)}">${escapeHtml(b.action.label)}</a></p><p>${escapeHtml(b.action.url)}</p>` : '',
    ...(b.after ?? []).map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p>Terveisin<br>${escapeHtml(b.orgName)}</p></body></html>`,
  ].join('');
  return { to: b.to, subject: b.subject, text: textParts.join('\n'), html, links: b.action ? [b.action.url] : [] };
}

export function registrationMessage(to: string, name: string, url: string, orgName: string): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Vahvista rekisteröitymisesi Työkykyakatemiaan',
    greeting: `Hei ${name},`,
    paragraphs: ['Kiitos rekisteröitymisestä. Vahvista sähköpostiosoitteesi avaamalla alla oleva linkki ja painamalla sivulla Vahvista-painiketta.', 'Linkki toimii kerran ja vanhenee 24 tunnin kuluttua.'],
    action: { label: 'Vahvista rekisteröityminen', url },
    after: ['Jos et rekisteröitynyt, voit jättää tämän viestin huomiotta.'],
  });
}

export function alreadyRegisteredMessage(to: string, loginUrl: string, resetUrl: string, orgName: string): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Sinulla on jo tili Työkykyakatemiassa',
    greeting: 'Hei,',
    paragraphs: ['Tällä sähköpostiosoitteella yritettiin rekisteröityä Työkykyakatemiaan, mutta osoitteella on jo tili.', `Voit kirjautua osoitteessa ${loginUrl}. Jos olet unohtanut salasanasi, voit vaihtaa sen alla olevasta linkistä.`],
    action: { label: 'Vaihda salasana', url: resetUrl },
    after: ['Jos et itse yrittänyt rekisteröityä, voit jättää tämän viestin huomiotta.'],
  });
}

export function invitationMessage(to: string, name: string, url: string, orgName: string, nodeName: string): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Kutsu Työkykyakatemiaan',
    greeting: `Hei ${name},`,
    paragraphs: [
      `Sinut on kutsuttu Työkykyakatemiaan, organisaatioon ${nodeName}. Työkykyakatemiassa opiskellaan, miten työikäisten työkykyä tuetaan.`,
      'Ota tili käyttöön avaamalla alla oleva linkki ja valitsemalla salasana. Linkki toimii kerran ja vanhenee 7 päivän kuluttua.',
    ],
    action: { label: 'Ota tili käyttöön', url },
  });
}

export function passwordResetMessage(to: string, url: string, orgName: string): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Salasanan vaihtaminen',
    greeting: 'Hei,',
    paragraphs: ['Saimme pyynnön vaihtaa tämän sähköpostiosoitteen tilin salasana. Voit valita uuden salasanan alla olevasta linkistä.', 'Linkki toimii kerran ja vanhenee tunnin kuluttua.'],
    action: { label: 'Valitse uusi salasana', url },
    after: ['Jos et pyytänyt salasanan vaihtoa, voit jättää tämän viestin huomiotta. Salasanasi pysyy ennallaan.'],
  });
}

/** To an address without an (enabled) account that asked for a reset: says so, and where to go instead. */
export function resetWithoutAccountMessage(to: string, registerUrl: string, orgName: string, contact: string): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Salasanan vaihtaminen',
    greeting: 'Hei,',
    paragraphs: [
      'Saimme pyynnön vaihtaa tämän sähköpostiosoitteen tilin salasana, mutta tällä osoitteella ei ole käytössä olevaa tiliä Työkykyakatemiassa.',
      `Jos sinulla on tili toisella osoitteella, pyydä vaihtolinkkiä sillä. Uuden tilin voit luoda osoitteessa ${registerUrl}. Apua saat osoitteesta ${contact}.`,
    ],
    after: ['Jos et pyytänyt salasanan vaihtoa, voit jättää tämän viestin huomiotta.'],
  });
}

/** To the owner when their second factor or recovery codes were replaced (by them or by an administrator). */
export function secondFactorChangedMessage(to: string, name: string, what: string, orgName: string, contact: string): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Kaksivaiheisen tunnistuksen asetuksia muutettiin',
    greeting: `Hei ${name},`,
    paragraphs: [`Työkykyakatemian tilisi kaksivaiheisen tunnistuksen asetuksia muutettiin: ${what}.`, `Jos et tehnyt muutosta itse, ota heti yhteyttä: ${contact}.`],
  });
}

export function emailChangeMessage(to: string, name: string, url: string, orgName: string): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Vahvista uusi sähköpostiosoitteesi',
    greeting: `Hei ${name},`,
    paragraphs: ['Pyysit Työkykyakatemian tilisi sähköpostiosoitteen vaihtamista tähän osoitteeseen. Vahvista vaihto alla olevasta linkistä.', 'Linkki toimii kerran ja vanhenee 24 tunnin kuluttua.'],
    action: { label: 'Vahvista uusi osoite', url },
    after: ['Jos et pyytänyt vaihtoa, voit jättää tämän viestin huomiotta.'],
  });
}

export function emailChangedNoticeMessage(to: string, name: string, orgName: string, contact: string): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Sähköpostiosoitteesi vaihdettiin',
    greeting: `Hei ${name},`,
    paragraphs: ['Työkykyakatemian tilisi sähköpostiosoite vaihdettiin juuri toiseen osoitteeseen. Tähän osoitteeseen ei enää lähetetä viestejä.', `Jos et tehnyt vaihtoa itse, ota heti yhteyttä: ${contact}.`],
  });
}

export function passwordChangedNoticeMessage(to: string, name: string, orgName: string, contact: string): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Salasanasi vaihdettiin',
    greeting: `Hei ${name},`,
    paragraphs: ['Työkykyakatemian tilisi salasana vaihdettiin, ja kaikki istuntosi päätettiin.', `Jos et tehnyt vaihtoa itse, vaihda salasana heti tai ota yhteyttä: ${contact}.`],
  });
}

export function inactivityWarningMessage(to: string, name: string, siteUrl: string, orgName: string, graceDays: number): MailMessage {
  return compose({
    to,
    orgName,
    subject: 'Työkykyakatemian tilisi poistetaan, jos et kirjaudu',
    greeting: `Hei ${name},`,
    paragraphs: [
      'Et ole kirjautunut Työkykyakatemiaan pitkään aikaan. Säilytämme tietoja vain niin kauan kuin niitä tarvitaan.',
      `Jos et kirjaudu ${graceDays} päivän kuluessa, tilisi tiedot anonymisoidaan: nimesi ja sähköpostiosoitteesi poistetaan ja todistuksesi perutaan. Jos haluat säilyttää tilisi, kirjaudu sisään.`,
    ],
    action: { label: 'Kirjaudu', url: `${siteUrl}/kirjaudu` },
  });
}
