import { describe, expect, it } from 'vitest';
import type { OpenApiDoc } from './openapi-types';
import { exampleOf, missingPathParams, requestCurl, requestPath, tryRequestOf } from './try-request';

const doc: OpenApiDoc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/orgs/{orgId}/apps': {
      get: {
        operationId: 'listApps',
        security: [{ managementToken: ['apps:read'] }],
        parameters: [
          { name: 'orgId', in: 'path', required: true, example: 'org_acme' },
          { name: 'limit', in: 'query' },
          { name: 'cursor', in: 'query' },
          { name: 'x-trace', in: 'header' },
        ],
      },
      post: {
        operationId: 'createApp',
        security: [{ managementToken: ['apps:write'] }],
        parameters: [{ name: 'orgId', in: 'path', required: true, example: 'org_acme' }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'title'],
                properties: {
                  id: { type: 'string', example: 'run_8f3a2c' },
                  title: { type: 'string' },
                  visibility: { type: 'string', enum: ['login_required', 'public'] },
                  access: { type: 'object', required: ['rule'], properties: { rule: { type: 'string', enum: ['everyone', 'admins'] } } },
                  artifact_url: { anyOf: [{ type: 'string' }, { type: 'null' }] },
                },
              },
            },
          },
        },
      },
    },
  },
};

describe('the bearer-token try-it', () => {
  it('offers the path and query parameters of the operation (not its headers), with their examples and its scopes', () => {
    const spec = tryRequestOf(doc, 'listApps')!;
    expect(spec).toMatchObject({ method: 'GET', path: '/v1/orgs/{orgId}/apps', body: null, scopes: ['apps:read'] });
    expect(spec.params.map((p) => [p.name, p.in, p.example])).toEqual([
      ['orgId', 'path', 'org_acme'],
      ['limit', 'query', ''],
      ['cursor', 'query', ''],
    ]);
    expect(tryRequestOf(doc, 'noSuchOperation')).toBeNull();
  });

  it('fills the path (encoded) and appends only the query values given', () => {
    const spec = tryRequestOf(doc, 'listApps')!;
    expect(requestPath(spec, { orgId: 'org_acme', limit: ' 50 ', cursor: '' })).toBe('/v1/orgs/org_acme/apps?limit=50');
    expect(requestPath(spec, { orgId: '../admin?x=1' })).toBe('/v1/orgs/..%2Fadmin%3Fx%3D1/apps');
    expect(missingPathParams(spec, { orgId: '  ' })).toEqual(['orgId']);
    expect(missingPathParams(spec, { orgId: 'org_acme' })).toEqual([]);
  });

  it('starts the body from the schema: examples, enums and defaults, every top-level field', () => {
    const spec = tryRequestOf(doc, 'createApp')!;
    expect(spec.body!.contentType).toBe('application/json');
    expect(JSON.parse(spec.body!.example)).toEqual({ id: 'run_8f3a2c', title: 'string', visibility: 'login_required', access: { rule: 'everyone' }, artifact_url: 'string' });
    expect(exampleOf({ type: 'integer', minimum: 1, maximum: 200 })).toBe(1);
    expect(exampleOf({ type: 'integer', minimum: -Number.MAX_SAFE_INTEGER })).toBe(1);
  });

  it('the curl line carries a placeholder token, never the pasted one, and the body on one line', () => {
    const spec = tryRequestOf(doc, 'createApp')!;
    const curl = requestCurl('http://gw.example/', spec, { orgId: 'org_acme' }, '{\n  "id": "run_1",\n  "title": "It\'s"\n}');
    expect(curl).toBe(
      [
        `curl -sS -X POST 'http://gw.example/v1/orgs/org_acme/apps' \\`,
        `  -H 'Authorization: Bearer agw_sa_YOUR_TOKEN' \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -d '{"id":"run_1","title":"It'\\''s"}'`,
      ].join('\n'),
    );
  });
});
