import { SCIM_CODES, scimErrorOf, type ProblemCode } from '@/lib/gateway/errors';
import { MAX_PAGE } from '@/lib/gateway/scim/paging';

// SCIM's part of the OpenAPI document (SPEC §18, RFC 7643/7644), merged into it by openapi.ts. Its
// resources are SCIM's own (described loosely: clients send more than the gateway keeps); its
// refusals are RFC 7644 §3.12 errors, not problems: `x-codes` still names the table's codes.

const SCIM = 'application/scim+json';
const header = (description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ description, schema });
const noStore = { 'Cache-Control': header('Never cached.', { const: 'no-store' }) };
const scimJson = (schema: Record<string, unknown>) => ({ content: { [SCIM]: { schema } } });

const ScimError = {
  type: 'object',
  required: ['schemas', 'status', 'detail'],
  properties: {
    schemas: { type: 'array', items: { const: 'urn:ietf:params:scim:api:messages:2.0:Error' } },
    status: { type: 'string', description: 'The HTTP status, as a string (RFC 7644 §3.12).' },
    scimType: { type: 'string', enum: [...new Set(SCIM_CODES.map((c) => scimErrorOf(c)!.scimType).filter((t): t is string => t !== null))] },
    detail: { type: 'string' },
  },
  additionalProperties: false,
};
const scimError = (description: string, codes: ProblemCode[]) => ({ description, 'x-codes': codes, headers: noStore, ...scimJson(ScimError) });

const meta = { type: 'object', properties: { resourceType: { type: 'string' }, created: { type: 'string', format: 'date-time' }, lastModified: { type: 'string', format: 'date-time' }, location: { type: 'string', format: 'uri' }, version: { type: 'string' } } };
const User = {
  type: 'object',
  required: ['schemas', 'id', 'userName', 'active', 'meta'],
  properties: {
    schemas: { type: 'array', items: { type: 'string' } },
    id: { type: 'string', description: 'This org’s id for the person (`scu_…`), never the gateway’s user id.', example: 'scu_3mQv0k9sS2xYb7Tn1cLw8eRz' },
    externalId: { type: 'string' },
    userName: { type: 'string', description: 'The person’s email, at the org’s verified domain.', example: 'ann@acme.test' },
    name: { type: 'object', properties: { givenName: { type: 'string' }, familyName: { type: 'string' }, formatted: { type: 'string' } } },
    displayName: { type: 'string' },
    emails: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, type: { type: 'string' }, primary: { type: 'boolean' } } } },
    active: { type: 'boolean', description: 'false: the membership is suspended.' },
    meta,
  },
};
const UserInput = {
  type: 'object',
  required: ['userName'],
  description: 'A SCIM User (RFC 7643 §4.1). `active` may also be "True"/"False"; attributes the gateway keeps nowhere (emails, enterprise extension, …) are accepted and ignored.',
  properties: { schemas: User.properties.schemas, userName: User.properties.userName, externalId: { type: 'string' }, name: User.properties.name, displayName: { type: 'string' }, active: { type: ['boolean', 'string'] } },
  additionalProperties: true,
};
const Member = { type: 'object', required: ['value'], properties: { value: { type: 'string', description: 'A SCIM user id of this org.' }, display: { type: 'string' }, $ref: { type: 'string', format: 'uri' } } };
const Group = {
  type: 'object',
  required: ['schemas', 'id', 'displayName', 'meta'],
  properties: {
    schemas: { type: 'array', items: { type: 'string' } },
    id: { type: 'string', example: 'grp_Qm3v0k9sS2xYb7Tn1cLw8eRzAb' },
    externalId: { type: 'string' },
    displayName: { type: 'string', example: 'Engineering' },
    members: { type: 'array', items: Member, description: 'Left out with `excludedAttributes=members`.' },
    meta,
  },
};
const GroupInput = {
  type: 'object',
  required: ['displayName'],
  description: 'A SCIM Group (RFC 7643 §4.2); its members must be members of the org.',
  properties: { schemas: Group.properties.schemas, displayName: Group.properties.displayName, externalId: { type: 'string' }, members: { type: 'array', items: Member } },
  additionalProperties: true,
};
const PatchOp = {
  type: 'object',
  required: ['Operations'],
  description: 'RFC 7644 §3.5.2: applied all or nothing. `op` in any case; `path` optional (then `value` is an object of attributes); `members[value eq "…"]` removes one member.',
  properties: {
    schemas: { type: 'array', items: { const: 'urn:ietf:params:scim:api:messages:2.0:PatchOp' } },
    Operations: { type: 'array', minItems: 1, items: { type: 'object', required: ['op'], properties: { op: { type: 'string', example: 'replace' }, path: { type: 'string', example: 'active' }, value: {} } } },
  },
  additionalProperties: true,
};
const listOf = (resource: Record<string, unknown>) => ({
  type: 'object',
  required: ['schemas', 'totalResults', 'startIndex', 'itemsPerPage', 'Resources'],
  properties: {
    schemas: { type: 'array', items: { const: 'urn:ietf:params:scim:api:messages:2.0:ListResponse' } },
    totalResults: { type: 'integer', minimum: 0 },
    startIndex: { type: 'integer', minimum: 1 },
    itemsPerPage: { type: 'integer', minimum: 0 },
    Resources: { type: 'array', items: resource },
  },
});

