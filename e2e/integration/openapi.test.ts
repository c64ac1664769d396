import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orgs } from '@/db/schema';
import { createApiToken, revokeApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { MintBody } from '@/lib/gateway/mint/mint-body';
import { Discovery, GuestMintBody, GuestMintResponse, Health, Jwks, MintResponse, OrgMismatchProblem, Problem, RevocationFeed } from '@/lib/platform/http/contract';
import { ARTIFACT_PROXY_CODES, MANAGEMENT_CODES, SCIM_CODES, TOKEN_ENDPOINT_CODES } from '@/lib/gateway/errors';
import { ERRORS, type ProblemCode } from '@/lib/platform/http/problem';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppBody, AppPatch } from '@/lib/gateway/management/app-body';
import { WorkflowBody } from '@/lib/gateway/management/workflows';
import { AccessRequestListing, ApprovedGrant, CreatedGroup, GrantListing, GroupListing, GroupWithMembers, AppPage, AuditPage, CreatedShare, ManagedApp, ManagedWorkflow, ScopeProblem, ShareListing, ValidationProblem } from '@/lib/platform/http/contract-management';
import { ShareBody } from '@/lib/gateway/management/shares';
import { ApproveBody } from '@/lib/gateway/management/access-requests';
import { GroupBody, GroupRename, MemberBody } from '@/lib/gateway/management/groups';
import { createGroup } from '@/lib/gateway/groups/groups';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { requestAccess } from '@/lib/gateway/access-requests/request-access';
import { APP_URL, gatewayForSuite } from './harness/gateway-fixture';
import { managementApi, serviceAccountToken } from './harness/management';
import { newLink, secretOf } from './sharing-suite';
import { basic, exchangeFields, setUpExchangeWorld, tokenRequest } from './harness/exchange';

