import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { appCredentials } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { DEMO_APP_CLIENT_SECRET_DEFAULT, DEMO_CREDENTIAL_ID } from '@/lib/gateway/demo/demo-world';
import { listAppAllowances, setAppAllowance } from '@/lib/gateway/exchange/allowances';
import { createAppCredential, revokeAppCredential } from '@/lib/gateway/exchange/credentials';
import { addResource, listResources } from '@/lib/gateway/exchange/resources';
import { createArtifactHostServer } from '../artifact-host/app';
import { createPlatformApiServer } from '../artifact-host/platform-api';
import type { DbKind } from './harness/databases';
import type { MintInit } from './harness/client';
import { basic, exchangeFields, mintedToken, tokenRequest } from './harness/exchange';
import { APP_URL, startGateway, type Gateway } from './harness/gateway-fixture';
import { hostRequest } from './harness/host-request';

const DASHBOARD = 'run_acme_dashboard';
const RESOURCE = 'platform-api';
const DOMAIN = 'apps.localhost:3100';
/** The runs the demo world says alice started in Acme. */
const ALICE_ACME_RUNS = ['run_acme_dashboard', 'run_acme_public', 'run_acme_building', 'run_acme_plain'];

type Runs = { sub: string; org_id: string | null; runs: { id: string; title: string; workflow: string; status: string }[] };

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = (server: Server) => new Promise<void>((resolve) => {
  server.close(() => resolve());
  server.closeAllConnections();
});

/**
 * The demo platform API (SPEC §17, `npm run artifact-host`) against a real gateway: `GET /runs` with
 * access tokens the gateway issued by exchange, every RFC 6750 refusal, the demo world's resource,
 * allowance and client secret, and the sample dashboard's backend acting for its viewer.
 */
