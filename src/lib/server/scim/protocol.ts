/**
 * SCIM 2.0 shapes (RFC 7643/7644) for the subset Entra ID's provisioning
 * uses, pure: error bodies, the User resource, filters (`userName eq` and
 * `externalId eq`), and PATCH operations with Entra's known deviations
 * (`"op": "Replace"` in any case, `"True"`/`"False"` as strings).
 */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type ScimType = 'invalidFilter' | 'invalidSyntax' | 'invalidValue' | 'uniqueness' | 'mutability' | 'noTarget' | 'tooMany';

export interface ScimReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A SCIM error body with its status. */
export function scimError(status: number, detail: string, scimType?: ScimType): ScimReply {
  return { status, body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail } };
}

/** The attributes we keep of a SCIM user; undefined means "not given". */
export interface UserAttributes {
  userName?: string;
  externalId?: string | null;
  active?: boolean;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  department?: string;
}

/** `true`, `false`, `"True"`, `"false"`…; undefined for anything else. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

function workEmail(emails: unknown): string | undefined {
  if (!Array.isArray(emails)) return undefined;
  const list = emails.filter((e): e is { value?: unknown; type?: unknown; primary?: unknown } => typeof e === 'object' && e !== null);
  const chosen = list.find((e) => parseBoolean(e.primary) === true) ?? list.find((e) => e.type === 'work') ?? list[0];
  return str(chosen?.value);
}

/** Reads a full User resource (POST, PUT). */
export function readUserResource(body: unknown): { ok: true; attributes: UserAttributes } | { ok: false; reply: ScimReply } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reply: scimError(400, 'The body must be a SCIM User resource.', 'invalidSyntax') };
  const b = body as Record<string, unknown>;
  const userName = str(b.userName);
  if (!userName) return { ok: false, reply: scimError(400, 'userName is required.', 'invalidValue') };
  let active: boolean | undefined = true;
  if (b.active !== undefined) {
    active = parseBoolean(b.active);
    if (active === undefined) return { ok: false, reply: scimError(400, 'active must be a boolean.', 'invalidValue') };
  }
  const name = typeof b.name === 'object' && b.name !== null ? (b.name as Record<string, unknown>) : {};
  const enterprise = typeof b[ENTERPRISE_SCHEMA] === 'object' && b[ENTERPRISE_SCHEMA] !== null ? (b[ENTERPRISE_SCHEMA] as Record<string, unknown>) : {};
  return {
    ok: true,
    attributes: {
      userName,
      externalId: str(b.externalId) ?? null,
      active,
      displayName: str(b.displayName) ?? str(name.formatted),
      givenName: str(name.givenName),
      familyName: str(name.familyName),
      email: workEmail(b.emails) ?? (userName.includes('@') ? userName : undefined),
      department: str(enterprise.department),
    },
  };
}

/** Applies one attribute path and value to the change set; false for a value of the wrong type. */
function applyPath(changes: UserAttributes, path: string, value: unknown): boolean {
  const p = path.trim();
  const lower = p.toLowerCase();
  if (lower === 'active') {
    const b = parseBoolean(value);
    if (b === undefined) return false;
    changes.active = b;
  } else if (lower === 'username') changes.userName = str(value);
  else if (lower === 'externalid') changes.externalId = str(value) ?? null;
  else if (lower === 'displayname') changes.displayName = str(value);
  else if (lower === 'name.givenname') changes.givenName = str(value);
  else if (lower === 'name.familyname') changes.familyName = str(value);
  else if (lower === 'name.formatted') changes.displayName = str(value);
  else if (lower === 'name' && typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) applyPath(changes, `name.${k}`, v);
  } else if (/^emails(\[type eq "work"\])?(\.value)?$/i.test(p)) changes.email = Array.isArray(value) ? workEmail(value) : str(value);
  else if (lower === `${ENTERPRISE_SCHEMA}:department`.toLowerCase()) changes.department = str(value);
  // Every other attribute Entra sends (title, phone numbers, manager, …) is not kept here.
  return true;
}

/** Reads a PatchOp body into the changes it makes. */
export function readPatch(body: unknown): { ok: true; changes: UserAttributes } | { ok: false; reply: ScimReply } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(b.schemas) || !b.schemas.includes(PATCH_SCHEMA) || !Array.isArray(b.Operations)) return { ok: false, reply: scimError(400, 'The body must be a PatchOp with Operations.', 'invalidSyntax') };
  const changes: UserAttributes = {};
  for (const raw of b.Operations) {
    const op = typeof raw === 'object' && raw !== null ? (raw as { op?: unknown; path?: unknown; value?: unknown }) : {};
    const kind = typeof op.op === 'string' ? op.op.toLowerCase() : '';
    if (!['add', 'replace', 'remove'].includes(kind)) return { ok: false, reply: scimError(400, `Unsupported op "${String(op.op)}".`, 'invalidSyntax') };
    if (kind === 'remove') {
      // Removing an attribute we do not keep changes nothing; removing the id or userName is not allowed.
      if (typeof op.path === 'string' && /^(username|active)$/i.test(op.path)) return { ok: false, reply: scimError(400, `${op.path} cannot be removed.`, 'mutability') };
      continue;
    }
    if (typeof op.path === 'string' && op.path) {
      if (!applyPath(changes, op.path, op.value)) return { ok: false, reply: scimError(400, `Invalid value for ${op.path}.`, 'invalidValue') };
    } else if (typeof op.value === 'object' && op.value !== null && !Array.isArray(op.value)) {
      for (const [k, v] of Object.entries(op.value)) if (!applyPath(changes, k, v)) return { ok: false, reply: scimError(400, `Invalid value for ${k}.`, 'invalidValue') };
    } else return { ok: false, reply: scimError(400, 'An operation without a path needs an object value.', 'invalidSyntax') };
  }
  return { ok: true, changes };
}

/** `userName eq "x"` or `externalId eq "x"`; null for no filter, an error for anything else. */
export function parseFilter(filter: string | null): { ok: true; filter: { attribute: 'userName' | 'externalId'; value: string } | null } | { ok: false; reply: ScimReply } {
  if (filter === null || filter.trim() === '') return { ok: true, filter: null };
  const m = /^\s*(userName|externalId)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!m) return { ok: false, reply: scimError(400, 'Only filters of the form userName eq "…" or externalId eq "…" are supported.', 'invalidFilter') };
  return { ok: true, filter: { attribute: m[1]!.toLowerCase() === 'username' ? 'userName' : 'externalId', value: m[2]!.replace(/\\(.)/g, '$1') } };
}

/** The display name from SCIM's name parts. */
export function nameFrom(attributes: UserAttributes): string | undefined {
  if (attributes.displayName) return attributes.displayName.slice(0, 150);
  const parts = [attributes.givenName, attributes.familyName].filter(Boolean);
  return parts.length ? parts.join(' ').slice(0, 150) : undefined;
}
