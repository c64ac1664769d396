import { GROUP_SCHEMA, USER_SCHEMA } from './scim-values';
import { MAX_PAGE } from './paging';

// What this SCIM service provider supports (RFC 7643 §5–§7, RFC 7644 §4), for clients that read it.

const meta = (base: string, resourceType: string, path: string) => ({ resourceType, location: `${base}/${path}` });

export function serviceProviderConfig(base: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Service-account token',
        description: 'Authorization: Bearer agw_sa_… — a service-account token of this organization with the scope scim.',
        primary: true,
      },
    ],
    meta: meta(base, 'ServiceProviderConfig', 'ServiceProviderConfig'),
  };
}

const resourceType = (base: string, id: 'User' | 'Group', endpoint: string, schema: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
  id,
  name: id,
  endpoint,
  description: id === 'User' ? 'A person of the organization' : 'A group of the organization’s members',
  schema,
  ...(id === 'User' ? { schemaExtensions: [] } : {}),
  meta: meta(base, 'ResourceType', `ResourceTypes/${id}`),
});

export const resourceTypes = (base: string) => [resourceType(base, 'User', '/Users', USER_SCHEMA), resourceType(base, 'Group', '/Groups', GROUP_SCHEMA)];

type Attribute = { name: string; type: string; multiValued?: boolean; required?: boolean; mutability?: string; uniqueness?: string; caseExact?: boolean; returned?: string; subAttributes?: Attribute[]; description?: string };

const attr = (name: string, type: string, more: Partial<Attribute> = {}): Attribute => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...more,
});

const USER_ATTRIBUTES: Attribute[] = [
  attr('userName', 'string', { required: true, uniqueness: 'server', description: 'The person’s email, at a domain verified for the organization; changeable only for accounts the organization created.' }),
  attr('name', 'complex', { subAttributes: [attr('givenName', 'string'), attr('familyName', 'string'), attr('formatted', 'string', { mutability: 'readOnly' })] }),
  attr('displayName', 'string'),
  attr('emails', 'complex', { multiValued: true, mutability: 'readOnly', description: 'The account’s email (its userName).', subAttributes: [attr('value', 'string'), attr('type', 'string'), attr('primary', 'boolean')] }),
  attr('active', 'boolean', { description: 'false suspends the membership; true restores its role and groups.' }),
  attr('externalId', 'string', { caseExact: true }),
];

const GROUP_ATTRIBUTES: Attribute[] = [
  attr('displayName', 'string', { required: true, uniqueness: 'server' }),
  attr('members', 'complex', {
    multiValued: true,
    description: 'Members of the organization, by their SCIM user id.',
    subAttributes: [attr('value', 'string', { mutability: 'immutable', caseExact: true }), attr('display', 'string', { mutability: 'readOnly' }), attr('$ref', 'reference', { mutability: 'immutable' })],
  }),
  attr('externalId', 'string', { caseExact: true }),
];

const schema = (base: string, id: string, name: string, attributes: Attribute[]) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
  id,
  name,
  attributes,
  meta: meta(base, 'Schema', `Schemas/${id}`),
});

export const schemas = (base: string) => [schema(base, USER_SCHEMA, 'User', USER_ATTRIBUTES), schema(base, GROUP_SCHEMA, 'Group', GROUP_ATTRIBUTES)];

