import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { apiTokens, memberships, orgs, runs, users } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import type { DbKind } from './harness/databases';
import { expectProblem } from './harness/expect-problem';
import { describeMintLimits, RATE_LIMIT, type MintSuiteContext } from './mint-limits-suite';
import { rawPost } from './harness/raw-post';
import { signInDemoPeople } from './harness/people';
import { APP_URL, gatewayForSuite, type Gateway } from './harness/gateway-fixture';


/** Every row of the SPEC §2 status table, and the claims of §3, against one kind of database. */
export function describeMintEndpoint(kind: DbKind) {
  describe(`POST /v1/app-gateway/{appId}/session on ${kind}`, () => {
    const gw = gatewayForSuite(kind, { RATE_LIMIT_MINTS_PER_MINUTE: String(RATE_LIMIT), APP_TOKEN_TTL_SECONDS: '300' });
    const cookies: Record<string, string> = {};
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      Object.assign(cookies, await signInDemoPeople(gw));
      tokens.alice = (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).token;
      tokens.carolGlobex = (await createApiToken({ userId: 'usr_carol', orgId: 'org_globex' })).token;
      tokens.carolAcme = (await createApiToken({ userId: 'usr_carol', orgId: 'org_acme' })).token;
    });
    const ctx: MintSuiteContext = { gw, cookies, tokens };


    describe('200 minted', () => {
      it('with the session cookie: a token verified against the JWKS whose claims match the database', async () => {
        const res = await gw.client.mint('run_acme_dashboard', { cookie: cookies.alice });
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        const body = (await res.json()) as { token: string; exp: string; expires_in: number };
        expect(Object.keys(body).sort()).toEqual(['exp', 'expires_in', 'token']);
        const claims = await gw.verify(body.token, 'run_acme_dashboard');
        const db = await getDb();
        const [user] = await db.select().from(users).where(eq(users.id, 'usr_alice'));
        const [run] = await db.select().from(runs).where(eq(runs.id, 'run_acme_dashboard'));
        expect(claims).toMatchObject({
          iss: APP_URL,
          aud: 'run_acme_dashboard',
          sub: user!.id,
          org_id: run!.orgId,
          org_role: 'admin',
          workflow_id: run!.workflowId,
          name: user!.name,
          email: user!.email,
          auth_via: 'session',
        });
        expect(claims.exp! - claims.iat!).toBe(300);
        expect(claims.nbf).toBe(claims.iat);
        expect(Buffer.from(claims.jti!, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
        expect(body.exp).toBe(new Date(claims.exp! * 1000).toISOString());
        expect(body.expires_in).toBe(300);
      });

      it('with an API token, naming the run’s workflow', async () => {
        const res = await gw.client.mint('run_acme_dashboard', { bearer: tokens.alice, body: '{"workflowId":"wf_acme_reports"}' });
        expect(res.status).toBe(200);
        const claims = await gw.verify(((await res.json()) as { token: string }).token, 'run_acme_dashboard');
        expect(claims).toMatchObject({ sub: 'usr_alice', org_id: 'org_acme', workflow_id: 'wf_acme_reports', auth_via: 'api_token' });
      });

      it('a POST with no body and no Content-Type counts as {}, with a cookie and with an API token', async () => {
        const callers: Record<string, string>[] = [{ cookie: cookies.alice!, origin: APP_URL }, { authorization: `Bearer ${tokens.alice}` }];
        for (const auth of callers) {
          const res = await rawPost(`${gw.url}/v1/app-gateway/run_acme_dashboard/session`, auth);
          expect(res.status).toBe(200);
          expect(JSON.parse(res.body)).toHaveProperty('token');
        }
      });

      it('with an empty body, and a bearer call from any origin', async () => {
        const res = await gw.client.mint('run_acme_onboarding', { bearer: tokens.alice, body: '', headers: { origin: 'https://evil.example', 'content-type': '' } });
        expect(res.status).toBe(200);
      });

      it('when both are sent, the Authorization header alone decides', async () => {
        const res = await gw.client.mint('run_acme_dashboard', { cookie: cookies.alice, bearer: 'agw_not-a-real-token' });
        await expectProblem(res, 'unauthenticated');
      });

      it('every jti is unique', async () => {
        const jtis = new Set<string>();
        for (let i = 0; i < 5; i++) {
          const res = await gw.client.mint('run_acme_public', { bearer: tokens.alice });
          jtis.add((await gw.verify(((await res.json()) as { token: string }).token, 'run_acme_public')).jti!);
        }
        expect(jtis.size).toBe(5);
      });
    });

    describe('400 malformed body', () => {
      for (const [what, body] of [
        ['invalid JSON', '{"workflowId":'],
        ['an unknown field', '{"userId":"usr_bob"}'],
        ['a non-string workflowId', '{"workflowId":42}'],
        ['an empty workflowId', '{"workflowId":""}'],
        ['an array', '[]'],
        ['a string', '"x"'],
      ]) {
        it(`refuses ${what}`, async () => {
          await expectProblem(await gw.client.mint('run_acme_dashboard', { cookie: cookies.alice, body }), 'invalid_request');
        });
      }
    });

    describe('401 unauthenticated', () => {
      const INVALID_TOKEN = 'Bearer error="invalid_token"';
      // RFC 6750 §3.1: no bearer credentials → a bare challenge; a bearer token that is refused → invalid_token.
      const cases: Array<[string, () => Parameters<Gateway['client']['mint']>[1], string]> = [
        ['no credentials', () => ({}), 'Bearer'],
        ['an Authorization header of another scheme', () => ({ headers: { authorization: 'Basic YWxpY2U6eA==' } }), 'Bearer'],
        ['a token without the agw_ prefix', () => ({ bearer: 'x'.repeat(47) }), INVALID_TOKEN],
        ['a bearer token with spaces in it', () => ({ headers: { authorization: 'Bearer agw_x y' } }), INVALID_TOKEN],
        ['an unknown API token', () => ({ bearer: `agw_${'A'.repeat(43)}` }), INVALID_TOKEN],
        ['a forged session cookie', () => ({ cookie: 'authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z' }), 'Bearer'],
        ['a tampered session cookie', () => ({ cookie: cookies.alice!.slice(0, -3) + (cookies.alice!.endsWith('AAA') ? 'BBB' : 'AAA') }), 'Bearer'],
      ];
      for (const [what, init, challenge] of cases) {
        it(`refuses ${what}, with WWW-Authenticate: ${challenge}`, async () => {
          const res = await gw.client.mint('run_acme_dashboard', init());
          expect(res.headers.get('www-authenticate')).toBe(challenge);
          await expectProblem(res, 'unauthenticated');
        });
      }

      it('refuses a revoked API token', async () => {
        const { id, token } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
        expect((await gw.client.mint('run_acme_dashboard', { bearer: token })).status).toBe(200);
        const { revokeApiToken } = await import('@/lib/auth/api-tokens/api-tokens');
        await revokeApiToken(id);
        const res = await gw.client.mint('run_acme_dashboard', { bearer: token });
        expect(res.headers.get('www-authenticate')).toBe(INVALID_TOKEN);
        await expectProblem(res, 'unauthenticated');
      });

      it('refuses an expired API token', async () => {
        const { id, token } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme', expiresAt: new Date(Date.now() + 60_000) });
        expect((await gw.client.mint('run_acme_dashboard', { bearer: token })).status).toBe(200);
        await (await getDb()).update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, id));
        const res = await gw.client.mint('run_acme_dashboard', { bearer: token });
        expect(res.headers.get('www-authenticate')).toBe(INVALID_TOKEN);
        await expectProblem(res, 'unauthenticated');
      });

      it('refuses a deleted user, by session and by API token', async () => {
        const db = await getDb();
        await db.insert(users).values({ id: 'usr_gone', email: 'gone@acme.test', name: 'Gone', passwordHash: (await db.select().from(users).where(eq(users.id, 'usr_alice')))[0]!.passwordHash });
        await db.insert(memberships).values({ userId: 'usr_gone', orgId: 'org_acme', role: 'member' });
        const cookie = await gw.client.signIn('gone@acme.test');
        const { token } = await createApiToken({ userId: 'usr_gone', orgId: 'org_acme' });
        expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(200);
        await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, 'usr_gone'));
        await expectProblem(await gw.client.mint('run_acme_dashboard', { cookie }), 'unauthenticated');
        await expectProblem(await gw.client.mint('run_acme_dashboard', { bearer: token }), 'unauthenticated');
      });
    });

    describe('403 cross_origin for cookie calls', () => {
      for (const [what, headers] of [
        ['a foreign Origin', { origin: 'https://evil.example' }],
        ['Origin: null', { origin: 'null' }],
        ['the gateway host on another scheme', { origin: APP_URL.replace('http:', 'https:') }],
        ['no Origin and no Sec-Fetch-Site', { origin: '' }],
        ['Sec-Fetch-Site: same-site', { origin: '', 'sec-fetch-site': 'same-site' }],
        ['Sec-Fetch-Site: cross-site', { origin: '', 'sec-fetch-site': 'cross-site' }],
      ] as const) {
        it(`refuses ${what}`, async () => {
          await expectProblem(await gw.client.mint('run_acme_dashboard', { cookie: cookies.alice, headers: { ...headers } }), 'cross_origin');
        });
      }
      it('accepts Sec-Fetch-Site: same-origin without Origin', async () => {
        const res = await gw.client.mint('run_acme_dashboard', { cookie: cookies.alice, headers: { origin: '', 'sec-fetch-site': 'same-origin' } });
        expect(res.status).toBe(200);
      });
    });

    describe('403 org_mismatch', () => {
      it('a member acting in another org is told which org to switch to', async () => {
        const body = await expectProblem(await gw.client.mint('run_acme_dashboard', { cookie: cookies.carol }), 'org_mismatch');
        const [org] = await (await getDb()).select().from(orgs).where(eq(orgs.id, 'org_acme'));
        expect(body).toMatchObject({ orgId: org!.id, orgName: org!.name });
      });
      it('an API token bound to another org of the user', async () => {
        const body = await expectProblem(await gw.client.mint('run_acme_dashboard', { bearer: tokens.carolGlobex }), 'org_mismatch');
        expect(body).toMatchObject({ orgId: 'org_acme', orgName: 'Acme Inc' });
        expect((await gw.client.mint('run_acme_dashboard', { bearer: tokens.carolAcme })).status).toBe(200);
      });
    });


    describeMintLimits(ctx);
  });
}
