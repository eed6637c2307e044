/**
 * "Tarkista todistus" against a real database: a credential of this service
 * (as .jwt text, a baked PNG or a baked SVG) is checked with this site's own
 * keys only, its dates and its revocation; anything else is "not ours"; bad
 * input gets a reason the page words in Finnish; the upload reader enforces
 * 1 MB whether or not the body's length is declared. No network is used: a
 * kid on another origin is refused before anything could be fetched.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { listCertificatesOfUser, type CertificateRow } from '../../src/lib/server/db/certificates';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { ensureSigningKey, currentSigningKey, privateKeyOf, rotateSigningKey } from '../../src/lib/server/certificates/keys';
import { signCertificateCredential } from '../../src/lib/server/certificates/credential';
import { badgePng, badgeSvg, bakePng, bakeSvg } from '../../src/lib/server/certificates/badge-image';
import { revokeCertificateWithReason } from '../../src/lib/server/certificates/revoke';
import {
  describeVerifyResult,
  INPUT_PROBLEM_MESSAGES,
  MAX_CREDENTIAL_BYTES,
  readVerifyUpload,
  verifyCredentialInput,
  type VerifyResult,
} from '../../src/lib/server/certificates/verify-credential';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';

const SITE = 'https://oppiminen.example.fi';
const fixture = loadFixtureCourse();
let t: TestContext;
let cert: CertificateRow;
let jwt: string;

const check = (input: Parameters<typeof verifyCredentialInput>[1], now = t.now()) => verifyCredentialInput(t.db.db, input, SITE, now);
const file = (bytes: Uint8Array | string, name = 'todistus.jwt') => ({ file: { bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, name } });

beforeEach(async () => {
  t = createTestContext();
  await ensureSigningKey(t.db.db, t.now());
  const user = await createUser(t.db.db, { email: 'oppija@example.fi', name: 'Åke Öhman' });
  completeLessons(t.db.db, fixture, { userId: user.id }, t.now());
  passFinal(t.db.db, fixture, { userId: user.id, issuer: issuerFromConfig(t.config) }, 'n1', t.now());
  cert = listCertificatesOfUser(t.db.db, user.id)[0]!;
  jwt = await signCertificateCredential(t.db.db, cert, t.config);
});
afterEach(() => {
  t.db.cleanup();
  vi.restoreAllMocks();
});

describe('a credential of this service', () => {
  it('is valid as pasted text, as a .jwt file, baked in a PNG and baked in an SVG', async () => {
    const png = bakePng(badgePng({ courseId: cert.courseId, courseTitle: cert.courseTitle, orgName: cert.issuerName }), jwt);
    const svg = bakeSvg(badgeSvg({ courseId: cert.courseId, courseTitle: cert.courseTitle, orgName: cert.issuerName }), jwt);
    for (const input of [{ text: `  ${jwt}\n` }, file(`\uFEFF${jwt}\n`), file(png, 'merkki.png'), file(svg, 'merkki.svg')]) {
      const result = await check(input);
      expect(result).toMatchObject({ kind: 'valid', courseTitle: 'Testikurssi', version: '1.0', issuerName: 'Testialue', verifyUrl: `${SITE}/todistus/${cert.code}` });
      if (result.kind === 'valid') expect(result.certificate.code).toBe(cert.code);
    }
    expect(describeVerifyResult(await check({ text: jwt }))).toEqual({ kind: 'success', title: 'Todistus on aito ja voimassa.', text: 'Sen on myöntänyt tämä palvelu, ja se on voimassa 23.11.2029 asti.' });
  });

  it('is expired after its valid-until, and revoked once revoked, with the reason', async () => {
    expect((await check({ text: jwt }, new Date('2030-01-01T00:00:00Z'))).kind).toBe('expired');
    const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'] });
    revokeCertificateWithReason(t.ctx(), admin.id, { code: cert.code, reason: 'Myönnetty väärälle henkilölle.' });
    const revoked = await check({ text: jwt });
    expect(revoked.kind).toBe('revoked');
    const shown = describeVerifyResult(revoked);
    expect(shown.title).toBe('Todistus on peruttu.');
    expect(shown.text).toContain('Syy: Myönnetty väärälle henkilölle.');
    expect(shown.text).not.toContain('..');
    expect(shown.text).not.toMatch(/voimassa[^.]*asti/);
  });

  it('still verifies after the key is rotated', async () => {
    await rotateSigningKey(t.db.db, t.now());
    expect((await check({ text: jwt })).kind).toBe('valid');
  });
});

describe('anything else is not issued by this service', () => {
  const notOurs = async (input: Parameters<typeof verifyCredentialInput>[1]) => {
    const result = await check(input);
    expect(result.kind).toBe('not_ours');
    expect(describeVerifyResult(result).title).toBe('Todistus ei ole tämän palvelun myöntämä.');
    return result;
  };

  it('a changed payload or signature', async () => {
    const [head, , sig] = jwt.split('.');
    const claims = decodeJwt(jwt);
    await notOurs({ text: `${head}.${Buffer.from(JSON.stringify({ ...claims, name: 'Väärennetty' })).toString('base64url')}.${sig}` });
    await notOurs({ text: `${jwt.slice(0, -4)}${jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA'}` });
  });

  it("another signer under this site's kid, and a kid on another origin, without fetching it", async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { privateKey } = await generateKeyPair('RS256');
    const claims = decodeJwt(jwt);
    await notOurs({ text: await new SignJWT(claims).setProtectedHeader(decodeProtectedHeader(jwt) as { alg: string }).sign(privateKey) });
    const thumbprint = currentSigningKey(t.db.db)!.kid;
    for (const kid of [`https://evil.example/avaimet/${thumbprint}`, `${SITE}.evil.example/avaimet/${thumbprint}`, `${SITE}/avaimet/../avaimet/${thumbprint}`, thumbprint, `${SITE}/avaimet/${'x'.repeat(43)}`]) {
      const signed = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(await privateKeyOf(currentSigningKey(t.db.db)!));
      const result = await notOurs({ text: signed });
      expect(result.kind === 'not_ours' && result.detail).toContain('avain');
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('a token with another algorithm, or one whose claims disagree with the credential', async () => {
    const claims = decodeJwt(jwt);
    const header = decodeProtectedHeader(jwt);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: header.kid })).toString('base64url')}.${jwt.split('.')[1]}.`;
    expect((await check({ text: none })).kind).toBe('problem');
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: header.kid }).sign(new TextEncoder().encode('x'.repeat(32)));
    await notOurs({ text: hs });
    const key = await privateKeyOf(currentSigningKey(t.db.db)!);
    const resign = (c: Record<string, unknown>) => new SignJWT(c).setProtectedHeader(header as { alg: string }).sign(key);
    await notOurs({ text: await resign({ ...claims, nbf: Number(claims.nbf) + 1 }) });
    await notOurs({ text: await resign({ ...claims, exp: Number(claims.exp) + 1 }) });
    await notOurs({ text: await resign({ ...claims, sub: 'urn:uuid:joku-muu' }) });
    await notOurs({ text: await resign({ ...claims, jti: 'urn:uuid:joku-muu' }) });
    await notOurs({ text: await resign({ ...claims, iss: 'https://evil.example/myontaja' }) });
    // Well-formed and signed by us, but naming no certificate of ours.
    await notOurs({ text: await resign({ ...claims, id: 'urn:uuid:ei-ole', jti: 'urn:uuid:ei-ole' }) });
  });

  it('a credential with an embedded proof (JSON)', async () => {
    await notOurs({ text: JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', 'OpenBadgeCredential'], proof: {} }) });
  });
});

describe('input that is not a credential gets a Finnish reason', () => {
  const problem = async (input: Parameters<typeof verifyCredentialInput>[1]) => {
    const result: VerifyResult = await check(input);
    return result.kind === 'problem' ? result.problem : result.kind;
  };

  it('empty, malformed, wrong type, an image without a credential, a broken image, a PDF, too large', async () => {
    expect(await problem({ text: '   ' })).toBe('empty');
    expect(await problem({})).toBe('empty');
    expect(await problem({ text: 'ei todistus' })).toBe('malformed');
    expect(await problem({ text: 'a.b' })).toBe('malformed');
    expect(await problem({ text: 'e30.e30.e30' })).toBe('malformed');
    expect(await problem(file(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'kuva.jpg'))).toBe('unsupported_type');
    expect(await problem(file(new Uint8Array([0x00, 0xff, 0xfe, 0x80, 0x81]), 'data.bin'))).toBe('unsupported_type');
    expect(await problem(file(new TextEncoder().encode('%PDF-1.7\n'), 'todistus.pdf'))).toBe('pdf');
    expect(await problem(file(badgePng({ courseId: 'x', courseTitle: 'X', orgName: 'Y' }), 'merkki.png'))).toBe('no_credential_in_image');
    expect(await problem(file('<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'merkki.svg'))).toBe('no_credential_in_image');
    const broken = Buffer.from(bakePng(badgePng({ courseId: 'x', courseTitle: 'X', orgName: 'Y' }), jwt));
    broken.writeUInt8(broken.readUInt8(50) ^ 0xff, 50);
    expect(await problem(file(broken, 'merkki.png'))).toBe('broken_image');
    expect(await problem(file(new Uint8Array(MAX_CREDENTIAL_BYTES + 1), 'iso.jwt'))).toBe('too_large');
    expect(await problem({ text: 'x'.repeat(MAX_CREDENTIAL_BYTES + 1) })).toBe('too_large');
    for (const message of Object.values(INPUT_PROBLEM_MESSAGES)) {
      expect(message).toMatch(/^[A-ZÅÄÖ].*[.]$/);
      expect(message).not.toContain('..');
    }
  });
});

describe('reading the upload', () => {
  const multipart = (parts: { name: string; filename?: string; body: Uint8Array | string }[]) => {
    const boundary = '----tarkistus';
    const chunks: Buffer[] = [];
    for (const p of parts) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n${p.filename ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`));
      chunks.push(Buffer.from(p.body));
      chunks.push(Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
  };

  it('reads the file and the text field', async () => {
    const { body, type } = multipart([{ name: 'teksti', body: '' }, { name: 'tiedosto', filename: 'todistus.jwt', body: jwt }]);
    const read = await readVerifyUpload(new Request('http://x/tarkista', { method: 'POST', body, headers: { 'content-type': type } }));
    expect(read.ok).toBe(true);
    if (read.ok) expect((await check(read.input)).kind).toBe('valid');
  });

  it('refuses more than 1 MB by the declared length and while reading an undeclared one', async () => {
    const { body, type } = multipart([{ name: 'tiedosto', filename: 'iso.png', body: new Uint8Array(MAX_CREDENTIAL_BYTES + 10) }]);
    expect(await readVerifyUpload(new Request('http://x/tarkista', { method: 'POST', body, headers: { 'content-type': type } }))).toEqual({ ok: false, problem: 'too_large', status: 413 });
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < body.length; i += 65_536) controller.enqueue(new Uint8Array(body.subarray(i, i + 65_536)));
        controller.close();
      },
    });
    const undeclared = new Request('http://x/tarkista', { method: 'POST', body: stream, headers: { 'content-type': type }, duplex: 'half' } as RequestInit);
    expect(undeclared.headers.get('content-length')).toBeNull();
    expect(await readVerifyUpload(undeclared)).toEqual({ ok: false, problem: 'too_large', status: 413 });
    // Exactly 1 MB of file is still read (and then judged on its contents).
    const edge = multipart([{ name: 'tiedosto', filename: 'raja.jwt', body: new Uint8Array(MAX_CREDENTIAL_BYTES).fill(0x41) }]);
    const read = await readVerifyUpload(new Request('http://x/tarkista', { method: 'POST', body: edge.body, headers: { 'content-type': edge.type } }));
    expect(read.ok).toBe(true);
  });

  it('refuses a body that is not a form, or a broken form', async () => {
    expect(await readVerifyUpload(new Request('http://x/tarkista', { method: 'POST', body: jwt, headers: { 'content-type': 'application/jwt' } }))).toMatchObject({ ok: false, problem: 'bad_request' });
    expect(await readVerifyUpload(new Request('http://x/tarkista', { method: 'POST', body: 'roskaa', headers: { 'content-type': 'multipart/form-data; boundary=x' } }))).toMatchObject({ ok: false, problem: 'bad_request' });
  });
});
