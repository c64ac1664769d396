import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { auditEvents, users } from '@/db/schema';
import { createAccessTokenVerifier, type AccessTokenVerifier } from '@/lib/artifact-sdk/index';
import { createArtifactProxyServer } from '@/lib/artifact-proxy/server';
import { createUpstreamDirectory } from '@/lib/artifact-proxy/upstreams';
import { createSessionVerifier } from '@/lib/artifact-proxy/verify';
import { artifactProxyKeys } from '@/lib/gateway/apps/artifact-proxy-keys';
import { createOrgApp } from '@/lib/gateway/apps/org-apps';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { setAppAllowance } from '@/lib/gateway/exchange/allowances';
import { createAppCredential, listAppCredentials, revokeAppCredential } from '@/lib/gateway/exchange/credentials';
import { enableProxyActing, proxyActingOf } from '@/lib/gateway/exchange/proxy-credential';
import { sealProxySecret } from '@/lib/gateway/exchange/proxy-secret-box';
import { addResource } from '@/lib/gateway/exchange/resources';
import { seedDemoWorld } from '@/lib/gateway/demo/seed';
import { recordRevocations } from '@/lib/gateway/revocations/record';
import { env } from '@/lib/platform/config/env';
import { createPlainUpstreamServer } from '../artifact-host/plain-upstream';
import { cookiePair, untilRefusedUnforwarded } from './harness/artifact-proxy-fixture';
import type { DbKind } from './harness/databases';
import { mintedToken, RESOURCE } from './harness/exchange';
import { APP_URL, startGateway, type Gateway } from './harness/gateway-fixture';
import { hostRequest } from './harness/host-request';
import { newLink, secretOf } from './sharing-suite';

const APP = 'run_acme_plain';
const DOMAIN = 'proxy.localhost:3200';
const HOST = `run-acme-plain.${DOMAIN}`;
/** A proxied app of Acme allowed nothing anywhere. */
const BARE_APP = 'run_acme_plain_bare';
const BARE_HOST = `run-acme-plain-bare.${DOMAIN}`;
const HEADER = 'x-app-gateway-access-token';
/** Past the proxy's look-up cache (30 s): the next request asks the gateway again. */
const LOOKUP_TTL_MS = 30_000;

type Seen = { url: string; headers: IncomingHttpHeaders };

/** Whole seconds only: a token issued in the second of a feed entry is revoked by it (iat ≤ at). */
const nextSecond = () => new Promise((r) => setTimeout(r, 1_050 - (Date.now() % 1_000)));

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/**
 * An upstream that records what it is sent; `/echo` answers the request's headers back, as
 * response headers (plain and spelled as the proxy's own) and as a JSON body.
 */
