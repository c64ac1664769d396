import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openApiDocument, MINT_STATUSES } from '@/lib/platform/http/openapi';
import { ARTIFACT_PROXY_CODES, MANAGEMENT_CODES, SCIM_CODES, TOKEN_ENDPOINT_CODES } from '@/lib/gateway/errors';
import { ERRORS, type ProblemCode } from '@/lib/platform/http/problem';
import { errorCodesOf, labelOf, operationsOf, schemaView, securitySchemesOf, sharedBodiesOf, type OpenApiDoc } from './openapi-view';
import { decodeJwtForDisplay, mintCurl, mintRequestBody, numericDate, shellQuote } from './try-mint';

const doc = JSON.parse(JSON.stringify(openApiDocument())) as OpenApiDoc;
const mint = () => operationsOf(doc).find((op) => op.id === 'mintAppSession')!;

describe('the reference view of the OpenAPI document', () => {
  it('lists every operation of the document, the mint endpoint first', () => {
    const ops = operationsOf(doc);
    expect(ops.map((op) => `${op.method} ${op.path}`)).toEqual([
      'POST /v1/app-gateway/{appId}/session',
      'POST /v1/app-gateway/{appId}/guest-session',
      'GET /v1/app-gateway/revocations',
      'GET /.well-known/oauth-authorization-server',
      'POST /v1/app-gateway/token',
      'PUT /v1/orgs/{orgId}/workflows/{workflowId}',
      'GET /v1/orgs/{orgId}/apps',
      'POST /v1/orgs/{orgId}/apps',
      'GET /v1/orgs/{orgId}/apps/{appId}',
      'PATCH /v1/orgs/{orgId}/apps/{appId}',
      'DELETE /v1/orgs/{orgId}/apps/{appId}',
      'GET /v1/orgs/{orgId}/apps/{appId}/shares',
      'POST /v1/orgs/{orgId}/apps/{appId}/shares',
      'DELETE /v1/orgs/{orgId}/apps/{appId}/shares/{shareId}',
      'GET /v1/orgs/{orgId}/access-requests',
      'POST /v1/orgs/{orgId}/access-requests/{requestId}/approve',
      'POST /v1/orgs/{orgId}/access-requests/{requestId}/deny',
      'GET /v1/orgs/{orgId}/apps/{appId}/grants',
      'DELETE /v1/orgs/{orgId}/apps/{appId}/grants/{grantId}',
      'GET /v1/orgs/{orgId}/groups',
      'POST /v1/orgs/{orgId}/groups',
      'GET /v1/orgs/{orgId}/groups/{groupId}',
      'PATCH /v1/orgs/{orgId}/groups/{groupId}',
      'DELETE /v1/orgs/{orgId}/groups/{groupId}',
      'POST /v1/orgs/{orgId}/groups/{groupId}/members',
      'DELETE /v1/orgs/{orgId}/groups/{groupId}/members/{userId}',
      'GET /v1/orgs/{orgId}/audit',
      'GET /scim/v2/orgs/{orgId}/ServiceProviderConfig',
      'GET /scim/v2/orgs/{orgId}/ResourceTypes',
      'GET /scim/v2/orgs/{orgId}/Schemas',
      'GET /scim/v2/orgs/{orgId}/Users',
      'POST /scim/v2/orgs/{orgId}/Users',
      'GET /scim/v2/orgs/{orgId}/Users/{id}',
      'PUT /scim/v2/orgs/{orgId}/Users/{id}',
      'PATCH /scim/v2/orgs/{orgId}/Users/{id}',
      'DELETE /scim/v2/orgs/{orgId}/Users/{id}',
      'GET /scim/v2/orgs/{orgId}/Groups',
      'POST /scim/v2/orgs/{orgId}/Groups',
      'GET /scim/v2/orgs/{orgId}/Groups/{id}',
      'PUT /scim/v2/orgs/{orgId}/Groups/{id}',
      'PATCH /scim/v2/orgs/{orgId}/Groups/{id}',
      'DELETE /scim/v2/orgs/{orgId}/Groups/{id}',
      'GET /.well-known/jwks.json',
      'GET /.well-known/app-gateway',
      'GET /healthz',
      'GET /v1/openapi.json',
    ]);
    expect(ops.find((op) => op.id === 'getJwks')!.security).toEqual([]);
  });

  it('the mint endpoint: both auth schemes, its path parameter, an optional closed body', () => {
    const op = mint();
    expect(op.security).toEqual(['apiToken', 'session']);
    expect(op.parameters).toEqual([
      { name: 'appId', required: true, label: 'string', notes: ['in path', 'e.g. run_acme_dashboard'], values: [], description: null, nested: null },
    ]);
    expect(op.requestBody).toMatchObject({ required: false, contentType: 'application/json' });
    const body = op.requestBody!.schema!;
    expect(body).toMatchObject({ kind: 'object', closed: true });
    expect(body.kind === 'object' && body.fields).toEqual([
      expect.objectContaining({ name: 'workflowId', required: false, label: 'string', notes: ['1–128 characters'] }),
    ]);
  });

  it('has a row for every documented status, with the problem codes it answers', () => {
    const rows = mint().responses;
    expect(rows.map((r) => r.status)).toEqual(['200', ...Object.keys(MINT_STATUSES)]);
    const codes = Object.fromEntries(rows.map((r) => [r.status, r.codes]));
    expect(codes['200']).toEqual([]);
    expect(codes['403']).toEqual(['cross_origin', 'org_mismatch', 'insufficient_scope', 'forbidden']);
    expect(codes['404']).toEqual(['not_found']);
    // Every code but `internal`, the artifact proxy's own, the token endpoint's and the management API's is one the mint answers (and of those, `insufficient_scope`: an API token without `mint`).
    for (const [code, { status }] of Object.entries(ERRORS)) {
      if (code === 'insufficient_scope') expect(codes['403']).toContain(code);
      else if (code === 'internal' || ARTIFACT_PROXY_CODES.includes(code as ProblemCode) || TOKEN_ENDPOINT_CODES.includes(code as ProblemCode) || SCIM_CODES.includes(code as ProblemCode) || MANAGEMENT_CODES.includes(code as ProblemCode)) expect(codes[String(status)] ?? [], code).not.toContain(code);
      else expect(codes[String(status)], code).toContain(code);
    }
    expect(rows.find((r) => r.status === '401')!.headers).toEqual([
      { name: 'WWW-Authenticate', value: '`Bearer` without credentials; `Bearer error="invalid_token"` when a bearer token was sent and refused (RFC 6750 §3.1).' },
    ]);
    expect(rows.find((r) => r.status === '429')!.headers.map((h) => h.name)).toEqual(['Retry-After']);
    expect(rows.find((r) => r.status === '403')!.schema!.kind).toBe('union');
  });

  it('the 200 body: token, exp (date-time) and expires_in, without the safe-integer noise', () => {
    const ok = mint().responses[0]!.schema!;
    expect(ok.kind).toBe('object');
    const fields = ok.kind === 'object' ? ok.fields : [];
    expect(fields.map((f) => [f.name, f.label, f.required])).toEqual([
      ['token', 'string', true],
      ['exp', 'string (date-time)', true],
      ['expires_in', 'integer', true],
    ]);
    expect(fields[1]!.notes).toEqual(['e.g. 2026-11-29T23:05:00.000Z']); // the long pattern is left out
    expect(fields[2]!.notes).toEqual(['60–3600', 'e.g. 300']);
    const problemRow = mint().responses.find((r) => r.status === '404')!.schema!;
    const status = problemRow.kind === 'object' ? problemRow.fields.find((f) => f.name === 'status') : undefined;
    expect(status?.notes).toEqual([]);
  });

  it('a body many responses share is listed once, and each of its responses names it', () => {
    const bodies = sharedBodiesOf(doc);
    // The management API's problem object first: the most used.
    expect(bodies[0]).toMatchObject({ id: 'body-1', contentType: 'application/problem+json', fieldNames: ['type', 'title', 'status', 'detail', 'code', 'instance'] });
    expect(bodies.map((b) => b.uses)).toEqual([...bodies.map((b) => b.uses)].sort((a, b) => b - a));
    expect(bodies.every((b) => b.uses >= 3)).toBe(true);
    const rows = operationsOf(doc).flatMap((op) => op.responses);
    for (const body of bodies) expect(rows.filter((r) => r.sharedBody === body.id)).toHaveLength(body.uses);
    // The mint's 404 is a shared problem object; its 200 (a body only the mint answers) is not.
    const mintRows = mint().responses;
    const notFound = bodies.find((b) => b.id === mintRows.find((r) => r.status === '404')!.sharedBody);
    expect(notFound).toMatchObject({ contentType: 'application/problem+json', fieldNames: ['type', 'title', 'status', 'detail', 'code', 'instance'] });
    expect(mintRows.find((r) => r.status === '200')!.sharedBody).toBeNull();
    // A body answered twice stays inline.
    const once = JSON.parse(JSON.stringify(doc)) as OpenApiDoc;
    once.paths = { '/a': { get: { responses: { '200': { description: 'a', content: { 'application/json': { schema: { type: 'object', properties: { a: { type: 'string' } } } } } } } } }, '/b': { get: { responses: { '200': { description: 'b', content: { 'application/json': { schema: { type: 'object', properties: { a: { type: 'string' } } } } } } } } } };
    expect(sharedBodiesOf(once)).toEqual([]);
    expect(operationsOf(once).map((op) => op.responses[0]!.sharedBody)).toEqual([null, null]);
  });

  it('labels constants, tuples, arrays and nested objects', () => {
    expect(labelOf({ type: 'string', const: 'ES256' })).toBe('"ES256"');
    expect(labelOf({ type: 'array', prefixItems: [{ type: 'string', const: 'ES256' }], items: false })).toBe('["ES256"]');
    expect(labelOf({ type: 'array', items: { type: 'object', properties: {} } })).toBe('array of object');
    expect(labelOf({ anyOf: [{ type: 'string' }, { type: 'integer' }] })).toBe('string | integer');
    const jwks = schemaView({ type: 'object', properties: { keys: { type: 'array', items: { type: 'object', properties: { kid: { type: 'string' } }, required: ['kid'] } } } });
    expect(jwks.kind === 'object' && jwks.fields[0]!.nested).toMatchObject({ kind: 'object', fields: [{ name: 'kid', required: true }] });
  });

  it('security schemes and the error code table come from the document', () => {
    expect(securitySchemesOf(doc).map((s) => [s.name, s.label])).toEqual([
      ['apiToken', 'HTTP Bearer'],
      ['session', 'cookie authjs.session-token'],
      ['guestSession', 'cookie agw_guest.{appId}'],
      ['managementToken', 'HTTP Bearer'],
      ['appClient', 'HTTP Basic'],
    ]);
    const table = errorCodesOf(doc);
    expect(table).toHaveLength(Object.keys(ERRORS).length);
    expect(table.map((c) => c.status)).toEqual([...table.map((c) => c.status)].sort((a, b) => a - b));
  });
});

