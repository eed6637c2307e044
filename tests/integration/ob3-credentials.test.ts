/**
 * Open Badges 3.0 as verifiers read it, for every credential the demo issues
 * (the demo's own flows on a small population, at a clock with milliseconds):
 * valid against 1EdTech's AchievementCredential and Profile JSON Schemas (the
 * committed copies; nothing is fetched), `nbf`/`exp` equal to `validFrom`/
 * `validUntil` to the second, the achievement stating what was learned, and
 * the published keys found by `jose`'s remote JWKS through the real route
 * handlers, after a key rotation and for credentials signed before the
 * change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT, type JWK } from 'jose';
import achievementCredentialSchema from '../fixtures/ob3/ob_v3p0_achievementcredential_schema.json';
import profileSchema from '../fixtures/ob3/ob_v3p0_profile_schema.json';
import { setConfig } from '../../src/lib/server/config';
import { listCertificatesOfUser, type CertificateRow } from '../../src/lib/server/db/certificates';
import { certificate as certificateTable } from '../../src/lib/server/db/schema';
import { findUserById } from '../../src/lib/server/db/users';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { buildCredential, credentialSite, issuerProfile, signCertificateCredential } from '../../src/lib/server/certificates/credential';
import { currentSigningKey, ensureSigningKey, privateKeyOf, rotateSigningKey } from '../../src/lib/server/certificates/keys';
import { revokeCertificateWithReason } from '../../src/lib/server/certificates/revoke';
import { verifyCredentialInput } from '../../src/lib/server/certificates/verify-credential';
import { loadDemoCourses } from '../../src/lib/server/demo/courses';
import { applyState, type DemoState } from '../../src/lib/server/demo/progress';
import { createRandom } from '../../src/lib/server/demo/random';
import { GET as getKeySet } from '../../src/pages/avaimet/index';
import { GET as getKey } from '../../src/pages/avaimet/[kid]';
import { GET as getIssuer } from '../../src/pages/myontaja';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/accounts';

const SITE = 'https://oppiminen.example.fi';
const BUSINESS_ID = '1234567-1';
const STATES: DemoState[] = ['completed', 'expiring', 'expired', 'revoked'];

const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validateCredential = ajv.compile(achievementCredentialSchema);
const validateProfile = ajv.compile(profileSchema);
const schemaErrors = (v: typeof validateCredential) => JSON.stringify(v.errors, null, 1);

let t: TestContext;
let certs: CertificateRow[];
/** What a call to one of our route handlers would answer, as `fetch` does. */
type Handler = (context: never) => Response | Promise<Response>;
// Middleware hands every on-demand route the request context; the test makes it the same way.
const call = (handler: Handler, params: Record<string, string> = {}) => Promise.resolve(handler({ params, locals: { ctx: t.ctx() } } as never));

/** jose's remote key set, reading `/avaimet` through the real route handler instead of the network. */
function remoteKeySet() {
  return createRemoteJWKSet(new URL(`${SITE}/avaimet`), {
    [customFetch]: async (url: string) => {
      expect(url).toBe(`${SITE}/avaimet`);
      return call(getKeySet as Handler);
    },
  });
}

beforeAll(async () => {
  t = createTestContext({ ORG_BUSINESS_ID: BUSINESS_ID });
  setConfig(t.config);
  // A clock with milliseconds: certificates must still state whole seconds.
  t.setTime('2026-11-23T10:00:00.789Z');
  await ensureSigningKey(t.db.db, t.now());
  const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'] });
  const issuer = issuerFromConfig(t.config);
  const courses = loadDemoCourses();
  let n = 0;
  for (const state of STATES) {
    const user = await createUser(t.db.db, { email: `demo-${state}@example.fi`, name: `Demo ${state}` });
    courses.forEach((course) => {
      n += 1;
      const random = createRandom(1000 + n);
      const since = new Date(t.now().getTime() - 6 * 365 * 86_400_000);
      applyState(t.db.db, course, { userId: user.id, issuer }, state, t.now(), since, random);
    });
    if (state === 'revoked') {
      for (const c of listCertificatesOfUser(t.db.db, user.id)) {
        revokeCertificateWithReason(t.ctx(), admin.id, { code: c.code, reason: 'Suoritus kirjautui väärälle henkilölle.' });
      }
    }
  }
  // A certificate stored before whole seconds: milliseconds in both dates.
  const legacy = await createUser(t.db.db, { email: 'vanha@example.fi', name: 'Vanha Todistus' });
  applyState(t.db.db, courses[0]!, { userId: legacy.id, issuer }, 'completed', t.now(), new Date(0), createRandom(7));
  t.db.sqlite.prepare('UPDATE certificate SET issued_at = issued_at + 456, valid_until = valid_until + 987 WHERE user_id = ?').run(legacy.id);
  certs = t.db.db.select().from(certificateTable).all();
}, 120_000);
afterAll(() => t.db.cleanup());

