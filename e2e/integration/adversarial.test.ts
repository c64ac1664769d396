import fc from 'fast-check';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { createSession } from '@/lib/auth/sessions/session-store';
import { env } from '@/lib/platform/config/env';
import { gatewayForSuite } from './harness/gateway-fixture';

const INTERNALS = /at [\w.<>]+ \(|node_modules|\bselect\b|\binsert into\b|postgres|pglite|ECONN|stack|AUTH_SECRET|APP_TOKEN_KEY_SECRET|-----BEGIN/i;

describe('adversarial requests to the mint endpoint', () => {
  const gw = gatewayForSuite('pglite', { RATE_LIMIT_MINTS_PER_MINUTE: '0' });
  let alice: string;
  let apiToken: string;

  beforeAll(async () => {
    alice = await gw.client.signIn('alice@acme.test');
    apiToken = (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).token;
  });

  const expectClean = async (res: Response, allowed: number[]) => {
    expect(allowed).toContain(res.status);
    const text = await res.text();
    expect(text).not.toMatch(INTERNALS);
    if (res.status !== 200) expect(res.headers.get('content-type')).toBe('application/problem+json');
    return text;
  };

  it('never answers 5xx to any Authorization header (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `Bearer ${s}`),
          fc.string().map((s) => `bearer agw_${s}`),
          fc.stringMatching(/^agw_[A-Za-z0-9_-]{0,60}$/).map((s) => `Bearer ${s}`),
          fc.constantFrom('Bearer', 'Bearer ', 'Bearer  agw_x', `Bearer ${'a'.repeat(8000)}`, 'Basic Og==', 'Digest x', 'Bearer agw_%00'),
        ),
        async (authorization) => {
          const clean = authorization.replace(/[^\t\x20-\x7e]/g, '');
          const res = await gw.client.mint('run_acme_dashboard', { headers: { authorization: clean || 'x' } });
          await expectClean(res, [401]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx to any app id in the path (property)', async () => {
    // "." and ".." are resolved away by URL normalization before any route sees them.
    const appIds = fc.oneof(fc.string({ minLength: 1 }), fc.stringMatching(/^[\w%.~-]{1,300}$/)).filter((s) => s !== '.' && s !== '..');
    await fc.assert(
      fc.asyncProperty(appIds, async (appId) => {
        const res = await gw.client.mint(appId, { bearer: apiToken });
        await expectClean(res, [200, 404]);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx to any body (property), and only {} or a workflowId is accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify({ workflowId: 'wf_acme_reports', extra: v }))), async (body) => {
        const res = await gw.client.mint('run_acme_dashboard', { bearer: apiToken, body });
        const status = res.status;
        await expectClean(res, [200, 400, 404, 413]);
        if (status === 200) expect(['{}', '', '{"workflowId":"wf_acme_reports"}']).toContain(body.replace(/\s/g, ''));
      }),
      { numRuns: 200 },
    );
  });

  it('a deeply nested body is refused as 400 or 413, not a crash', async () => {
    const nested = '['.repeat(2000) + ']'.repeat(2000);
    await expectClean(await gw.client.mint('run_acme_dashboard', { bearer: apiToken, body: nested }), [400]);
    const huge = '['.repeat(100_000);
    await expectClean(await gw.client.mint('run_acme_dashboard', { bearer: apiToken, body: huge }), [413]);
  });

  it('mass assignment: identity fields in the body are refused, never used', async () => {
    for (const body of [{ sub: 'usr_bob' }, { userId: 'usr_bob' }, { orgId: 'org_globex' }, { org_id: 'org_globex' }, { email: 'x@y' }, { workflowId: 'wf_acme_reports', name: 'Mallory' }]) {
      const res = await gw.client.mint('run_acme_dashboard', { cookie: alice, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
    }
  });

  describe('session cookies', () => {
    const cookieName = 'authjs.session-token';
    const forge = (secret: string, claims: Record<string, unknown>, maxAge = 3600) =>
      encode({ token: claims, secret, salt: cookieName, maxAge }).then((v) => `${cookieName}=${v}`);
    // Real server-side sessions, so each cookie below is refused for the reason its test names.
    let sid: string;
    let bobSid: string;
    beforeAll(async () => {
      sid = await createSession('usr_alice', { ip: null, userAgent: null });
      bobSid = await createSession('usr_bob', { ip: null, userAgent: null });
    });

    it('a cookie sealed with a foreign secret is 401', async () => {
      const cookie = await forge('x'.repeat(48), { sub: 'usr_alice', activeOrgId: 'org_acme', sid });
      expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(401);
    });
    it('an expired (stale) cookie is 401 even with the right secret', async () => {
      expect((await gw.client.mint('run_acme_dashboard', { cookie: await forge(env().AUTH_SECRET, { sub: 'usr_alice', activeOrgId: 'org_acme', sid }) })).status).toBe(200);
      const cookie = await forge(env().AUTH_SECRET, { sub: 'usr_alice', activeOrgId: 'org_acme', sid }, -60);
      expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(401);
    });
    it('a cookie without a subject, or naming an unknown user, is 401', async () => {
      for (const claims of [{ activeOrgId: 'org_acme', sid }, { sub: '', activeOrgId: 'org_acme', sid }, { sub: 'usr_nobody', activeOrgId: 'org_acme', sid }, { sub: 42, sid }]) {
        const cookie = await forge(env().AUTH_SECRET, claims);
        expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(401);
      }
    });
    it('a session claiming an org the user is not a member of cannot mint there', async () => {
      const cookie = await forge(env().AUTH_SECRET, { sub: 'usr_bob', activeOrgId: 'org_acme', sid: bobSid });
      expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(404);
    });
  });

  describe('framework bypass headers and spoofed hosts', () => {
    it('x-middleware-subrequest and friends change nothing', async () => {
      const bypasses: Array<Record<string, string>> = [
        { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
        { 'x-middleware-subrequest': 'src/middleware:proxy:proxy:proxy:proxy:proxy' },
        { 'x-nextjs-data': '1' },
        { 'x-invoke-path': '/healthz', 'x-invoke-query': '{}' },
        { 'x-now-route-matches': '1' },
        { 'next-router-prefetch': '1', rsc: '1' },
      ];
      for (const headers of bypasses) {
        const res = await gw.client.mint('run_acme_dashboard', { headers });
        expect(res.status).toBe(401);
      }
    });
    it('the issuer comes from APP_URL, never from Host or X-Forwarded-Host', async () => {
      const res = await gw.client.mint('run_acme_dashboard', {
        bearer: apiToken,
        headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', forwarded: 'host=evil.example' },
      });
      const { token } = (await res.json()) as { token: string };
      expect((await gw.verify(token, 'run_acme_dashboard')).iss).toBe('http://localhost:3000');
      const doc = await (await fetch(`${gw.url}/.well-known/app-gateway`, { headers: { 'x-forwarded-host': 'evil.example' } })).text();
      expect(doc).not.toContain('evil');
    });
  });

  describe('CORS', () => {
    it('a preflight gets no CORS grant', async () => {
      const res = await fetch(`${gw.url}/v1/app-gateway/run_acme_dashboard/session`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(res.status).toBe(405);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });
    it('a successful mint grants no cross-origin read', async () => {
      const res = await gw.client.mint('run_acme_dashboard', { bearer: apiToken, headers: { origin: 'https://evil.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