const orgId = { name: 'orgId', in: 'path', required: true, schema: { type: 'string' }, example: 'org_acme', description: 'The token’s own org: any other is 403.' };
const id = (example: string) => ({ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example });
const paging = [
  { name: 'startIndex', in: 'query', required: false, schema: { type: 'integer', default: 1 }, description: '1-based; below 1 reads as 1.' },
  { name: 'count', in: 'query', required: false, schema: { type: 'integer', minimum: 0, maximum: MAX_PAGE, default: MAX_PAGE }, description: `At most ${MAX_PAGE}; more reads as ${MAX_PAGE}.` },
];
const filter = (attributes: string) => ({ name: 'filter', in: 'query', required: false, schema: { type: 'string' }, example: `${attributes.split(', ')[0]} eq "ann@acme.test"`, description: `One comparison: ${attributes} \`eq "…"\`.` });

const security = [{ managementToken: ['scim'] }];
const common = {
  '401': { ...scimError('No token, or a bad, expired or revoked one.', ['scim_unauthorized']), headers: { ...noStore, 'WWW-Authenticate': header('RFC 6750.', { const: 'Bearer realm="SCIM"' }) } },
  '403': scimError('Not a service-account token of this org with the scope scim (another org’s, a person’s API token, one without the scope).', ['scim_forbidden']),
  '503': scimError('The database is not answering.', ['scim_unavailable']),
};
const bodyErrors = {
  '400': scimError('Not JSON, not a resource or PatchOp (`invalidSyntax`), a bad value — a userName outside the verified domain, a member outside the org (`invalidValue`) —, an attribute it has not (`invalidPath`), a remove without a path (`noTarget`), or a userName of an account the org did not create (`mutability`).', [
    'scim_invalid_syntax',
    'scim_invalid_value',
    'scim_invalid_path',
    'scim_no_target',
    'scim_mutability',
  ]),
  '413': scimError('Body over 1 MiB.', ['scim_payload_too_large']),
};
const conflict = { '409': scimError('The org already has a user with this userName, or a SCIM group with this displayName (`uniqueness`).', ['scim_uniqueness']) };
const notFound = { '404': scimError('No such user or group in this org’s directory.', ['scim_not_found']) };
const ok = (description: string, schema: Record<string, unknown>, status = '200') => ({ [status]: { description, headers: noStore, ...scimJson(schema) } });
const request = (schema: Record<string, unknown>) => ({ required: true, content: { [SCIM]: { schema }, 'application/json': { schema } } });

