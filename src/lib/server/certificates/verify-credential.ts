/**
 * "Tarkista todistus": whether a file someone holds (a `.jwt`, or a PNG or
 * SVG badge with the credential baked in) is a valid credential issued by
 * this service, and what it states.
 *
 * Only this site's own keys count: the JWT header's `kid` must be a key URL
 * on this site's origin (`SITE_URL/avaimet/<thumbprint>`) and the key is read
 * from the database. Nothing is fetched, from this host or any other. Then
 * the VC-JWT checks of OB 3.0 (signature; `iss`, `sub`, `jti` equal to the
 * credential's issuer, subject and id; `nbf`/`exp` equal to `validFrom`/
 * `validUntil`), the dates against now, and the certificate's status in the
 * database (revocation). Nothing of the input is stored or logged.
 */
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { DbClient } from '../db/client';
import { findCertificateByCredentialId, type CertificateRow } from '../db/certificates';
import { issuerId } from './credential';
import { findKeyByUrl } from './keys';
import { BadgeImageError, extractFromPng, extractFromSvg, isPng, looksLikeSvg } from './badge-image';
import { verificationUrl } from './issue';
import { asSentence, formatDate } from '../../format';

/** The largest file (or pasted text) accepted: 1 MB. */
export const MAX_CREDENTIAL_BYTES = 1024 * 1024;
/** The largest request body: the file plus the form's own overhead. */
export const MAX_UPLOAD_BODY_BYTES = MAX_CREDENTIAL_BYTES + 64 * 1024;

/** What the page shows when the input is not a credential it could check. */
export type InputProblem = 'empty' | 'too_large' | 'unsupported_type' | 'pdf' | 'no_credential_in_image' | 'broken_image' | 'malformed' | 'bad_request';

export const INPUT_PROBLEM_MESSAGES: Record<InputProblem, string> = {
  empty: 'Valitse tiedosto tai liitä todistuksen teksti kenttään.',
  too_large: 'Tiedosto on liian suuri. Tarkistettava tiedosto saa olla enintään 1 Mt.',
  unsupported_type: 'Tätä tiedostotyyppiä ei voi tarkistaa. Valitse .jwt-tiedosto tai PNG- tai SVG-muotoinen osaamismerkki.',
  pdf: 'PDF-todistusta ei tarkisteta tällä lomakkeella. Kirjoita PDF-todistuksen alaosassa oleva tunnus yllä olevaan kenttään, niin näet todistuksen tiedot ja tilan.',
  no_credential_in_image: 'Kuvassa ei ole sähköistä todistusta. Tarkista, että valitsit ladatun osaamismerkin (PNG), etkä esimerkiksi kuvakaappausta siitä.',
  broken_image: 'Kuvatiedosto on vioittunut, eikä siitä voi lukea todistusta.',
  malformed: 'Tiedosto tai teksti ei ole sähköinen todistus. Todistus on pitkä merkkijono, jossa on kolme pisteillä erotettua osaa.',
  bad_request: 'Lomakkeen tietoja ei voitu lukea. Yritä uudelleen.',
};

export interface CheckedCredential {
  certificate: CertificateRow;
  courseTitle: string;
  version: string;
  issuerName: string;
  validFrom: Date;
  validUntil: Date | null;
  verifyUrl: string;
}

export type VerifyResult =
  | { kind: 'problem'; problem: InputProblem }
  /** Not issued by this service (or altered since): `detail` says what failed. */
  | { kind: 'not_ours'; detail: string }
  | ({ kind: 'valid' | 'expired' | 'revoked' | 'not_yet_valid' } & CheckedCredential);

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const notOurs = (detail: string): VerifyResult => ({ kind: 'not_ours', detail });

/** A NumericDate claim as an instant, or undefined. */
const claimDate = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** An ISO date-time as whole seconds since the epoch, or undefined. */
const isoSeconds = (v: unknown) => {
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms / 1000;
};