export function describeDemoPlatformApi(kind: DbKind) {
  describe(`demo platform API on ${kind}`, () => {
    let gw: Gateway;
    let api: Server;
    let apiUrl: string;
    let host: Server;
    let hostUrl: string;
    const secrets: Record<string, string> = { [DASHBOARD]: DEMO_APP_CLIENT_SECRET_DEFAULT };
    /** How each viewer mints: alice, bob and carol (acting in Globex) by session; carol in Acme by an API token of hers there. */
    const viewers: Record<string, MintInit> = {};
    const cookies: Record<string, string> = {};
    /** What the platform API and the artifact host log. */
    const logLines: string[] = [];
    /** Every token this suite saw: none may reach a log line. */
    const seenTokens: string[] = [];

    const runs = (authorization?: string) => fetch(`${apiUrl}/runs`, { headers: authorization === undefined ? {} : { authorization } });
    async function accessToken(who: string, appId = DASHBOARD, fields: Record<string, string> = {}): Promise<string> {
      const minted = await gw.client.mint(appId, viewers[who]!);
      if (minted.status !== 200) throw new Error(`the mint answered ${minted.status}`);
      const subject = ((await minted.json()) as { token: string }).token;
      const res = await tokenRequest(gw, exchangeFields(subject, fields), { authorization: basic(appId, secrets[appId]!) });
      if (res.status !== 200) throw new Error(`the exchange answered ${res.status}: ${await res.text()}`);
      const { access_token: token } = (await res.json()) as { access_token: string };
      seenTokens.push(subject, token);
      return token;
    }
    const dashboardRuns = (token?: string, label = 'run-acme-dashboard') =>
      hostRequest(hostUrl, `${label}.${DOMAIN}`, '/api/runs', { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

    beforeAll(async () => {
      gw = await startGateway(kind, { RATE_LIMIT_MINTS_PER_MINUTE: '0' });
      // Beyond the demo world: another resource, an app allowed only runs:write, and Globex's app allowed runs:read.
      expect((await addResource({ id: 'billing-api', scopes: ['invoices:read'], actor: OPERATOR })).ok).toBe(true);
      for (const [appId, resourceId, scopes] of [[DASHBOARD, 'billing-api', ['invoices:read']], ['run_acme_onboarding', RESOURCE, ['runs:write']], ['run_globex_tracker', RESOURCE, ['runs:read']]] as const) {
        expect((await setAppAllowance({ appId, resourceId, scopes, guests: false, orgId: null, actor: OPERATOR })).ok).toBe(true);
      }
      for (const appId of ['run_acme_onboarding', 'run_globex_tracker']) {
        const created = await createAppCredential({ appId, orgId: null, actor: OPERATOR });
        if (!created.ok) throw new Error(created.reason);
        secrets[appId] = created.secret;
      }
      for (const who of ['alice@acme.test', 'bob@globex.test', 'carol@example.test']) {
        const name = who.split('@')[0]!;
        cookies[name] = await gw.client.signIn(who);
        viewers[name] = { cookie: cookies[name] };
      }
      viewers.carolAcme = { bearer: (await createApiToken({ userId: 'usr_carol', orgId: 'org_acme' })).token };

      const gateway = { jwksUrl: `${gw.url}/.well-known/jwks.json`, revocationUrl: `${gw.url}/v1/app-gateway/revocations` };
      const log = (line: string) => logLines.push(line);
      api = createPlatformApiServer({ issuer: APP_URL, ...gateway, resource: RESOURCE, revocationPollSeconds: 1 }, { log });
      apiUrl = await listen(api);
      host = await createArtifactHostServer({
        domain: DOMAIN,
        listenHost: '127.0.0.1',
        listenPort: 0,
        gatewayOrigin: APP_URL,
        ...gateway,
        plainUpstream: null,
        platformApi: { listenHost: '127.0.0.1', listenPort: 0, origin: apiUrl, resource: RESOURCE },
        viewerExchange: { clientId: DASHBOARD, clientSecret: DEMO_APP_CLIENT_SECRET_DEFAULT, tokenEndpoint: `${gw.url}/v1/app-gateway/token`, scope: 'runs:read' },
      }, { log });
      hostUrl = await listen(host);
    }, 120_000);
    afterAll(async () => {
      if (host) await close(host);
      if (api) await close(api);
      await gw?.stop();
    });

    describe('the demo world (seeded)', () => {
      it('registers platform-api with runs:read and runs:write, and allows the sample dashboard runs:read on it', async () => {
        expect((await listResources()).find((r) => r.id === RESOURCE)).toMatchObject({ scopes: ['runs:read', 'runs:write'] });
        expect((await listAppAllowances(DASHBOARD)).find((a) => a.resourceId === RESOURCE)).toMatchObject({ scopes: ['runs:read'], guests: false });
      });

      it('stores the dashboard’s demo client secret as its SHA-256 only, live for at most 365 days', async () => {
        const [row] = await (await getDb()).select().from(appCredentials).where(eq(appCredentials.id, DEMO_CREDENTIAL_ID));
        expect(row).toMatchObject({ appId: DASHBOARD, secretHash: createHash('sha256').update(DEMO_APP_CLIENT_SECRET_DEFAULT).digest('hex'), revokedAt: null });
        expect(JSON.stringify(row)).not.toContain(DEMO_APP_CLIENT_SECRET_DEFAULT.slice(12));
        expect(Math.round((row!.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(365);
      });
    });

    describe('GET /runs', () => {
      it('answers the runs the token’s viewer started in the token’s org, no-store, without CORS', async () => {
        const res = await runs(`Bearer ${await accessToken('alice')}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        const body = (await res.json()) as Runs;
        expect({ sub: body.sub, org_id: body.org_id }).toEqual({ sub: 'usr_alice', org_id: 'org_acme' });
        expect(body.runs.map((r) => r.id)).toEqual(ALICE_ACME_RUNS);
        expect(body.runs[0]).toEqual({ id: 'run_acme_dashboard', title: 'Sales dashboard', workflow_id: 'wf_acme_reports', workflow: 'Weekly reports', status: 'ready' });
        expect(body.runs.find((r) => r.id === 'run_acme_building')?.status).toBe('building');
      });

      it('no token, or another scheme: 401 with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
        for (const authorization of [undefined, '', `Basic ${Buffer.from('a:b').toString('base64')}`]) {
          const res = await runs(authorization);
          expect(res.status).toBe(401);
          expect(res.headers.get('www-authenticate')).toBe('Bearer realm="platform-api"');
          expect(await res.json()).toMatchObject({ code: 'token_missing' });
        }
      });

      it('a garbled Bearer header: 400 invalid_request', async () => {
        const res = await runs('Bearer two tokens');
        expect(res.status).toBe(400);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="platform-api", error="invalid_request"');
      });

      it('a token for another resource, an app session token, a forged or altered one: 401 invalid_token, nothing answered', async () => {
        const alice = await mintedToken(gw, DASHBOARD, cookies.alice!);
        const billing = await accessToken('alice', DASHBOARD, { audience: 'billing-api', scope: 'invoices:read' });
        const [h, p, s] = (await accessToken('alice')).split('.');
        const otherSub = Buffer.from(JSON.stringify({ ...decodeJwt(`${h}.${p}.${s}`), sub: 'usr_carol' })).toString('base64url');
        for (const [token, code] of [[billing, 'wrong_audience'], [alice, 'wrong_type'], [`${h}.${otherSub}.${s}`, 'bad_signature'], ['not-a-jwt', 'token_malformed']] as const) {
          const res = await runs(`Bearer ${token}`);
          expect(res.status, code).toBe(401);
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="platform-api", error="invalid_token", error_description="[\x20\x21\x23-\x5b\x5d-\x7e]+"$/);
          const body = (await res.json()) as Record<string, unknown>;
          expect(body).toMatchObject({ status: 401, code });
          expect(body).not.toHaveProperty('runs');
        }
      });

      it('a token without runs:read: 403 insufficient_scope naming the scope', async () => {
        const writeOnly = await accessToken('alice', 'run_acme_onboarding', { scope: 'runs:write' });
        const res = await runs(`Bearer ${writeOnly}`);
        expect(res.status).toBe(403);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="platform-api", error="insufficient_scope", scope="runs:read"');
        expect(await res.json()).toMatchObject({ code: 'insufficient_scope' });
      });

      it('authorizes on sub and org_id together: another org’s token shows only that org’s runs, another person’s none of hers', async () => {
        const list = async (token: string) => ((await (await runs(`Bearer ${token}`)).json()) as Runs).runs.map((r) => r.id);
        // carol started one run in Acme and one in Globex: each org's token shows its own.
        expect(await list(await accessToken('carolAcme'))).toEqual(['run_acme_onboarding']);
        expect(await list(await accessToken('carol', 'run_globex_tracker'))).toEqual(['run_globex_tracker']);
        // bob, in Globex too, sees none of carol's runs there.
        expect(await list(await accessToken('bob', 'run_globex_tracker'))).toEqual([]);
      });

      it('a token whose viewer signed out is refused (401 token_revoked) once the feed is read', async () => {
        const leaving = await gw.client.signIn('alice@acme.test');
        const subject = await mintedToken(gw, DASHBOARD, leaving);
        const res = await tokenRequest(gw, exchangeFields(subject), { authorization: basic(DASHBOARD, secrets[DASHBOARD]!) });
        const { access_token: token } = (await res.json()) as { access_token: string };
        expect((await runs(`Bearer ${token}`)).status).toBe(200);
        expect(await gw.client.signOut(leaving)).toBeLessThan(400);
        const deadline = Date.now() + 30_000;
        let last = await runs(`Bearer ${token}`);
        while (last.status === 200 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 250));
          last = await runs(`Bearer ${token}`);
        }
        expect(last.status).toBe(401);
        expect(last.headers.get('www-authenticate')).toContain('error="invalid_token"');
        expect(await last.json()).toMatchObject({ code: 'token_revoked' });
        // Her other session's tokens are untouched.
        expect((await runs(`Bearer ${await accessToken('alice')}`)).status).toBe(200);
      });
    });

    describe('the sample dashboard’s backend: GET /api/runs on its origin', () => {
      it('exchanges the viewer’s app session token with the demo secret and answers her runs and name', async () => {
        const res = await dashboardRuns(await mintedToken(gw, DASHBOARD, cookies.alice!));
        expect(res.status).toBe(200);
        const body = res.json<{ name: string; runs: { id: string }[] }>();
        expect(body.name).toBe('Alice Anders');
        expect(body.runs.map((r) => r.id)).toEqual(ALICE_ACME_RUNS);
        expect(res.text).not.toMatch(/eyJ/); // no token in the answer
      });

      it('without a valid app session token: 401 (nothing exchanged); on another app’s origin there is no such endpoint', async () => {
        expect((await dashboardRuns()).status).toBe(401);
        expect((await dashboardRuns('not-a-jwt')).json()).toMatchObject({ code: 'token_malformed' });
        const onboarding = await mintedToken(gw, 'run_acme_onboarding', cookies.alice!);
        expect((await dashboardRuns(onboarding, 'run-acme-onboarding')).status).toBe(404);
        // Another app's token on the dashboard's origin is refused before any exchange.
        expect((await dashboardRuns(onboarding)).json()).toMatchObject({ code: 'wrong_audience' });
      });

      it('logs method, path, status and time only: no token, no secret', () => {
        expect(logLines.some((l) => /^platform API: GET \/runs 200 \d+ms$/.test(l))).toBe(true);
        expect(logLines.some((l) => /^GET \/api\/runs 200 \d+ms$/.test(l))).toBe(true);
        const all = logLines.join('\n');
        expect(all).not.toMatch(/eyJ|agw_cs_|Bearer|Basic/);
        for (const token of seenTokens) expect(all).not.toContain(token.split('.')[2]);
      });

      it('its demo secret revoked: the viewer is told plainly that the gateway refused (invalid_client)', async () => {
        expect(await revokeAppCredential({ id: DEMO_CREDENTIAL_ID, orgId: null, actor: OPERATOR })).toEqual({ appId: DASHBOARD });
        const res = await dashboardRuns(await mintedToken(gw, DASHBOARD, cookies.alice!));
        expect(res.status).toBe(502);
        expect(res.json()).toMatchObject({ code: 'invalid_client', detail: expect.stringMatching(/^The gateway did not give this app an access token for you: /) });
      });
    });
  });
}