describe('Try it helpers', () => {
  it('builds the body: {} or the trimmed workflowId, JSON-encoded', () => {
    expect(mintRequestBody('')).toBe('{}');
    expect(mintRequestBody('  ')).toBe('{}');
    expect(mintRequestBody(' wf_acme_reports ')).toBe('{"workflowId":"wf_acme_reports"}');
    expect(mintRequestBody('a"b')).toBe('{"workflowId":"a\\"b"}');
  });

  it('builds a curl that a POSIX shell reads back exactly, with the placeholder token', () => {
    expect(mintCurl('http://localhost:3000/', 'run_acme_dashboard', '')).toBe(
      [
        `curl -sS -X POST 'http://localhost:3000/v1/app-gateway/run_acme_dashboard/session' \\`,
        `  -H 'Authorization: Bearer agw_YOUR_TOKEN' \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -d '{}'`,
      ].join('\n'),
    );
    for (const value of [`it's`, `{"workflowId":"w'f"}`, '$(reboot) `x` \\ "q"']) {
      expect(execFileSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value);
    }
    const curl = mintCurl('http://x', "a'b c/d", "w'f");
    expect(curl).toContain(`'http://x/v1/app-gateway/a'\\''b%20c%2Fd/session'`);
    expect(curl).toContain(`-d '{"workflowId":"w'\\''f"}'`);
  });

  it('decodes a token for display, and refuses what is not a compact JWS', () => {
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const token = `${part({ alg: 'ES256', typ: 'app-session+jwt' })}.${part({ name: 'Zoë Ünal', exp: 1_800_000_000 })}.sig`;
    expect(decodeJwtForDisplay(token)).toEqual({ header: { alg: 'ES256', typ: 'app-session+jwt' }, claims: { name: 'Zoë Ünal', exp: 1_800_000_000 } });
    expect(decodeJwtForDisplay('a.b')).toBeNull();
    expect(decodeJwtForDisplay(`${part([1])}.${part({})}.s`)).toBeNull();
    expect(decodeJwtForDisplay('###.e30.s')).toBeNull();
    expect(numericDate(1_800_000_000)).toBe('2027-01-15T08:00:00Z');
    expect(numericDate('soon')).toBeNull();
  });
});