/** Verifies a compact JWS as a credential of this service. */
export async function verifyCompactJws(db: DbClient, jws: string, siteUrl: string, now: Date): Promise<VerifyResult> {
  if (!COMPACT_JWS.test(jws)) return { kind: 'problem', problem: 'malformed' };
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return { kind: 'problem', problem: 'malformed' };
  }
  if (typeof header.alg !== 'string') return { kind: 'problem', problem: 'malformed' };
  if (header.alg !== 'RS256') return notOurs('Todistusta ei ole allekirjoitettu tämän palvelun tavalla.');
  const key = findKeyByUrl(db, header.kid, siteUrl);
  if (!key) return notOurs('Todistuksen allekirjoitusavain ei ole tämän palvelun avain.');
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(jws, await importJWK(key.publicJwk as JWK, 'RS256'), { algorithms: ['RS256'] }));
  } catch {
    return notOurs('Allekirjoitus ei täsmää: todistusta on muutettu, tai sitä ei ole myönnetty tässä palvelussa.');
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payloadBytes)) as Record<string, unknown>;
    if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw new Error('not an object');
  } catch {
    return { kind: 'problem', problem: 'malformed' };
  }
  const issuer = claims.issuer as { id?: unknown; name?: unknown } | undefined;
  const subject = claims.credentialSubject as { id?: unknown; achievement?: { name?: unknown; version?: unknown } } | undefined;
  const inconsistent = notOurs('Todistuksen tiedot ovat ristiriidassa keskenään, joten se ei kelpaa.');
  // OB 3.0 VC-JWT: iss = issuer.id, sub = credentialSubject.id, jti = id, nbf = validFrom, exp = validUntil.
  if (claims.iss !== issuerId(siteUrl) || issuer?.id !== claims.iss) return inconsistent;
  if (typeof claims.sub !== 'string' || subject?.id !== claims.sub) return inconsistent;
  if (typeof claims.jti !== 'string' || claims.id !== claims.jti) return inconsistent;
  const nbf = claimDate(claims.nbf);
  const validFrom = isoSeconds(claims.validFrom);
  if (nbf === undefined || validFrom === undefined || nbf !== validFrom) return inconsistent;
  const exp = claimDate(claims.exp);
  const validUntil = isoSeconds(claims.validUntil);
  if (exp !== validUntil) return inconsistent;

  const certificate = findCertificateByCredentialId(db, claims.jti);
  if (!certificate) return notOurs('Tällä allekirjoituksella ei löydy todistusta tämän palvelun todistuksista.');
  const checked: CheckedCredential = {
    certificate,
    courseTitle: typeof subject?.achievement?.name === 'string' ? subject.achievement.name : certificate.courseTitle,
    version: typeof subject?.achievement?.version === 'string' ? subject.achievement.version : certificate.version,
    issuerName: typeof issuer?.name === 'string' ? issuer.name : certificate.issuerName,
    validFrom: new Date(validFrom * 1000),
    validUntil: validUntil === undefined ? null : new Date(validUntil * 1000),
    verifyUrl: verificationUrl(siteUrl, certificate.code),
  };
  const t = now.getTime() / 1000;
  if (certificate.revokedAt) return { kind: 'revoked', ...checked };
  if (validFrom > t) return { kind: 'not_yet_valid', ...checked };
  if (validUntil !== undefined && validUntil <= t) return { kind: 'expired', ...checked };
  return { kind: 'valid', ...checked };
}

export interface CredentialInput {
  /** Pasted text. */
  text?: string;
  /** An uploaded file's bytes and name. */
  file?: { bytes: Uint8Array; name: string };
}