function discovery(path: string, operationId: string, summary: string) {
  return { [path]: { get: { operationId, summary, security, parameters: [orgId], responses: { ...ok('The document.', { type: 'object' }), ...common } } } };
}

/** The SCIM paths, per org under /scim/v2/orgs/{orgId}. */
export function scimPaths() {
  const base = '/scim/v2/orgs/{orgId}';
  const resource = (name: 'User' | 'Group', schema: Record<string, unknown>, input: Record<string, unknown>, example: string) => ({
    get: { operationId: `getScim${name}`, summary: `One SCIM ${name.toLowerCase()}`, security, parameters: [orgId, id(example)], responses: { ...ok(`The ${name.toLowerCase()}.`, schema), ...notFound, ...common } },
    put: {
      operationId: `replaceScim${name}`,
      summary: `Replace a SCIM ${name.toLowerCase()}`,
     
      security,
      parameters: [orgId, id(example)],
      requestBody: request(input),
      responses: { ...ok(`The ${name.toLowerCase()} as it is now.`, schema), ...bodyErrors, ...notFound, ...conflict, ...common },
    },
    patch: {
      operationId: `patchScim${name}`,
      summary: `Change a SCIM ${name.toLowerCase()} with PatchOp operations, all or nothing`,
     
      security,
      parameters: [orgId, id(example)],
      requestBody: request(PatchOp),
      responses: { ...ok(`The ${name.toLowerCase()} as it is now.`, schema), ...bodyErrors, ...notFound, ...conflict, ...common },
    },
    delete: { operationId: `deleteScim${name}`, summary: name === 'User' ? 'Deprovision: the person leaves the org (the account stays)' : 'Delete a SCIM group', security, parameters: [orgId, id(example)], responses: { '204': { description: 'Done.' }, ...notFound, ...common } },
  });
  const collection = (name: 'User' | 'Group', schema: Record<string, unknown>, input: Record<string, unknown>, attributes: string, summary: string) => ({
    get: {
      operationId: `listScim${name}s`,
      summary,
     
      security,
      parameters: [orgId, filter(attributes), ...paging],
      responses: { ...ok('A ListResponse (empty when nothing matches).', listOf(schema)), '400': scimError('An unsupported filter (`invalidFilter`), or startIndex/count not integers (`invalidValue`).', ['scim_invalid_filter', 'scim_invalid_value']), ...common },
    },
    post: {
      operationId: `createScim${name}`,
      summary: name === 'User' ? 'Provision a person at the org’s verified domain: a new account (no password), or an existing one claimed' : 'Create a SCIM group',
     
      security,
      parameters: [orgId],
      requestBody: request(input),
      responses: { ...ok('Created; `Location` names it.', schema, '201'), ...bodyErrors, ...conflict, ...common },
    },
  });
  return {
    ...discovery(`${base}/ServiceProviderConfig`, 'getScimServiceProviderConfig', 'What this SCIM server supports (RFC 7644 §4)'),
    ...discovery(`${base}/ResourceTypes`, 'getScimResourceTypes', 'The User and Group resource types'),
    ...discovery(`${base}/Schemas`, 'getScimSchemas', 'The User and Group schemas as this server keeps them'),
    [`${base}/Users`]: collection('User', User, UserInput, 'userName, displayName, externalId', 'The org’s SCIM users, filtered and paged'),
    [`${base}/Users/{id}`]: resource('User', User, UserInput, 'scu_3mQv0k9sS2xYb7Tn1cLw8eRz'),
    [`${base}/Groups`]: collection('Group', Group, GroupInput, 'displayName, externalId', 'The org’s SCIM groups, filtered and paged'),
    [`${base}/Groups/{id}`]: resource('Group', Group, GroupInput, 'grp_Qm3v0k9sS2xYb7Tn1cLw8eRzAb'),
  };
}
