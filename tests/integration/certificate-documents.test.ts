/**
 * What a certificate says in its machine forms: the verification data and
 * the signed Open Badges 3.0 credential (the PDF has its own test).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, SignJWT, generateKeyPair, type JWK } from 'jose';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/client';
import { createBackup } from '../../src/lib/server/backup';
import { listCertificatesOfUser, findCertificateByCode, listRevokedCertificates, type CertificateRow } from '../../src/lib/server/db/certificates';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { viewCertificate, certificateJson } from '../../src/lib/server/certificates/view';
import { buildCredential, issuerProfile, OB3_CONTEXTS, revocationList, signCredential } from '../../src/lib/server/certificates/credential';
import { ensureSigningKey, findSigningKey, listPublicKeys, rotateSigningKey } from '../../src/lib/server/certificates/keys';
import { revokeCertificateWithReason } from '../../src/lib/server/certificates/revoke';
import { findUserById } from '../../src/lib/server/db/users';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';

const fixture = loadFixtureCourse();
const SITE = 'https://oppiminen.example.fi';
let t: TestContext;
let cert: CertificateRow;
let subjectId: string;

beforeEach(async () => {
  t = createTestContext();
  await ensureSigningKey(t.db.db, t.now());
  const user = await createUser(t.db.db, { email: 'oppija@example.fi', name: 'Åke Ääpelä-Öström' });
  const learner = { userId: user.id, issuer: issuerFromConfig(t.config) };
  completeLessons(t.db.db, fixture, learner, t.now());
  passFinal(t.db.db, fixture, learner, 'n1', t.now());
  cert = listCertificatesOfUser(t.db.db, user.id)[0]!;
  subjectId = findUserById(t.db.db, user.id)!.subjectId;
});
afterEach(() => t.db.cleanup());

/** Verifies a VC-JWT the way a relying party does: fetch the key its `kid` names. */
async function verifyWithPublishedKey(db: typeof t.db.db, jwt: string) {
  const { kid } = decodeProtectedHeader(jwt);
  const published = findSigningKey(db, String(kid).split('/').at(-1)!);
  if (!published) throw new Error('key not published');
  return jwtVerify(jwt, await importJWK(published.publicJwk as JWK, 'RS256'), { issuer: `${SITE}/myontaja` });
}

describe('the verification data', () => {
  it('states every printed fact and the status', () => {
    const json = certificateJson(viewCertificate(cert, SITE, t.now()));
    expect(json).toMatchObject({
      code: cert.code,
      status: 'voimassa',
      holderName: 'Åke Ääpelä-Öström',
      course: { id: 'testikurssi', title: 'Testikurssi', version: '1.0', contentHash: 'hash-1.0', creditHours: 0.5 },
      issuer: { name: 'Testialue', email: 'tuki@example.fi' },
      verificationUrl: `${SITE}/todistus/${cert.code}`,
      revoked: null,
    });
    expect(json.course.outcomes).toHaveLength(2);
    expect(json.validUntil).toBe(cert.validUntil!.toISOString());
  });
});

