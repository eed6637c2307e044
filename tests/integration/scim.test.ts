/**
 * SCIM 2.0 as Entra ID's provisioning service calls it: the request shapes of
 * Microsoft's documented SCIM validation script (connection test, create,
 * filter by userName and externalId, PATCH with "Replace" and "False"/"True",
 * PUT, DELETE), through the endpoint's real HTTP edge.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { handleScimRequest } from '../../src/lib/server/scim/http';
import { insertIdentityProvider } from '../../src/lib/server/db/identity-providers';
import { issueScimToken } from '../../src/lib/server/oidc/providers';
import { findActiveMembership } from '../../src/lib/server/db/memberships';
import { findUserByEmail, findUserById } from '../../src/lib/server/db/users';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { auditLog, certificate, courseCompletion } from '../../src/lib/server/db/schema';

let t: TestContext;
let org: Org;
let token: string;
const BASE = 'https://oppiminen.example.fi/scim/v2';

async function call(method: string, path: string, body?: unknown, bearer: string | null = token) {
  const headers: Record<string, string> = { 'content-type': 'application/scim+json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const request = new Request(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const id = path.startsWith('/Users/') ? decodeURIComponent(path.slice('/Users/'.length).split('?')[0]!) : undefined;
  const response = await handleScimRequest(t.ctx(), request, id);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
}

const entraUser = (over: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  externalId: '0c5a3f1e-8b7d-4a2c-9f1e-000000000001',
  userName: 'Sanna.Sairaanhoitaja@pohde.fi',
  active: true,
  displayName: 'Sanna Sairaanhoitaja',
  emails: [{ primary: true, type: 'work', value: 'Sanna.Sairaanhoitaja@pohde.fi' }],
  meta: { resourceType: 'User' },
  name: { formatted: 'Sanna Sairaanhoitaja', familyName: 'Sairaanhoitaja', givenName: 'Sanna' },
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Kotihoito' },
  ...over,
});

beforeEach(async () => {
  t?.db.cleanup();
  t = createTestContext();
  org = createOrg(t.db.db);
  const admin = await createUser(t.db.db, { email: 'admin@example.fi', roles: ['admin'], nodeId: org.root });
  const providerId = insertIdentityProvider(t.db.db, { slug: 'pohde', name: 'Pohde', issuer: 'https://login.microsoftonline.com/t/v2.0', clientId: 'c', clientSecretEncrypted: 'v1.x.y.z', scopes: 'openid', domains: ['pohde.fi'], defaultNodeId: org.a, unitClaim: 'department', unitMap: { Kotihoito: org.a1 }, groupClaim: null, managerGroups: {}, enforcesMfa: false, acrValue: null, passwordOff: true, enabled: true }, t.now());
  const issued = issueScimToken(t.ctx(), admin.id, providerId);
  if (!issued.ok) throw new Error('no token');
  token = issued.token;
});

describe('SCIM as Entra ID provisions', () => {
  it('runs the provisioning cycle: test connection, create, find, update, deactivate, reactivate, delete', async () => {
    // "Test connection": a filter for a user that does not exist.
    const probe = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "9c7f0a7e-0000-4000-8000-000000000000"')}`);
    expect(probe).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [] } });
    expect(probe.type).toMatch(/application\/scim\+json/);

    const created = await call('POST', '/Users', entraUser());
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ userName: 'sanna.sairaanhoitaja@pohde.fi', externalId: '0c5a3f1e-8b7d-4a2c-9f1e-000000000001', active: true, meta: { resourceType: 'User' } });
    const person = findUserByEmail(t.db.db, 'sanna.sairaanhoitaja@pohde.fi')!;
    expect(person.name).toBe('Sanna Sairaanhoitaja');
    expect(findActiveMembership(t.db.db, person.id)?.nodeId).toBe(org.a1);

    expect((await call('GET', `/Users?filter=${encodeURIComponent('userName eq "Sanna.Sairaanhoitaja@pohde.fi"')}`)).body.totalResults).toBe(1);
    expect((await call('GET', `/Users?filter=${encodeURIComponent('externalId eq "0c5a3f1e-8b7d-4a2c-9f1e-000000000001"')}`)).body.Resources[0].id).toBe(id);
    expect((await call('GET', `/Users/${id}`)).status).toBe(200);

    // A completion and a session, to see what deactivation keeps and ends.
    t.db.db.insert(courseCompletion).values({ userId: person.id, courseId: 'k', version: '1', round: 1, contentHash: 'h', completedAt: t.now() }).run();
    const session = createSession(t.db.db, { id: person.id, name: person.name, email: person.email, roles: ['learner'] }, { twoFactorVerified: true }, t.config.sessionTimeouts, t.now());

    const renamed = await call('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'displayName', value: 'Sanna Uusinimi' }, { op: 'replace', path: 'name.familyName', value: 'Uusinimi' }, { op: 'Add', path: 'title', value: 'Sairaanhoitaja' }] });
    expect(renamed.status).toBe(200);
    expect(findUserById(t.db.db, person.id)!.name).toBe('Sanna Uusinimi');

    const off = await call('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    expect(findActiveMembership(t.db.db, person.id)).toBeUndefined();
    expect(validateSessionToken(t.db.db, session.token, t.config.sessionTimeouts, t.now())).toBeNull();
    expect(t.db.db.select().from(courseCompletion).where(eq(courseCompletion.userId, person.id)).all()).toHaveLength(1);
    expect(findUserById(t.db.db, person.id)!.erasedAt).toBeNull();

    const on = await call('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'REPLACE', value: { active: 'True' } }] });
    expect(on).toMatchObject({ status: 200, body: { active: true } });
    expect(findActiveMembership(t.db.db, person.id)?.nodeId).toBe(org.a1);

    const replaced = await call('PUT', `/Users/${id}`, entraUser({ displayName: 'Sanna S.', active: true }));
    expect(replaced).toMatchObject({ status: 200, body: { displayName: 'Sanna S.' } });

    expect((await call('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await call('GET', `/Users/${id}`)).status).toBe(404);
    expect(findActiveMembership(t.db.db, person.id)).toBeUndefined();
    expect(findUserById(t.db.db, person.id)).toBeDefined();
    expect(t.db.db.select().from(certificate).all()).toHaveLength(0);

    // Provisioned again (restored in Entra): the same person comes back to the unit.
    const again = await call('POST', '/Users', entraUser());
    expect(again.status).toBe(201);
    expect(findUserByEmail(t.db.db, 'sanna.sairaanhoitaja@pohde.fi')!.id).toBe(person.id);

    const actions = t.db.db.select().from(auditLog).all().map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['scim.created', 'scim.deactivated', 'scim.reactivated', 'scim.deleted']));
  });

  it('links an existing account by its address (the e-mail fallback)', async () => {
    const existing = await createUser(t.db.db, { email: 'aila@pohde.fi', nodeId: org.b });
    const created = await call('POST', '/Users', entraUser({ externalId: 'oid-aila', userName: 'aila@pohde.fi', emails: [{ primary: true, type: 'work', value: 'aila@pohde.fi' }] }));
    expect(created.status).toBe(201);
    expect(findUserByEmail(t.db.db, 'aila@pohde.fi')!.id).toBe(existing.id);
    expect(findActiveMembership(t.db.db, existing.id)?.nodeId).toBe(org.b);
  });

  it('answers an invalid or missing token with 401 and a SCIM error', async () => {
    for (const bearer of [null, 'scim_vaara-tunniste-joka-ei-kelpaa']) {
      const res = await call('GET', '/Users', undefined, bearer);
      expect(res).toMatchObject({ status: 401, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' } });
    }
  });

  it('answers malformed bodies with 400 and a SCIM error', async () => {
    expect(await call('POST', '/Users', '{"userName": ')).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax', status: '400' } });
    expect(await call('POST', '/Users', { schemas: [] })).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    const id = (await call('POST', '/Users', entraUser())).body.id;
    expect(await call('PATCH', `/Users/${id}`, { Operations: [] })).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    expect(await call('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'ehkä' }] })).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await call('GET', `/Users?filter=${encodeURIComponent('displayName co "S"')}`)).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    expect(await call('POST', '/Users', entraUser())).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    expect(await call('GET', '/Users/00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404 });
  });

  it('is rate limited per provider', async () => {
    t = Object.assign(t, { config: { ...t.config, rateLimits: { ...t.config.rateLimits, 'scim.provider': { max: 2, windowMs: 60_000 } } } });
    const original = t.ctx;
    t.ctx = () => ({ ...original(), config: t.config });
    expect((await call('GET', '/Users')).status).toBe(200);
    expect((await call('GET', '/Users')).status).toBe(200);
    expect(await call('GET', '/Users')).toMatchObject({ status: 429, body: { scimType: 'tooMany' } });
  });
});