describe('every credential the demo issues', () => {
  it('covers every kind of demo certificate, one with milliseconds stored', () => {
    expect(certs.length).toBeGreaterThanOrEqual(STATES.length * 2 + 1);
    expect(certs.some((c) => c.revokedAt)).toBe(true);
    expect(certs.some((c) => c.validUntil && c.validUntil.getTime() < t.now().getTime())).toBe(true);
    expect(certs.filter((c) => c.issuedAt.getTime() % 1000 !== 0)).toHaveLength(1);
  });

  it('is stored in whole seconds from issuance on', () => {
    const issuedHere = certs.filter((c) => c.holderName !== 'Vanha Todistus');
    for (const c of issuedHere) {
      expect(c.issuedAt.getTime() % 1000, c.code).toBe(0);
      if (c.validUntil) expect(c.validUntil.getTime() % 1000, c.code).toBe(0);
    }
  });

  it("validates against 1EdTech's AchievementCredential schema", () => {
    for (const c of certs) {
      const vc = buildCredential(c, findUserById(t.db.db, c.userId)!.subjectId, credentialSite(t.config));
      expect(validateCredential(vc), `${c.code}: ${schemaErrors(validateCredential)}`).toBe(true);
    }
  });

  it('fails the schema when a required property is missing (the test can fail)', () => {
    const vc = buildCredential(certs[0]!, 'urn:uuid:00000000-0000-4000-8000-000000000000', SITE) as Record<string, unknown>;
    expect(validateCredential({ ...vc, validFrom: undefined })).toBe(false);
    expect(validateCredential({ ...vc, credentialSubject: { ...(vc.credentialSubject as object), achievement: { type: ['Achievement'] } } })).toBe(false);
  });

  it('has nbf = validFrom and exp = validUntil to the second, and iss, sub, jti as OB 3.0 says', async () => {
    for (const c of certs) {
      const jwt = await signCertificateCredential(t.db.db, c, t.config);
      const claims = decodeJwt(jwt) as Record<string, unknown> & { validFrom: string; validUntil?: string; issuer: { id: string }; credentialSubject: { id: string } };
      expect(claims.nbf, c.code).toBe(Date.parse(claims.validFrom) / 1000);
      expect(Number.isInteger(claims.nbf)).toBe(true);
      expect(claims.validFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      if (c.validUntil) {
        expect(claims.exp, c.code).toBe(Date.parse(claims.validUntil!) / 1000);
        expect(claims.validUntil).toMatch(/:\d\dZ$/);
      } else expect(claims.exp).toBeUndefined();
      expect(claims.iss).toBe(claims.issuer.id);
      expect(claims.sub).toBe(claims.credentialSubject.id);
      expect(claims.jti).toBe(claims.id);
      expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    }
  });

  it('verifies with the key jose finds in the published key set, and the verify page agrees on the status', async () => {
    const jwks = remoteKeySet();
    for (const c of certs) {
      const jwt = await signCertificateCredential(t.db.db, c, t.config);
      const { payload } = await jwtVerify(jwt, jwks, { issuer: `${SITE}/myontaja`, currentDate: new Date(Date.parse(String(decodeJwt(jwt).validFrom)) + 1000) });
      expect(payload.jti).toBe(c.credentialId);
      const checked = await verifyCredentialInput(t.db.db, { text: jwt }, SITE, t.now());
      const expected = c.revokedAt ? 'revoked' : c.validUntil && c.validUntil.getTime() <= t.now().getTime() ? 'expired' : 'valid';
      expect(checked.kind, c.code).toBe(expected);
    }
  });
});

describe('what the achievement says', () => {
  it('states hours, outcomes as a Markdown list, version, image, evidence and the extensions context', () => {
    for (const c of certs) {
      const vc = buildCredential(c, 'urn:uuid:00000000-0000-4000-8000-000000000000', credentialSite(t.config));
      const a = vc.credentialSubject.achievement;
      expect(a).not.toHaveProperty('creditsAvailable');
      expect(a.description).toMatch(/Laajuus \d+(,\d)? opintotunti(a)?\.$/);
      expect(a.description).not.toContain('..');
      const lines = a.criteria.narrative.split('\n');
      for (const outcome of c.outcomes) expect(lines).toContain(`- ${outcome}`);
      expect(a.criteria.narrative).not.toContain('..');
      expect(a.version).toBe(c.version);
      expect(a.image).toEqual({ id: `${SITE}/merkit/${c.courseId}.png`, type: 'Image', caption: `Osaamismerkki: ${c.courseTitle}` });
      expect(vc.evidence[0]).toMatchObject({ id: `${SITE}/todistus/${c.code}`, type: ['Evidence'] });
      expect(vc['@context']).toContain('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json');
      expect(vc.credentialStatus.type).toBe('1EdTechRevocationList');
    }
  });

  it('names the issuer with name, url, email and the business ID, the same profile /myontaja serves', async () => {
    const vc = buildCredential(certs[0]!, 'urn:uuid:x', credentialSite(t.config));
    expect(vc.issuer).toEqual({
      id: `${SITE}/myontaja`,
      type: ['Profile'],
      name: 'Testialue',
      url: SITE,
      email: 'tuki@example.fi',
      otherIdentifier: [{ type: 'IdentifierEntry', identifier: BUSINESS_ID, identifierType: 'identifier' }],
    });
    const served = await (await call(getIssuer as Handler)).json();
    expect(validateProfile(served), schemaErrors(validateProfile)).toBe(true);
    const { '@context': context, ...profile } = served;
    expect(context).toContain('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json');
    expect(profile).toEqual(vc.issuer);
    // Without a business ID there is no otherIdentifier, and the profile is still valid.
    const plain = issuerProfile(SITE, 'Testialue', 'tuki@example.fi');
    expect(plain).not.toHaveProperty('otherIdentifier');
    expect(validateProfile(plain)).toBe(true);
  });
});

describe('the published keys', () => {
  it('carry the full key URL as kid, in the set and at the URL itself', async () => {
    const jwt = await signCertificateCredential(t.db.db, certs[0]!, t.config);
    const kid = String(decodeProtectedHeader(jwt).kid);
    expect(kid).toMatch(new RegExp(`^${SITE}/avaimet/[\\w-]{20,}$`));
    const set = (await (await call(getKeySet as Handler)).json()) as { keys: JWK[] };
    expect(set.keys.map((k) => k.kid)).toContain(kid);
    for (const key of set.keys) {
      expect(key.kid).toMatch(new RegExp(`^${SITE}/avaimet/`));
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    }
    const one = await call(getKey as Handler, { kid: kid.split('/').at(-1)! });
    expect(one.headers.get('content-type')).toBe('application/jwk+json');
    expect(((await one.json()) as JWK).kid).toBe(kid);
  });

  it('keep verifying after keys:rotate, and so do credentials signed before the kid change', async () => {
    const c = certs.find((x) => !x.revokedAt && x.validUntil && x.validUntil > t.now())!;
    const key = currentSigningKey(t.db.db)!;
    // As the previous release signed: the URL kid in the header, the key stored (and then published) under its bare thumbprint.
    expect((key.publicJwk as JWK).kid).toBe(key.kid);
    const old = await new SignJWT({ ...buildCredential(c, 'urn:uuid:vanha', SITE), validFrom: c.issuedAt.toISOString() })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: `${SITE}/avaimet/${key.kid}` })
      .setIssuer(`${SITE}/myontaja`)
      .setSubject('urn:uuid:vanha')
      .setNotBefore(Math.floor(c.issuedAt.getTime() / 1000))
      .sign(await privateKeyOf(key));
    const before = await signCertificateCredential(t.db.db, c, t.config);
    await rotateSigningKey(t.db.db, t.now());
    const after = await signCertificateCredential(t.db.db, c, t.config);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    const jwks = remoteKeySet();
    for (const jwt of [old, before, after]) await expect(jwtVerify(jwt, jwks, { issuer: `${SITE}/myontaja` })).resolves.toBeTruthy();
    // And each kid URL dereferences to the one key that verifies it.
    for (const jwt of [before, after]) {
      const kid = String(decodeProtectedHeader(jwt).kid);
      const jwk = (await (await call(getKey as Handler, { kid: kid.split('/').at(-1)! })).json()) as JWK;
      expect(jwk.kid).toBe(kid);
      await expect(jwtVerify(jwt, createRemoteJWKSet(new URL(kid), { [customFetch]: async () => new Response(JSON.stringify({ keys: [jwk] })) }))).resolves.toBeTruthy();
    }
    const set = (await (await call(getKeySet as Handler)).json()) as { keys: JWK[] };
    expect(set.keys).toHaveLength(2);
  });
});