type Operation = { requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { 'x-codes'?: string[] }>; security?: Array<Record<string, string[]>> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** Fails when the handlers and /v1/openapi.json disagree. */
describe('OpenAPI document vs the code', () => {
  const gw = gatewayForSuite('pglite', { RATE_LIMIT_MINTS_PER_MINUTE: '2' });
  let doc: Doc;
  let bearer: string;
  let carol: string;

  beforeAll(async () => {
    doc = (await (await fetch(`${gw.url}/v1/openapi.json`)).json()) as Doc;
    bearer = (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).token;
    carol = await gw.client.signIn('carol@example.test');
  });

  const mintOp = () => doc.paths['/v1/app-gateway/{appId}/session']!.post!;

  it('is OpenAPI 3.1 and its request schema is the one that validates requests', () => {
    expect(doc.openapi).toBe('3.1.0');
    const { $schema: _s, ...expected } = z.toJSONSchema(MintBody, { io: 'input' }) as Record<string, unknown>;
    expect(mintOp().requestBody!.content['application/json']!.schema).toEqual(expected);
  });

  it('every response the endpoint gives is documented and matches its schema', async () => {
    const cases: Array<[Response, z.ZodType]> = [
      [await gw.client.mint('run_acme_dashboard', { bearer }), MintResponse],
      [await gw.client.mint('run_acme_dashboard', { bearer, body: '{"x":1}' }), Problem],
      [await gw.client.mint('run_acme_dashboard', {}), Problem],
      [await gw.client.mint('run_acme_dashboard', { cookie: carol }), OrgMismatchProblem],
      [await gw.client.mint('run_acme_dashboard', { cookie: carol, headers: { origin: 'https://evil.example' } }), Problem],
      [await gw.client.mint('run_nope', { bearer }), Problem],
      [await gw.client.mint('run_acme_dashboard', { bearer, method: 'DELETE' }), Problem],
      [await gw.client.mint('run_acme_dashboard', { bearer, body: 'x'.repeat(5000) }), Problem],
      [await gw.client.mint('run_acme_dashboard', { bearer, headers: { 'content-type': 'text/plain' } }), Problem],
      [await gw.client.mint('run_acme_dashboard', { bearer }), MintResponse],
      [await gw.client.mint('run_acme_dashboard', { bearer }), Problem],
    ];
    const seen = new Set<number>();
    for (const [res, schema] of cases) {
      seen.add(res.status);
      expect(Object.keys(mintOp().responses)).toContain(String(res.status));
      const body = await res.json();
      expect(schema.safeParse(body).success, JSON.stringify(body)).toBe(true);
    }
    expect([...seen].sort()).toEqual([200, 400, 401, 403, 404, 405, 413, 415, 429]);
  });

  it('documents a status for every error code the endpoint can answer with', () => {
    const documented = Object.keys(mintOp().responses).map(Number);
    for (const [code, { status }] of Object.entries(ERRORS)) {
      if (code !== 'internal' && !ARTIFACT_PROXY_CODES.includes(code as ProblemCode) && !TOKEN_ENDPOINT_CODES.includes(code as ProblemCode) && !SCIM_CODES.includes(code as ProblemCode) && !MANAGEMENT_CODES.includes(code as ProblemCode)) expect(documented, code).toContain(status);
    }
  });

  it('the revocation feed: every response it gives is documented and matches its schema', async () => {
    const feedOp = doc.paths['/v1/app-gateway/revocations']!.get!;
    await revokeApiToken((await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).id);
    const feed = `${gw.url}/v1/app-gateway/revocations`;
    const first = await fetch(feed);
    const body = (await first.json()) as { revocations: unknown[]; cursor: string };
    expect(body.revocations.length).toBeGreaterThan(0);
    const cases: Array<[Response, z.ZodType]> = [
      [new Response(JSON.stringify(body), { status: first.status }), RevocationFeed],
      [await fetch(`${feed}?after=${encodeURIComponent(body.cursor)}`), RevocationFeed],
      [await fetch(`${feed}?after=not-a-cursor`), Problem],
      [await fetch(feed, { method: 'POST' }), Problem],
    ];
    for (const [res, schema] of cases) {
      expect(Object.keys(feedOp.responses)).toContain(String(res.status));
      const json = await res.json();
      expect(schema.safeParse(json).success, JSON.stringify(json)).toBe(true);
    }
    expect(cases.map(([res]) => res.status)).toEqual([200, 200, 400, 405]);
  });

  it('the guest mint: its request schema validates requests; every response it gives is documented, with its code, and matches its schema', async () => {
    const guestOp = doc.paths['/v1/app-gateway/{appId}/guest-session']!.post!;
    const { $schema: _s, ...expected } = z.toJSONSchema(GuestMintBody, { io: 'input' }) as Record<string, unknown>;
    expect(guestOp.requestBody!.content['application/json']!.schema).toEqual(expected);
    expect(guestOp.security).toEqual([{ guestSession: [] }]);
    const link = await newLink('run_acme_dashboard');
    const opened = await fetch(`${gw.url}/s`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_URL },
      body: new URLSearchParams({ secret: secretOf(link.url), as: 'guest' }),
    });
    const cookie = opened.headers.getSetCookie().find((c) => c.startsWith('agw_guest.run_acme_dashboard='))!.split(';')[0]!;
    const mint = (init: { body?: string; headers?: Record<string, string>; method?: string } = {}) =>
      fetch(`${gw.url}/v1/app-gateway/run_acme_dashboard/guest-session`, {
        method: init.method ?? 'POST',
        headers: { 'content-type': 'application/json', origin: APP_URL, cookie, ...init.headers },
        body: init.method === 'GET' ? undefined : (init.body ?? '{}'),
      });
    const cases: Array<[Response, z.ZodType, string | null]> = [
      [await mint(), GuestMintResponse, null],
      [await mint({ body: '{"workflowId":"wf_x"}' }), Problem, 'invalid_request'],
      [await mint({ headers: { cookie: '' } }), Problem, 'unauthenticated'],
      [await mint({ headers: { origin: 'https://evil.example' } }), Problem, 'cross_origin'],
      [await mint({ method: 'GET' }), Problem, 'method_not_allowed'],
      [await mint({ body: 'x'.repeat(5000) }), Problem, 'payload_too_large'],
      [await mint({ headers: { 'content-type': 'text/plain' } }), Problem, 'unsupported_media_type'],
      [await mint(), GuestMintResponse, null],
      [await mint(), Problem, 'rate_limited'],
    ];
    for (const [res, schema, code] of cases) {
      const documented = guestOp.responses[String(res.status)];
      expect(documented, String(res.status)).toBeTruthy();
      const body = (await res.json()) as { code?: string };
      expect(schema.safeParse(body).success, JSON.stringify(body)).toBe(true);
      if (code !== null) {
        expect(body.code).toBe(code);
        expect(documented!['x-codes']).toContain(code);
      }
    }
    expect(cases.map(([res]) => res.status)).toEqual([200, 400, 401, 403, 405, 413, 415, 200, 429]);
  });

  it('the token endpoint: every response it gives is documented, with its RFC 6749 error and code, and has the documented members', async () => {
    type JsonSchema = { required?: string[]; properties?: Record<string, { const?: unknown; enum?: unknown[] }> };
    const op = doc.paths['/v1/app-gateway/token']!.post! as Operation & { responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> };
    expect(op.security).toEqual([{ appClient: [] }]);
    const secrets = await setUpExchangeWorld();
    // An app the earlier tests did not mint for: this gateway allows 2 mints a minute per viewer and app.
    const minted = await gw.client.mint('run_acme_onboarding', { bearer });
    expect(minted.status).toBe(200);
    const subject = ((await minted.json()) as { token: string }).token;
    const client = basic('run_acme_onboarding', secrets.run_acme_onboarding!);
    const cases: Array<[Response, ProblemCode | null]> = [
      [await tokenRequest(gw, exchangeFields(subject), { authorization: client }), null],
      [await tokenRequest(gw, exchangeFields(subject, { grant_type: 'client_credentials' }), { authorization: client }), 'unsupported_grant_type'],
      [await tokenRequest(gw, exchangeFields(subject, { subject_token: null }), { authorization: client }), 'token_invalid_request'],
      [await tokenRequest(gw, exchangeFields('not.a.token'), { authorization: client }), 'invalid_grant'],
      [await tokenRequest(gw, exchangeFields(subject, { audience: ['platform-api', 'billing-api'] }), { authorization: client }), 'invalid_target'],
      [await tokenRequest(gw, exchangeFields(subject, { scope: 'runs:write' }), { authorization: client }), 'invalid_scope'],
      [await tokenRequest(gw, exchangeFields(subject), { authorization: basic('run_acme_onboarding', 'agw_cs_wrong') }), 'invalid_client'],
      [await tokenRequest(gw, exchangeFields(subject), {}), 'invalid_client'],
    ];
    const seen = new Set<number>();
    for (const [res, code] of cases) {
      seen.add(res.status);
      const documented = op.responses[String(res.status)];
      expect(documented, `${res.status} documented`).toBeTruthy();
      if (code) expect(documented!['x-codes'], code).toContain(code);
      const schema = documented!.content!['application/json']!.schema;
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort(), JSON.stringify(body)).toEqual(Object.keys(schema.properties!).filter((k) => schema.required!.includes(k)).sort());
      if (code) expect(schema.properties!.error!.enum).toContain(body.error);
      else expect(body).toMatchObject({ token_type: schema.properties!.token_type!.const, issued_token_type: schema.properties!.issued_token_type!.const });
    }
    expect([...seen].sort()).toEqual([200, 400, 401]);
    const methodRes = await tokenRequest(gw, {}, { method: 'PUT' });
    expect(Object.keys(op.responses)).toContain(String(methodRes.status));
    expect(Problem.safeParse(await methodRes.json()).success).toBe(true);
    // Every code the table answers as an RFC 6749 error is documented on some status of the endpoint.
    const codes = Object.values(op.responses).flatMap((r) => r['x-codes'] ?? []);
    for (const code of TOKEN_ENDPOINT_CODES) expect(codes, code).toContain(code);
    const metadata = await (await fetch(`${gw.url}/.well-known/oauth-authorization-server`)).json();
    const metaSchema = (doc.paths['/.well-known/oauth-authorization-server']!.get! as unknown as { responses: { '200': { content: { 'application/json': { schema: JsonSchema } } } } }).responses['200'].content['application/json'].schema;
    expect(Object.keys(metadata).sort()).toEqual([...metaSchema.required!].sort());
  });

  it('the discovery, JWKS and health responses match their documented schemas', async () => {
    expect(Discovery.safeParse(await (await fetch(`${gw.url}/.well-known/app-gateway`)).json()).success).toBe(true);
    expect(Jwks.safeParse(await (await fetch(`${gw.url}/.well-known/jwks.json`)).json()).success).toBe(true);
    expect(Health.safeParse(await (await fetch(`${gw.url}/healthz`)).json()).success).toBe(true);
    for (const path of ['/.well-known/app-gateway', '/.well-known/jwks.json', '/healthz']) expect(doc.paths[path]?.get).toBeTruthy();
  });

  it('the management API: every route handler is in the document, and every documented path has its handler', () => {
    const root = path.join(process.cwd(), 'app', 'v1', 'orgs');
    const handled = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('route.ts'))
      .flatMap((f) => [...readFileSync(path.join(root, f), 'utf8').matchAll(/^\/\/ (GET|POST|PUT|PATCH|DELETE) (\/v1\/orgs\/\S+) — /gm)].map((m) => `${m[1]} ${m[2]!.replace(/\?.*$/, '')}`));
    const documented = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/v1/orgs/'))
      .flatMap(([p, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`));
    expect(handled.sort()).toEqual(documented.sort());
    expect(handled).toHaveLength(22);
  });

  it('the management API: request schemas are the ones that validate requests; each operation names its scope', () => {
    const request = (p: string, m: string, type = 'application/json') => doc.paths[p]![m]!.requestBody!.content[type]!.schema;
    const input = (s: z.ZodType) => {
      const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: 'input' }) as Record<string, unknown>;
      return rest;
    };
    expect(request('/v1/orgs/{orgId}/apps', 'post')).toEqual(input(AppBody));
    expect(request('/v1/orgs/{orgId}/apps/{appId}', 'patch', 'application/merge-patch+json')).toEqual(input(AppPatch));
    expect(request('/v1/orgs/{orgId}/workflows/{workflowId}', 'put')).toEqual(input(WorkflowBody));
    expect(request('/v1/orgs/{orgId}/apps/{appId}/shares', 'post')).toEqual(input(ShareBody));
    expect(request('/v1/orgs/{orgId}/access-requests/{requestId}/approve', 'post')).toEqual(input(ApproveBody));
    expect(request('/v1/orgs/{orgId}/groups', 'post')).toEqual(input(GroupBody));
    expect(request('/v1/orgs/{orgId}/groups/{groupId}', 'patch', 'application/merge-patch+json')).toEqual(input(GroupRename));
    expect(request('/v1/orgs/{orgId}/groups/{groupId}/members', 'post')).toEqual(input(MemberBody));
    for (const [p, item] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/v1/orgs/'))) {
      for (const op of Object.values(item)) expect(op.security?.[0]?.managementToken?.[0], p).toMatch(/^(apps:read|apps:write|audit:read|shares:write|access-requests:write|groups:write)$/);
    }
  });

  it('the management API: every response it gives is documented, with its code, and matches its schema', async () => {
    const api = managementApi(gw.url);
    const all = (await serviceAccountToken('org_acme', ['apps:read', 'apps:write', 'audit:read', 'shares:write'])).token;
    const reader = (await serviceAccountToken('org_acme', ['apps:read'])).token;
    const app = { id: `run_openapi_${Date.now().toString(36)}`, workflow_id: 'wf_acme_reports', title: 'Doc app', artifact_url: 'http://openapi-doc.apps.localhost:3100/' };
    const ORG = '/v1/orgs/org_acme';
    const inbox = (await serviceAccountToken('org_acme', ['access-requests:write'])).token;
    await requestAccess({ userId: 'usr_bob', appId: 'run_acme_dashboard', note: 'Doc' });
    await requestAccess({ userId: 'usr_dave', appId: 'run_acme_dashboard', note: null });
    const pendingIds = ((await (await api('GET', `${ORG}/access-requests`, { token: inbox })).json()) as { access_requests: Array<{ id: string }> }).access_requests.map((r) => r.id);
    const approved = await api('POST', `${ORG}/access-requests/${pendingIds[0]}/approve`, { token: inbox, body: { duration_seconds: 3600 } });
    const grouper = (await serviceAccountToken('org_acme', ['groups:write'])).token;
    const createdGroup = await api('POST', `${ORG}/groups`, { token: grouper, body: { display_name: 'Doc group' } });
    const groupId = ((await createdGroup.clone().json()) as { group: { id: string } }).group.id;
    const scimGroup = await createGroup({ orgId: 'org_acme', via: 'scim', actor: OPERATOR, displayName: 'Doc SCIM group' });
    if (!scimGroup.ok) throw new Error(scimGroup.detail);
    const cases: Array<[string, string, Response, z.ZodType | null]> = [
      ['/v1/orgs/{orgId}/workflows/{workflowId}', 'put', await api('PUT', `${ORG}/workflows/wf_openapi`, { token: all, body: { name: 'Doc' } }), ManagedWorkflow],
      ['/v1/orgs/{orgId}/workflows/{workflowId}', 'put', await api('PUT', `${ORG}/workflows/wf_openapi`, { token: all, body: { name: 'Doc' } }), ManagedWorkflow],
      ['/v1/orgs/{orgId}/workflows/{workflowId}', 'put', await api('PUT', `${ORG}/workflows/wf_globex_ops`, { token: all, body: { name: 'Doc' } }), Problem],
      ['/v1/orgs/{orgId}/workflows/{workflowId}', 'put', await api('PUT', `${ORG}/workflows/wf_openapi`, { token: all, body: { name: '' } }), ValidationProblem],
      ['/v1/orgs/{orgId}/workflows/{workflowId}', 'put', await api('PUT', `${ORG}/workflows/wf%20x`, { token: all, body: { name: 'x' } }), Problem],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', `${ORG}/apps`, { token: all, body: app }), ManagedApp],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', `${ORG}/apps`, { token: all, body: app }), ManagedApp],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', `${ORG}/apps`, { token: all, body: { ...app, title: 'Other' } }), Problem],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', `${ORG}/apps`, { token: all, body: { ...app, id: 'x y' } }), ValidationProblem],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', `${ORG}/apps`, { token: all, raw: '{' }), Problem],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', `${ORG}/apps`, { token: all, raw: 'x', contentType: 'text/plain' }), Problem],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', `${ORG}/apps`, { token: all, raw: `"${'x'.repeat(70_000)}"` }), Problem],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', `${ORG}/apps`, { token: reader, body: app }), ScopeProblem],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', `${ORG}/apps`, { body: app }), Problem],
      ['/v1/orgs/{orgId}/apps', 'post', await api('POST', '/v1/orgs/org_globex/apps', { token: all, body: app }), Problem],
      ['/v1/orgs/{orgId}/apps', 'get', await api('GET', `${ORG}/apps?limit=1`, { token: reader }), AppPage],
      ['/v1/orgs/{orgId}/apps', 'get', await api('GET', `${ORG}/apps?limit=0`, { token: reader }), Problem],
      ['/v1/orgs/{orgId}/apps/{appId}', 'get', await api('GET', `${ORG}/apps/${app.id}`, { token: reader }), ManagedApp],
      ['/v1/orgs/{orgId}/apps/{appId}', 'patch', await api('PATCH', `${ORG}/apps/${app.id}`, { token: all, body: { title: 'Patched' } }), ManagedApp],
      ['/v1/orgs/{orgId}/apps/{appId}', 'patch', await api('PATCH', `${ORG}/apps/${app.id}`, { token: all, body: { title: 'Patched' }, contentType: 'application/json' }), Problem],
      ['/v1/orgs/{orgId}/apps/{appId}', 'patch', await api('PATCH', `${ORG}/apps/${app.id}`, { token: all, body: { id: 'x' } }), ValidationProblem],
      ['/v1/orgs/{orgId}/apps/{appId}', 'patch', await api('PATCH', `${ORG}/apps/run_acme_onboarding`, { token: all, body: { artifact_url: app.artifact_url } }), Problem],
      ['/v1/orgs/{orgId}/apps/{appId}', 'delete', await api('DELETE', `${ORG}/apps/${app.id}`, { token: all }), null],
      ['/v1/orgs/{orgId}/apps/{appId}', 'delete', await api('DELETE', `${ORG}/apps/${app.id}`, { token: all }), Problem],
      ['/v1/orgs/{orgId}/apps/{appId}/shares', 'post', await api('POST', `${ORG}/apps/run_acme_dashboard/shares`, { token: all, body: { max_uses: 2 } }), CreatedShare],
      ['/v1/orgs/{orgId}/apps/{appId}/shares', 'post', await api('POST', `${ORG}/apps/run_acme_dashboard/shares`, { token: all, body: { expires_in: 1 } }), ValidationProblem],
      ['/v1/orgs/{orgId}/apps/{appId}/shares', 'post', await api('POST', `${ORG}/apps/run_acme_dashboard/shares`, { token: reader, body: {} }), ScopeProblem],
      ['/v1/orgs/{orgId}/apps/{appId}/shares', 'get', await api('GET', `${ORG}/apps/run_acme_dashboard/shares`, { token: all }), ShareListing],
      ['/v1/orgs/{orgId}/apps/{appId}/shares', 'get', await api('GET', `${ORG}/apps/run_nope/shares`, { token: all }), Problem],
      ['/v1/orgs/{orgId}/apps/{appId}/shares/{shareId}', 'delete', await api('DELETE', `${ORG}/apps/run_acme_dashboard/shares/shr_nope`, { token: all }), Problem],
      ['/v1/orgs/{orgId}/access-requests', 'get', await api('GET', `${ORG}/access-requests`, { token: inbox }), AccessRequestListing],
      ['/v1/orgs/{orgId}/access-requests', 'get', await api('GET', `${ORG}/access-requests`, { token: reader }), ScopeProblem],
      ['/v1/orgs/{orgId}/access-requests/{requestId}/approve', 'post', approved, ApprovedGrant],
      ['/v1/orgs/{orgId}/access-requests/{requestId}/approve', 'post', await api('POST', `${ORG}/access-requests/${pendingIds[0]}/approve`, { token: inbox, body: { duration_seconds: null } }), Problem],
      ['/v1/orgs/{orgId}/access-requests/{requestId}/approve', 'post', await api('POST', `${ORG}/access-requests/${pendingIds[1]}/approve`, { token: inbox, body: { duration_seconds: 1 } }), ValidationProblem],
      ['/v1/orgs/{orgId}/access-requests/{requestId}/deny', 'post', await api('POST', `${ORG}/access-requests/${pendingIds[1]}/deny`, { token: inbox }), null],
      ['/v1/orgs/{orgId}/access-requests/{requestId}/deny', 'post', await api('POST', `${ORG}/access-requests/arq_nope/deny`, { token: inbox }), Problem],
      ['/v1/orgs/{orgId}/apps/{appId}/grants', 'get', await api('GET', `${ORG}/apps/run_acme_dashboard/grants`, { token: inbox }), GrantListing],
      ['/v1/orgs/{orgId}/apps/{appId}/grants/{grantId}', 'delete', await api('DELETE', `${ORG}/apps/run_acme_dashboard/grants/grt_nope`, { token: inbox }), Problem],
      ['/v1/orgs/{orgId}/groups', 'post', createdGroup, CreatedGroup],
      ['/v1/orgs/{orgId}/groups', 'post', await api('POST', `${ORG}/groups`, { token: grouper, body: { display_name: '' } }), ValidationProblem],
      ['/v1/orgs/{orgId}/groups', 'post', await api('POST', `${ORG}/groups`, { token: reader, body: { display_name: 'x' } }), ScopeProblem],
      ['/v1/orgs/{orgId}/groups', 'get', await api('GET', `${ORG}/groups`, { token: grouper }), GroupListing],
      ['/v1/orgs/{orgId}/groups/{groupId}', 'patch', await api('PATCH', `${ORG}/groups/${groupId}`, { token: grouper, body: { display_name: 'Doc group 2' } }), CreatedGroup],
      ['/v1/orgs/{orgId}/groups/{groupId}/members', 'post', await api('POST', `${ORG}/groups/${groupId}/members`, { token: grouper, body: { email: 'alice@acme.test' } }), GroupWithMembers],
      ['/v1/orgs/{orgId}/groups/{groupId}/members', 'post', await api('POST', `${ORG}/groups/${groupId}/members`, { token: grouper, body: { email: 'bob@globex.test' } }), ValidationProblem],
      ['/v1/orgs/{orgId}/groups/{groupId}', 'get', await api('GET', `${ORG}/groups/${groupId}`, { token: grouper }), GroupWithMembers],
      ['/v1/orgs/{orgId}/groups/{groupId}/members/{userId}', 'delete', await api('DELETE', `${ORG}/groups/${groupId}/members/usr_alice`, { token: grouper }), null],
      ['/v1/orgs/{orgId}/groups/{groupId}/members/{userId}', 'delete', await api('DELETE', `${ORG}/groups/${groupId}/members/usr_alice`, { token: grouper }), Problem],
      ['/v1/orgs/{orgId}/groups/{groupId}', 'delete', await api('DELETE', `${ORG}/groups/${scimGroup.group.id}`, { token: grouper }), Problem],
      ['/v1/orgs/{orgId}/groups/{groupId}', 'delete', await api('DELETE', `${ORG}/groups/${groupId}`, { token: grouper }), null],
      ['/v1/orgs/{orgId}/groups/{groupId}', 'get', await api('GET', `${ORG}/groups/${groupId}`, { token: grouper }), Problem],
      ['/v1/orgs/{orgId}/audit', 'get', await api('GET', `${ORG}/audit?limit=5`, { token: all }), AuditPage],
      ['/v1/orgs/{orgId}/audit', 'get', await api('GET', `${ORG}/audit?after=x`, { token: all }), Problem],
      ['/v1/orgs/{orgId}/audit', 'get', await api('GET', `${ORG}/audit`, { token: reader }), ScopeProblem],
      ['/v1/orgs/{orgId}/audit', 'get', await api('GET', `${ORG}/audit`, { token: 'agw_sa_' + 'x'.repeat(43) }), Problem],
    ];
    const seen = new Set<string>();
    for (const [p, method, res, schema] of cases) {
      const documented = doc.paths[p]![method]!.responses[String(res.status)];
      expect(documented, `${method} ${p} ${res.status}`).toBeTruthy();
      seen.add(`${method} ${res.status}`);
      if (schema === null) continue;
      const body = (await res.json()) as { code?: string };
      expect(schema.safeParse(body).success, JSON.stringify(body)).toBe(true);
      if (body.code) expect(documented!['x-codes'], `${method} ${p} ${res.status}`).toContain(body.code);
    }
    expect([...seen].sort()).toEqual(['delete 204', 'delete 404', 'delete 409', 'get 200', 'get 400', 'get 401', 'get 403', 'get 404', 'patch 200', 'patch 409', 'patch 415', 'patch 422', 'post 200', 'post 201', 'post 204', 'post 400', 'post 401', 'post 403', 'post 404', 'post 409', 'post 413', 'post 415', 'post 422', 'put 200', 'put 201', 'put 400', 'put 409', 'put 422']);
  });

  it('SCIM: every route handler is in the document, and each answer’s status and scimType are documented', async () => {
    const root = path.join(process.cwd(), 'app', 'scim');
    const handled = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('route.ts'))
      .flatMap((f) => [...readFileSync(path.join(root, f), 'utf8').matchAll(/^\/\/ (GET|POST|PUT|PATCH|DELETE) (\/scim\/\S+) — /gm)].map((m) => `${m[1]} ${m[2]}`));
    const documented = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/scim/'))
      .flatMap(([p, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`));
    expect(handled.sort()).toEqual(documented.sort());
    expect(handled).toHaveLength(15);
    await (await getDb()).update(orgs).set({ autoJoinDomain: 'acme.test' }).where(eq(orgs.id, 'org_acme'));
    const token = (await serviceAccountToken('org_acme', ['scim'])).token;
    const other = (await serviceAccountToken('org_acme', ['apps:read'])).token;
    const scim = (method: string, p: string, body?: unknown, t = token) =>
      fetch(`${gw.url}/scim/v2/orgs/org_acme${p}`, { method, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const user = (await (await scim('POST', '/Users', { userName: 'doc@acme.test' })).json()) as { id: string };
    const group = (await (await scim('POST', '/Groups', { displayName: 'Doc group' })).json()) as { id: string };
    const U = '/scim/v2/orgs/{orgId}/Users';
    const G = '/scim/v2/orgs/{orgId}/Groups';
    const cases: Array<[string, string, Response]> = [
      ['/scim/v2/orgs/{orgId}/ServiceProviderConfig', 'get', await scim('GET', '/ServiceProviderConfig')],
      ['/scim/v2/orgs/{orgId}/ResourceTypes', 'get', await scim('GET', '/ResourceTypes', undefined, 'agw_sa_nope')],
      ['/scim/v2/orgs/{orgId}/Schemas', 'get', await scim('GET', '/Schemas', undefined, other)],
      [U, 'get', await scim('GET', '/Users?filter=userName%20sw%20%22d%22')],
      [U, 'post', await scim('POST', '/Users', { userName: 'doc@acme.test' })],
      [U, 'post', await scim('POST', '/Users', { userName: 'doc@elsewhere.test' })],
      [`${U}/{id}`, 'get', await scim('GET', `/Users/${user.id}`)],
      [`${U}/{id}`, 'put', await scim('PUT', `/Users/${user.id}`, { userName: 'doc@acme.test', displayName: 'Doc' })],
      [`${U}/{id}`, 'patch', await scim('PATCH', `/Users/${user.id}`, { Operations: [{ op: 'nope' }] })],
      [`${U}/{id}`, 'delete', await scim('DELETE', '/Users/scu_nope')],
      [G, 'get', await scim('GET', '/Groups')],
      [G, 'post', await scim('POST', '/Groups', { displayName: 'Doc group' })],
      [`${G}/{id}`, 'patch', await scim('PATCH', `/Groups/${group.id}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }] })],
      [`${G}/{id}`, 'put', await scim('PUT', `/Groups/${group.id}`, { displayName: 'Doc group', members: [{ value: 'scu_nope' }] })],
      [`${G}/{id}`, 'delete', await scim('DELETE', `/Groups/${group.id}`)],
      [`${G}/{id}`, 'get', await scim('GET', `/Groups/${group.id}`)],
    ];
    for (const [p, method, res] of cases) {
      const documentedResponse = doc.paths[p]![method]!.responses[String(res.status)];
      expect(documentedResponse, `${method} ${p} ${res.status}`).toBeTruthy();
      if (res.status === 204) continue;
      const body = (await res.json()) as { scimType?: string; status?: string };
      if (res.status >= 400) {
        const codes = (documentedResponse!['x-codes'] ?? []) as ProblemCode[];
        const types = codes.map((c) => (ERRORS[c] as { scimType?: string | null }).scimType ?? undefined);
        expect(types, `${method} ${p} ${res.status}`).toContain(body.scimType);
      }
    }
    const allCodes = Object.entries(doc.paths).filter(([p]) => p.startsWith('/scim/')).flatMap(([, item]) => Object.values(item).flatMap((op) => Object.values(op.responses).flatMap((r) => r['x-codes'] ?? [])));
    for (const code of SCIM_CODES) expect(allCodes, code).toContain(code);
  });
});