const startsWith = (bytes: Uint8Array, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Which credential text a file holds: a baked PNG or SVG, or the text of a `.jwt`. */
export function credentialTextOf(file: { bytes: Uint8Array; name: string }): { text: string } | { problem: InputProblem } {
  const { bytes } = file;
  if (bytes.byteLength === 0) return { problem: 'empty' };
  if (bytes.byteLength > MAX_CREDENTIAL_BYTES) return { problem: 'too_large' };
  if (isPng(bytes)) {
    try {
      const text = extractFromPng(bytes);
      return text === undefined ? { problem: 'no_credential_in_image' } : { text };
    } catch (e) {
      if (e instanceof BadgeImageError || e instanceof TypeError) return { problem: 'broken_image' };
      throw e;
    }
  }
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return { problem: 'pdf' };
  // JPEG, GIF, WebP, ZIP/office files, gzip: images and documents that cannot carry an OB 3.0 credential.
  if (startsWith(bytes, 0xff, 0xd8, 0xff) || startsWith(bytes, 0x47, 0x49, 0x46) || startsWith(bytes, 0x52, 0x49, 0x46, 0x46) || startsWith(bytes, 0x50, 0x4b) || startsWith(bytes, 0x1f, 0x8b)) {
    return { problem: 'unsupported_type' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'unsupported_type' };
  }
  if (looksLikeSvg(bytes) || /\.svg$/i.test(file.name)) {
    const baked = extractFromSvg(text);
    return baked === undefined ? { problem: 'no_credential_in_image' } : { text: baked };
  }
  return { text };
}

/** Checks what was uploaded or pasted (a file wins over text). */
export async function verifyCredentialInput(db: DbClient, input: CredentialInput, siteUrl: string, now: Date): Promise<VerifyResult> {
  let text: string;
  if (input.file && input.file.bytes.byteLength > 0) {
    const read = credentialTextOf(input.file);
    if ('problem' in read) return { kind: 'problem', problem: read.problem };
    text = read.text;
  } else {
    text = input.text ?? '';
    if (Buffer.byteLength(text) > MAX_CREDENTIAL_BYTES) return { kind: 'problem', problem: 'too_large' };
  }
  text = text.replace(/^\uFEFF/, '').trim();
  if (!text) return { kind: 'problem', problem: 'empty' };
  // A credential with an embedded proof (JSON) is not what this service issues.
  if (text.startsWith('{')) return notOurs('Todistus ei ole tämän palvelun muodossa (tämä palvelu myöntää allekirjoitettuja JWT-todistuksia).');
  return verifyCompactJws(db, text.replace(/\s+/g, ''), siteUrl, now);
}

export type UploadRead = { ok: true; input: CredentialInput } | { ok: false; problem: InputProblem; status: number };

/**
 * Reads the verify form's body (multipart or URL-encoded) with a hard size
 * limit, without keeping anything: fields `tiedosto` (file) and `teksti`.
 * An oversized body is refused from its `Content-Length` before it is read,
 * or once the limit is passed while reading.
 */
export async function readVerifyUpload(request: Request): Promise<UploadRead> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BODY_BYTES) return { ok: false, problem: 'too_large', status: 413 };
  const type = request.headers.get('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) return { ok: false, problem: 'bad_request', status: 400 };
  const parts: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_UPLOAD_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, problem: 'too_large', status: 413 };
      }
      parts.push(value);
    }
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(parts), { headers: { 'content-type': type } }).formData();
  } catch {
    return { ok: false, problem: 'bad_request', status: 400 };
  }
  const text = form.get('teksti');
  const file = form.get('tiedosto');
  const input: CredentialInput = { text: typeof text === 'string' ? text : undefined };
  if (file && typeof file !== 'string' && file.size > 0) {
    if (file.size > MAX_CREDENTIAL_BYTES) return { ok: false, problem: 'too_large', status: 413 };
    input.file = { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
  }
  return { ok: true, input };
}

/** The headline and explanation the page shows for a result, in plain Finnish. */
export function describeVerifyResult(result: VerifyResult): { kind: 'success' | 'warning' | 'error'; title: string; text: string } {
  switch (result.kind) {
    case 'valid':
      return {
        kind: 'success',
        title: 'Todistus on aito ja voimassa.',
        text: result.validUntil ? `Sen on myöntänyt tämä palvelu, ja se on voimassa ${formatDate(result.validUntil)} asti.` : 'Sen on myöntänyt tämä palvelu, ja se on voimassa toistaiseksi.',
      };
    case 'expired':
      return { kind: 'warning', title: 'Todistus on vanhentunut.', text: `Sen on myöntänyt tämä palvelu, mutta sen voimassaolo päättyi ${formatDate(result.validUntil!)}.` };
    case 'not_yet_valid':
      return { kind: 'warning', title: 'Todistus ei ole vielä voimassa.', text: `Sen on myöntänyt tämä palvelu, ja se tulee voimaan ${formatDate(result.validFrom)}.` };
    case 'revoked': {
      const c = result.certificate;
      return { kind: 'error', title: 'Todistus on peruttu.', text: `Sen on myöntänyt tämä palvelu, mutta myöntäjä perui sen ${formatDate(c.revokedAt!)}, eikä se ole voimassa. Syy: ${asSentence(c.revokedReason || 'ei ilmoitettu')}` };
    }
    case 'not_ours':
      return { kind: 'error', title: 'Todistus ei ole tämän palvelun myöntämä.', text: asSentence(result.detail) };
    case 'problem':
      return { kind: 'error', title: 'Tarkistus ei onnistunut.', text: INPUT_PROBLEM_MESSAGES[result.problem] };
  }
}