describe('the Open Badges 3.0 credential', () => {
  it('has every property the specification requires and no email in clear', () => {
    const vc = buildCredential(cert, subjectId, SITE);
    expect(vc['@context']).toEqual([...OB3_CONTEXTS]);
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json']);
    expect(vc.id).toMatch(/^urn:uuid:/);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.name).toBeTruthy();
    expect(vc.issuer).toMatchObject({ id: `${SITE}/myontaja`, type: ['Profile'], name: 'Testialue' });
    expect(vc.validFrom).toBe('2026-11-23T10:00:00Z');
    expect(vc.validUntil).toBe('2029-11-23T10:00:00Z');
    const subject = vc.credentialSubject;
    expect(subject.id).toBe(subjectId);
    expect(subject.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(subject.type).toEqual(['AchievementSubject']);
    expect(subject.identifier).toEqual([{ type: 'IdentityObject', identityHash: cert.identityHash, identityType: 'emailAddress', hashed: true, salt: cert.identitySalt }]);
    expect(subject.achievement).toMatchObject({ type: ['Achievement'], name: 'Testikurssi', version: '1.0' });
    expect(subject.achievement).not.toHaveProperty('creditsAvailable');
    expect(subject.achievement.id).toMatch(/^https:\/\//);
    expect(subject.achievement.description.length).toBeGreaterThan(10);
    expect(vc.credentialStatus).toEqual({ id: `${SITE}/peruutuslista`, type: '1EdTechRevocationList' });
    expect(JSON.stringify(vc)).not.toContain('oppija@example.fi');
    expect(issuerProfile(SITE, 'Testialue', 'tuki@example.fi')).toMatchObject({ id: `${SITE}/myontaja`, type: ['Profile'] });
  });

  it('is signed RS256 with a kid URL, verifies with the published key, and carries the VC-JWT claims', async () => {
    const jwt = await signCredential(t.db.db, cert, subjectId, SITE);
    const header = decodeProtectedHeader(jwt);
    expect(header.alg).toBe('RS256');
    expect(header.kid).toMatch(new RegExp(`^${SITE}/avaimet/[\\w-]{20,}$`));
    const { payload } = await verifyWithPublishedKey(t.db.db, jwt);
    expect(payload).toMatchObject({ iss: `${SITE}/myontaja`, jti: cert.credentialId, sub: subjectId, nbf: Math.floor(cert.issuedAt.getTime() / 1000), exp: Math.floor(cert.validUntil!.getTime() / 1000) });
    expect(payload.credentialSubject).toBeDefined();
    // The published key set holds the public half only.
    for (const key of listPublicKeys(t.db.db)) expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('stops verifying when anything in it is changed', async () => {
    const jwt = await signCredential(t.db.db, cert, subjectId, SITE);
    const [head, body, sig] = jwt.split('.');
    const claims = decodeJwt(jwt) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, name: 'Väärennetty' })).toString('base64url');
    await expect(verifyWithPublishedKey(t.db.db, `${head}.${forged}.${sig}`)).rejects.toThrow();
    const flipped = `${sig!.slice(0, 10)}${sig![10] === 'A' ? 'B' : 'A'}${sig!.slice(11)}`;
    await expect(verifyWithPublishedKey(t.db.db, `${head}.${body}.${flipped}`)).rejects.toThrow();
    // Signed by someone else under our kid.
    const { privateKey } = await generateKeyPair('RS256');
    const impostor = await new SignJWT(claims).setProtectedHeader(decodeProtectedHeader(jwt) as { alg: string }).sign(privateKey);
    await expect(verifyWithPublishedKey(t.db.db, impostor)).rejects.toThrow();
  });

  it('keeps verifying after the signing key is rotated', async () => {
    const before = await signCredential(t.db.db, cert, subjectId, SITE);
    await rotateSigningKey(t.db.db, t.now());
    const after = await signCredential(t.db.db, cert, subjectId, SITE);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    await expect(verifyWithPublishedKey(t.db.db, before)).resolves.toBeTruthy();
    await expect(verifyWithPublishedKey(t.db.db, after)).resolves.toBeTruthy();
    expect(listPublicKeys(t.db.db)).toHaveLength(2);
  });

  it('issued before a backup verifies on a server restored from it', async () => {
    const jwt = await signCredential(t.db.db, cert, subjectId, SITE);
    const backup = await createBackup(t.db.sqlite, path.join(t.db.dir, 'backups'), t.now());
    const restoredFile = path.join(t.db.dir, 'restored.db');
    fs.copyFileSync(backup, restoredFile);
    const restored = openDatabase(restoredFile);
    try {
      await ensureSigningKey(restored.db, t.now());
      await expect(verifyWithPublishedKey(restored.db, jwt)).resolves.toBeTruthy();
      expect(findCertificateByCode(restored.db, cert.code)?.credentialId).toBe(cert.credentialId);
      // The restored server signs with the same key.
      expect(decodeProtectedHeader(await signCredential(restored.db, cert, subjectId, SITE)).kid).toBe(decodeProtectedHeader(jwt).kid);
    } finally {
      closeDatabase(restored);
    }
  });

  it('appears on the revocation list once revoked, with the reason', async () => {
    const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'] });
    expect(revocationList(SITE, listRevokedCertificates(t.db.db)).revokedCredentials).toEqual([]);
    revokeCertificateWithReason(t.ctx(), admin.id, { code: cert.code, reason: 'Suoritus hylätty' });
    expect(revocationList(SITE, listRevokedCertificates(t.db.db))).toEqual({
      id: `${SITE}/peruutuslista`,
      type: '1EdTechRevocationList',
      issuer: `${SITE}/myontaja`,
      revokedCredentials: [{ id: cert.credentialId, revoked: true, revocationReason: 'Suoritus hylätty' }],
    });
  });
});
