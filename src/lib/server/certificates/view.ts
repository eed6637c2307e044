/**
 * A certificate as the verification page, its JSON and the PDF state it:
 * every fact printed on the certificate, and its status now.
 */
import type { CertificateRow } from '../db/certificates';
import { certificateStatus, STATUS_LABELS, type CertificateStatus } from './status';
import { verificationUrl } from './issue';
import { asSentence, formatDate, formatQuantity } from '../../format';

export interface CertificateView {
  code: string;
  status: CertificateStatus;
  statusLabel: string;
  holderName: string;
  courseTitle: string;
  courseId: string;
  version: string;
  contentHash: string;
  creditHours: number;
  outcomes: string[];
  criteria: string;
  issuedAt: Date;
  validUntil: Date | null;
  issuerName: string;
  issuerEmail: string;
  revokedAt: Date | null;
  revokedReason: string | null;
  verifyUrl: string;
}

export function viewCertificate(c: CertificateRow, siteUrl: string, now: Date): CertificateView {
  const status = certificateStatus(c, now);
  return {
    code: c.code,
    status,
    statusLabel: STATUS_LABELS[status],
    holderName: c.holderName,
    courseTitle: c.courseTitle,
    courseId: c.courseId,
    version: c.version,
    contentHash: c.contentHash,
    creditHours: c.creditHours,
    outcomes: c.outcomes,
    criteria: c.criteria,
    issuedAt: c.issuedAt,
    validUntil: c.validUntil,
    issuerName: c.issuerName,
    issuerEmail: c.issuerEmail,
    revokedAt: c.revokedAt,
    revokedReason: c.revokedReason,
    verifyUrl: verificationUrl(siteUrl, c.code),
  };
}

/** The machine-readable form (Finnish dates as ISO, status as a word). */
export function certificateJson(v: CertificateView) {
  return {
    code: v.code,
    status: v.status,
    holderName: v.holderName,
    course: { id: v.courseId, title: v.courseTitle, version: v.version, contentHash: v.contentHash, creditHours: v.creditHours, outcomes: v.outcomes, criteria: v.criteria },
    issuedAt: v.issuedAt.toISOString(),
    validUntil: v.validUntil?.toISOString() ?? null,
    issuer: { name: v.issuerName, email: v.issuerEmail },
    revoked: v.revokedAt ? { at: v.revokedAt.toISOString(), reason: v.revokedReason } : null,
    verificationUrl: v.verifyUrl,
  };
}

/** The status box at the top of the verification page: the status now, in one consistent sentence. */
export function statusNotice(v: CertificateView): { kind: 'success' | 'warning' | 'error'; title: string; text: string } {
  switch (v.status) {
    case 'voimassa':
      return { kind: 'success', title: 'Tila: Voimassa.', text: v.validUntil ? `Todistus on voimassa ${formatDate(v.validUntil)} asti.` : 'Todistus on voimassa toistaiseksi.' };
    case 'vanhentunut':
      return { kind: 'warning', title: 'Tila: Vanhentunut.', text: `Todistuksen voimassaolo päättyi ${formatDate(v.validUntil!)}. Se ei ole enää voimassa.` };
    case 'peruttu':
      return { kind: 'error', title: 'Tila: Peruttu.', text: `Myöntäjä perui todistuksen ${formatDate(v.revokedAt!)}, eikä se ole voimassa. Syy: ${asSentence(v.revokedReason || 'ei ilmoitettu')}` };
  }
}

/** How the page introduces the holder and the course: a valid certificate confirms; others tell what was issued. */
export function certificateLead(v: CertificateView): { before: string; after: string } {
  switch (v.status) {
    case 'voimassa':
      return { before: 'Tällä todistuksella vahvistetaan, että', after: 'on suorittanut verkkokurssin' };
    case 'vanhentunut':
      return { before: 'Tämä vanhentunut todistus myönnettiin henkilölle', after: 'verkkokurssin suorittamisesta:' };
    case 'peruttu':
      return { before: 'Tämä peruttu todistus oli myönnetty henkilölle', after: 'verkkokurssin suorittamisesta:' };
  }
}

/** The facts as label–value pairs, in the order the PDF prints them; dates as the status allows. */
export function certificateFacts(v: CertificateView): [string, string][] {
  const facts: [string, string][] = [
    ['Suoritusehdot', v.criteria],
    ['Laajuus', `${formatQuantity(v.creditHours)} ${v.creditHours === 1 ? 'opintotunti' : 'opintotuntia'}`],
    ['Myönnetty', formatDate(v.issuedAt)],
  ];
  if (v.status === 'voimassa') facts.push(['Voimassa', v.validUntil ? `${formatDate(v.validUntil)} asti` : 'toistaiseksi']);
  if (v.status === 'vanhentunut') facts.push(['Voimassaolo päättyi', formatDate(v.validUntil!)]);
  if (v.status === 'peruttu') facts.push(['Peruttu', formatDate(v.revokedAt!)], ['Perumisen syy', asSentence(v.revokedReason || 'ei ilmoitettu')]);
  return facts;
}

/** What a reader of a printed or PDF certificate should compare with this page, and why the status here is the one that counts. */
export function compareAdvice(v: CertificateView): string[] {
  const out = [
    'Vertaa tulostetun tai PDF-todistuksen tietoja tämän sivun tietoihin: nimi, kurssi ja sen versio, myöntöpäivä, voimassaoloaika ja todistuksen tunnus.',
    'Tällä sivulla näkyvä tila on todistuksen tila juuri nyt, ja se ratkaisee: todistus voi vanhentua tai sen voi perua tulostamisen jälkeen.',
  ];
  if (v.status === 'peruttu') out.push('Tämä todistus on peruttu, joten se ei ole voimassa, vaikka tulosteessa olisi voimassaoloaika.');
  if (v.status === 'vanhentunut') out.push('Tämä todistus on vanhentunut, vaikka se olisi tulostettu sen ollessa voimassa.');
  out.push(`Jos tiedot eroavat, kysy asiaa todistuksen haltijalta tai myöntäjältä (${v.issuerEmail}).`);
  return out;
}
