import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { MintBody } from '@/lib/gateway/mint/mint-body';
import { Discovery, Health, Jwks, MintResponse, OrgMismatchProblem, Problem, RevocationFeed } from '@/lib/platform/http/contract';
import { ARTIFACT_PROXY_CODES, TOKEN_ENDPOINT_CODES } from '@/lib/gateway/errors';
import { ERRORS, type ProblemCode } from '@/lib/platform/http/problem';
import { startGateway, type Gateway } from './harness/gateway-fixture';

type Doc = { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, unknown> }>> };

/** Fails when the handlers and /v1/openapi.json disagree. */
describe('OpenAPI document vs the code', () => {
  let gw: Gateway;
  let doc: Doc;
  let bearer: string;
  let carol: string;

  beforeAll(async () => {
    gw = await startGateway('pglite', { RATE_LIMIT_MINTS_PER_MINUTE: '2' });
    doc = (await (await fetch(`${gw.url}/v1/openapi.json`)).json()) as Doc;
    bearer = (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).token;
    carol = await gw.client.signIn('carol@example.test');
  });
  afterAll(async () => gw?.stop());

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
      if (code !== 'internal' && !ARTIFACT_PROXY_CODES.includes(code as ProblemCode) && !TOKEN_ENDPOINT_CODES.includes(code as ProblemCode)) expect(documented, code).toContain(status);
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

  it('the discovery, JWKS and health responses match their documented schemas', async () => {
    expect(Discovery.safeParse(await (await fetch(`${gw.url}/.well-known/app-gateway`)).json()).success).toBe(true);
    expect(Jwks.safeParse(await (await fetch(`${gw.url}/.well-known/jwks.json`)).json()).success).toBe(true);
    expect(Health.safeParse(await (await fetch(`${gw.url}/healthz`)).json()).success).toBe(true);
    for (const path of ['/.well-known/app-gateway', '/.well-known/jwks.json', '/healthz']) expect(doc.paths[path]?.get).toBeTruthy();
  });
});
