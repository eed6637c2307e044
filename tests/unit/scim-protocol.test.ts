import { describe, expect, it } from 'vitest';
import { parseBoolean, parseFilter, readPatch, readUserResource } from '../../src/lib/server/scim/protocol';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('SCIM input as Entra ID sends it', () => {
  it('takes booleans and Entra\'s "True"/"False" strings', () => {
    expect(parseBoolean(true)).toBe(true);
    expect(parseBoolean('False')).toBe(false);
    expect(parseBoolean('TRUE')).toBe(true);
    expect(parseBoolean('yes')).toBeUndefined();
    expect(parseBoolean(0)).toBeUndefined();
  });

  it('reads PATCH ops in any letter case, with a path or a value object', () => {
    expect(readPatch({ schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })).toEqual({ ok: true, changes: { active: false } });
    expect(readPatch({ schemas: [PATCH], Operations: [{ op: 'replace', value: { active: true, displayName: 'A B' } }] })).toEqual({ ok: true, changes: { active: true, displayName: 'A B' } });
    expect(readPatch({ schemas: [PATCH], Operations: [{ op: 'Add', path: 'emails[type eq "work"].value', value: 'a@b.fi' }] })).toEqual({ ok: true, changes: { email: 'a@b.fi' } });
    expect(readPatch({ schemas: [PATCH], Operations: [{ op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '1' }] })).toEqual({ ok: true, changes: {} });
  });

  it('refuses malformed PATCH bodies with the SCIM error type', () => {
    expect(readPatch({ Operations: [] })).toMatchObject({ ok: false, reply: { status: 400, body: { scimType: 'invalidSyntax' } } });
    expect(readPatch({ schemas: [PATCH], Operations: [{ op: 'Move', path: 'active', value: true }] })).toMatchObject({ ok: false, reply: { body: { scimType: 'invalidSyntax' } } });
    expect(readPatch({ schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'ehkä' }] })).toMatchObject({ ok: false, reply: { body: { scimType: 'invalidValue' } } });
    expect(readPatch({ schemas: [PATCH], Operations: [{ op: 'Remove', path: 'userName' }] })).toMatchObject({ ok: false, reply: { body: { scimType: 'mutability' } } });
  });

  it('parses the two filters Entra uses and refuses others', () => {
    expect(parseFilter('userName eq "a@b.fi"')).toEqual({ ok: true, filter: { attribute: 'userName', value: 'a@b.fi' } });
    expect(parseFilter('externalId eq "x\\"y"')).toEqual({ ok: true, filter: { attribute: 'externalId', value: 'x"y' } });
    expect(parseFilter(null)).toEqual({ ok: true, filter: null });
    expect(parseFilter('userName sw "a"')).toMatchObject({ ok: false, reply: { status: 400, body: { scimType: 'invalidFilter' } } });
  });

  it('reads a created user, taking the primary work e-mail and the department', () => {
    const read = readUserResource({ userName: 'A@b.fi', active: 'True', emails: [{ value: 'x@b.fi', type: 'other' }, { value: 'a@b.fi', type: 'work', primary: 'true' }], name: { givenName: 'A', familyName: 'B' }, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Kotihoito' } });
    expect(read).toMatchObject({ ok: true, attributes: { userName: 'A@b.fi', active: true, email: 'a@b.fi', givenName: 'A', familyName: 'B', department: 'Kotihoito' } });
    expect(readUserResource({ active: true })).toMatchObject({ ok: false, reply: { status: 400 } });
  });
});