function recordingUpstream(seen: Seen[]): Server {
  return createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === '/echo') {
      const token = String(req.headers[HEADER] ?? '');
      res.writeHead(200, { 'content-type': 'application/json', 'x-echo': `token=${token}`, 'x-app-gateway-access-token': token, 'x_app_gateway_note': 'dropped' });
      return void res.end(JSON.stringify({ headers: req.headers }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
}

/**
 * SPEC §17: the artifact proxy injects X-App-Gateway-Access-Token for a proxied app the org admin
 * let it act for, exchanged at the real token endpoint with the app's own proxy credential; against
 * the real gateway (its JWKS, its audit log, its feed) on this database.
 */
export function describeProxyAccessToken(kind: DbKind) {
  describe(`the artifact proxy’s access token on ${kind}`, () => {
    let gw: Gateway;
    let upstream: Server;
    let proxy: Server;
    let proxyUrl: string;
    let verifier: AccessTokenVerifier;
    const seen: Seen[] = [];
    // The proxy's clock, moved forward only (its caches were filled by it): past its look-up cache, or near a token's expiry.
    const clock = { skew: 0 };
    const now = () => Date.now() + clock.skew;
    const skipLookupCache = () => void (clock.skew += LOOKUP_TTL_MS + 1_000);
    const cookies: Record<string, string> = {};

    beforeAll(async () => {
      upstream = recordingUpstream(seen);
      const upstreamUrl = await listen(upstream);
      gw = await startGateway(kind, { ARTIFACT_PLAIN_UPSTREAM_URL: upstreamUrl, ARTIFACT_PROXY_DOMAIN: DOMAIN, RATE_LIMIT_MINTS_PER_MINUTE: '0' });
      // The demo platform API's resource, then the demo seed again: it lets the proxy act for the plain demo app's viewers.
      const added = await addResource({ id: RESOURCE, scopes: ['runs:read', 'runs:write'], actor: OPERATOR });
      if (!added.ok && added.reason !== 'exists') throw new Error(`resource: ${added.reason}`);
      await seedDemoWorld();
      const bare = await createOrgApp(
        'org_acme',
        { title: 'Bare', workflowId: 'wf_acme_reports', hosting: 'proxy', artifactUrl: null, upstreamUrl: `${upstreamUrl}/`, access: 'login_required' },
        { id: BARE_APP },
      );
      if (!bare.ok) throw new Error(`bare app: ${bare.reason}`);
      const keys = artifactProxyKeys(env());
      proxy = await createArtifactProxyServer(
        { domain: DOMAIN, scheme: 'http:', listenHost: '127.0.0.1', listenPort: 0, gatewayOrigin: APP_URL, gatewayUrl: gw.url, keys, secureCookies: true, upstreams: env().ARTIFACT_PROXY_UPSTREAMS },
        { directory: createUpstreamDirectory(gw.url, keys.lookupToken, now), verifier: createSessionVerifier(APP_URL, gw.url), now },
      );
      proxyUrl = await listen(proxy);
      verifier = createAccessTokenVerifier({
        issuer: APP_URL,
        audience: RESOURCE,
        jwksUri: `${gw.url}/.well-known/jwks.json`,
        revocationEndpoint: `${gw.url}/v1/app-gateway/revocations`,
      });
      // Carol, a member of Acme and an admin of Globex, acts in Acme here.
      await (await getDb()).update(users).set({ lastActiveOrgId: 'org_acme' }).where(eq(users.id, 'usr_carol'));
      for (const who of ['alice@acme.test', 'carol@example.test']) cookies[who.split('@')[0]!] = await gw.client.signIn(who);
    });
    afterAll(async () => {
      verifier?.close();
      await new Promise((r) => proxy?.close(r));
      await new Promise((r) => upstream?.close(r));
      await gw?.stop();
    });

    /** A proxy session of the app from a token the gateway minted (or this one): its cookie, and the token's sid. */
    async function proxySession(gatewayCookie: string | null, token?: string, host = HOST) {
      const subject = token ?? (await mintedToken(gw, host === HOST ? APP : BARE_APP, gatewayCookie!));
      const started = await hostRequest(proxyUrl, host, '/.app-gateway/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ token: subject }),
      });
      expect(started.status).toBe(204);
      return { cookie: cookiePair(started.headers['set-cookie']), sid: decodeJwt(subject).sid as string, subject };
    }

    /** A request of the app's own page, and what the upstream was sent (null: nothing reached it). */
    async function through(cookie: string, path = '/api/runs', headers: Record<string, string> = {}, host = HOST) {
      const before = seen.length;
      const response = await hostRequest(proxyUrl, host, path, { headers: { cookie, 'sec-fetch-site': 'same-origin', ...headers } });
      const sent = seen.length > before ? seen[seen.length - 1]!.headers : null;
      return { response, sent, token: typeof sent?.[HEADER] === 'string' ? sent[HEADER] : null };
    }

    /** Exchanges the audit log shows for the app and a session, by outcome. */
    async function exchanges(sid: string | null, appId = APP) {
      const db = await getDb();
      const rows = await db
        .select({ code: auditEvents.code, n: sql<number>`count(*)::int` })
        .from(auditEvents)
        .where(and(eq(auditEvents.appId, appId), sid === null ? sql`true` : eq(auditEvents.sessionId, sid), sql`${auditEvents.code} in ('token_exchanged', 'invalid_client', 'invalid_grant')`))
        .groupBy(auditEvents.code);
      return Object.fromEntries(rows.map((r) => [r.code, r.n]));
    }

    it('the demo seed turns it on for the plain demo app: runs:read on platform-api, members only', async () => {
      expect(await proxyActingOf(APP)).toMatchObject({ resourceId: RESOURCE });
    });

    it('turning it on: only an app of the admin’s org, served by the proxy, allowed on the resource; not one of the two live secrets', async () => {
      const on = (appId: string, orgId: string | null) => enableProxyActing({ appId, orgId, resourceId: RESOURCE, actor: OPERATOR });
      expect(await on(APP, 'org_globex')).toEqual({ ok: false, reason: 'app_not_found' });
      expect(await on('run_acme_dashboard', 'org_acme')).toEqual({ ok: false, reason: 'not_proxied' });
      expect(await on(BARE_APP, 'org_acme')).toEqual({ ok: false, reason: 'not_allowed' });
      // The app's backend still has both of its rotation slots.
      for (let i = 0; i < 2; i++) expect((await createAppCredential({ appId: APP, orgId: 'org_acme', actor: OPERATOR })).ok).toBe(true);
      expect(await createAppCredential({ appId: APP, orgId: 'org_acme', actor: OPERATOR })).toEqual({ ok: false, reason: 'credential_limit' });
      const listed = await listAppCredentials(APP, 'org_acme');
      expect(listed.filter((c) => c.live).map((c) => c.proxyResourceId).sort()).toEqual([RESOURCE, null, null].sort());
    });

    it('the upstream receives an RFC 9068 access token for the viewer that verifies against the JWKS', async () => {
      const { cookie, sid, subject } = await proxySession(cookies.alice!);
      const { response, token } = await through(cookie);
      expect(response.status).toBe(200);
      const jwks = createRemoteJWKSet(new URL(`${gw.url}/.well-known/jwks.json`));
      const { payload, protectedHeader } = await jwtVerify(token!, jwks, { algorithms: ['ES256'], typ: 'at+jwt', issuer: APP_URL, audience: RESOURCE });
      expect(protectedHeader.typ).toBe('at+jwt');
      expect(payload).toMatchObject({ sub: 'usr_alice', aud: RESOURCE, client_id: APP, act: { sub: `app:${APP}` }, scope: 'runs:read', sid, org_id: 'org_acme', org_role: 'admin' });
      expect(payload.exp).toBeLessThanOrEqual(decodeJwt(subject).exp!);
      // A resource server verifying with the SDK (revocations on) accepts it.
      expect(await verifier.verify(token, { requiredScope: 'runs:read' })).toMatchObject({ sub: 'usr_alice', client_id: APP, sid });
    });

    it('is kept per proxy session: two requests, one exchange (the audit log’s rows)', async () => {
      const { cookie, sid } = await proxySession(await gw.client.signIn('alice@acme.test'));
      const first = await through(cookie);
      const second = await through(cookie, '/api/other');
      expect(second.token).toBe(first.token);
      expect(await exchanges(sid)).toEqual({ token_exchanged: 1 });
    });

    it('is never shared: another viewer, and another session of the same viewer, each get their own', async () => {
      const alice = await proxySession(cookies.alice!);
      const aliceAgain = await proxySession(await gw.client.signIn('alice@acme.test'));
      const carol = await proxySession(cookies.carol!);
      // One after another: `through` reads what the upstream saw last, which concurrent requests would interleave.
      const tokens = [];
      for (const s of [alice, aliceAgain, carol]) tokens.push(decodeJwt((await through(s.cookie)).token!));
      expect(tokens.map((t) => [t.sub, t.sid])).toEqual([
        ['usr_alice', alice.sid],
        ['usr_alice', aliceAgain.sid],
        ['usr_carol', carol.sid],
      ]);
      expect(tokens[2]).toMatchObject({ org_role: 'member' });
    });

    it('never reaches the browser: a client-sent header is replaced, and echoes are dropped from headers and masked in bodies', async () => {
      const { cookie } = await proxySession(cookies.alice!);
      const forged = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c3JfZXZlIn0.';
      const { response, sent, token } = await through(cookie, '/echo', { 'x-app-gateway-access-token': forged, 'x_app_gateway_access_token': forged });
      expect(token).not.toBe(forged);
      expect(await verifier.verify(token)).toMatchObject({ sub: 'usr_alice' });
      expect(Object.keys(sent!).filter((n) => /access[-_]token/.test(n))).toEqual([HEADER]);
      expect(sent!['accept-encoding']).toBe('identity');
      expect(response.status).toBe(200);
      const everything = JSON.stringify(response.headers) + response.text;
      expect(everything).not.toContain(token!);
      expect(everything).not.toContain(token!.split('.')[2]!);
      expect(Object.keys(response.headers).filter((n) => /^x[-_]app[-_]gateway/.test(n))).toEqual([]);
      expect(response.headers['x-echo']).toBeUndefined();
      // The body is the upstream's, the token masked to the same length.
      const echoed = response.json<{ headers: Record<string, string> }>().headers;
      expect(echoed[HEADER]).toBe('*'.repeat(token!.length));
    });

    it('no header for a proxied app allowed nothing (and no exchange is tried)', async () => {
      const { cookie } = await proxySession(cookies.alice!, undefined, BARE_HOST);
      const { response, sent } = await through(cookie, '/api/runs', {}, BARE_HOST);
      expect(response.status).toBe(200);
      expect(sent![HEADER]).toBeUndefined();
      expect(sent!['x-app-gateway-user-id']).toBe('usr_alice');
      expect(await exchanges(null, BARE_APP)).toEqual({});
    });

    it('guests get one only where the allowance says guests', async () => {
      const guestSession = async () => {
        const link = await newLink(APP);
        const opened = await fetch(`${gw.url}/s`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_URL },
          body: new URLSearchParams({ secret: secretOf(link.url), as: 'guest', name: 'Ada' }),
        });
        const guestCookie = opened.headers.getSetCookie().find((c) => c.startsWith(`agw_guest.${APP}=`))!.split(';')[0]!;
        const minted = await fetch(`${gw.url}/v1/app-gateway/${APP}/guest-session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: APP_URL, cookie: guestCookie }, body: '{}' });
        expect(minted.status).toBe(200);
        return proxySession(null, ((await minted.json()) as { token: string }).token);
      };
      const members = await guestSession();
      const refused = await through(members.cookie);
      expect(refused.response.status).toBe(200);
      expect(refused.sent!['x-app-gateway-org-role']).toBe('guest');
      expect(refused.token).toBeNull();
      expect(await exchanges(members.sid)).toEqual({});

      const allowed = await setAppAllowance({ appId: APP, resourceId: RESOURCE, scopes: ['runs:read'], guests: true, orgId: null, actor: OPERATOR });
      expect(allowed.ok).toBe(true);
      skipLookupCache(); // the proxy reads the app's allowance again
      const guest = await guestSession();
      const { token } = await through(guest.cookie);
      expect(await verifier.verify(token)).toMatchObject({ sub: expect.stringMatching(/^gst_/), org_id: null, org_role: 'guest', sid: guest.sid });
    });

    it('after a feed entry revokes it, the next request carries a new one, never the stale one', async () => {
      const { cookie, sid } = await proxySession(cookies.alice!);
      const stale = (await through(cookie)).token!;
      await recordRevocations(await getDb(), [{ aud: RESOURCE }]);
      await vi.waitFor(
        async () => {
          const { token } = await through(cookie);
          expect(token).not.toBe(stale);
          expect(await verifier.verify(token)).toMatchObject({ sub: 'usr_alice', sid });
        },
        { timeout: 25_000, interval: 500 },
      );
      // A resource server following the feed refuses the stale one too, once it has read the entry.
      await vi.waitFor(() => expect(verifier.verify(stale)).rejects.toMatchObject({ code: 'token_revoked' }), { timeout: 25_000, interval: 500 });
    }, 60_000);

    it('after sign-out nothing is forwarded; signed in again, a new session gets its own token', async () => {
      const signedIn = await gw.client.signIn('carol@example.test');
      const { cookie, sid } = await proxySession(signedIn);
      expect((await through(cookie)).token).not.toBeNull();
      expect(await gw.client.signOut(signedIn)).toBeLessThan(400);
      await untilRefusedUnforwarded(async () => {
        const { response, sent } = await through(cookie);
        return { status: response.status, reached: sent !== null };
      });
      const again = await proxySession(await gw.client.signIn('carol@example.test'));
      expect(again.sid).not.toBe(sid);
      expect(decodeJwt((await through(again.cookie)).token!).sid).toBe(again.sid);
    }, 30_000);

    it('revoking the proxy’s credential stops injection: requests are still served, without the header, and it is not tried again', async () => {
      const acting = (await proxyActingOf(APP))!;
      expect(await revokeAppCredential({ id: acting.credentialId, orgId: null, actor: OPERATOR })).toEqual({ appId: APP });
      await nextSecond();
      // The revocation's { aud } entry ends the sessions before it; a fresh one is served, with no token.
      const { cookie } = await proxySession(await gw.client.signIn('alice@acme.test'));
      const refusedBefore = (await exchanges(null)).invalid_client ?? 0;
      for (const path of ['/api/runs', '/api/other']) {
        const { response, sent } = await through(cookie, path);
        expect(response.status).toBe(200);
        expect(sent![HEADER]).toBeUndefined();
      }
      // The proxy still held the revoked secret from its look-up: refused once, then not tried again.
      expect((await exchanges(null)).invalid_client ?? 0).toBeLessThanOrEqual(refusedBefore + 1);
      skipLookupCache();
      expect((await through(cookie)).sent![HEADER]).toBeUndefined();
      // Turned on again: a new credential, and the header is back.
      expect((await enableProxyActing({ appId: APP, orgId: null, resourceId: RESOURCE, actor: OPERATOR })).ok).toBe(true);
      skipLookupCache();
      expect(await verifier.verify((await through(cookie)).token)).toMatchObject({ sub: 'usr_alice' });
    });

    it('a proxy credential that no longer opens (APP_TOKEN_KEY_SECRET changed) leaves the app served, without the header', async () => {
      const acting = (await proxyActingOf(APP))!;
      const db = await getDb();
      const [row] = rowsOf<{ secret_sealed: string }>(await db.execute(sql`select secret_sealed from app_credentials where id = ${acting.credentialId}`));
      // Sealed under another master secret: what a changed APP_TOKEN_KEY_SECRET leaves behind.
      await db.execute(sql`update app_credentials set secret_sealed = ${sealProxySecret('agw_cs_x', acting.credentialId, 'another-master-secret-of-32-characters!!')} where id = ${acting.credentialId}`);
      try {
        skipLookupCache();
        const { cookie } = await proxySession(await gw.client.signIn('alice@acme.test'));
        const { response, sent } = await through(cookie);
        expect(response.status).toBe(200);
        expect(sent![HEADER]).toBeUndefined();
      } finally {
        await db.execute(sql`update app_credentials set secret_sealed = ${row!.secret_sealed} where id = ${acting.credentialId}`);
        skipLookupCache();
      }
    });

    it('the plain demo page shows whom the token is for and its scope, verified with the SDK, never the token', async () => {
      const { cookie } = await proxySession(await gw.client.signIn('alice@acme.test'));
      const { token, sent } = await through(cookie);
      const plain = createPlainUpstreamServer(APP_URL, { jwksUri: `${gw.url}/.well-known/jwks.json`, revocationEndpoint: `${gw.url}/v1/app-gateway/revocations` });
      const plainUrl = await listen(plain);
      try {
        const page = async (headers: Record<string, string>) => (await fetch(`${plainUrl}/`, { headers })).text();
        const shown = await page({ 'x-app-gateway-user-name': String(sent!['x-app-gateway-user-name']), [HEADER]: token! });
        expect(shown).toContain('Platform API access token for <span data-claim="sub">usr_alice</span> with scope <span data-claim="scope">runs:read</span>');
        expect(shown).not.toContain(token!.split('.')[2]!);
        expect(shown).not.toContain(HEADER);
        expect(await page({ [HEADER]: `${token!.slice(0, -4)}AAAA` })).toContain('The access token did not verify (bad_signature)');
        expect(await page({})).toContain('No access token');
      } finally {
        await new Promise((r) => plain.close(r));
      }
    });

    it('is renewed from the viewer’s newer token shortly before it expires, not before', async () => {
      const signedIn = await gw.client.signIn('alice@acme.test');
      const { cookie, sid } = await proxySession(signedIn);
      const first = decodeJwt((await through(cookie)).token!);
      await nextSecond();
      // The viewer page renews the proxy session with a fresher token of the same session (same sid).
      const renewed = await proxySession(null, await mintedToken(gw, APP, signedIn));
      expect(renewed.sid).toBe(sid);
      expect(decodeJwt((await through(renewed.cookie)).token!).jti).toBe(first.jti);
      clock.skew = (first.exp! - 20) * 1000 - Date.now(); // 20 s before it expires, by the proxy's clock
      const later = decodeJwt((await through(renewed.cookie)).token!);
      expect(later.jti).not.toBe(first.jti);
      expect(later.exp).toBeGreaterThan(first.exp!);
      expect(await exchanges(sid)).toEqual({ token_exchanged: 2 });
    });
  });
}
