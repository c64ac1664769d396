// The artifact proxy against the real gateway (PGlite, demo world): the upstream look-up endpoint,
// and alice reaching the plain demo app through the proxy with a token the gateway minted.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifactProxyServer } from '@/lib/artifact-proxy/server';
import { createUpstreamDirectory } from '@/lib/artifact-proxy/upstreams';
import { createSessionVerifier } from '@/lib/artifact-proxy/verify';
import { env } from '@/lib/platform/config/env';
import { artifactProxyKeys } from '@/lib/gateway/apps/artifact-proxy-keys';
import { createPlainUpstreamServer } from '../artifact-host/plain-upstream';
import { cookiePair } from './harness/artifact-proxy-fixture';
import { APP_URL, startGateway, type Gateway } from './harness/gateway-fixture';
import { hostRequest } from './harness/host-request';
import { newLink, secretOf } from './sharing-suite';

const PLAIN_ORIGIN = 'http://run-acme-plain.proxy.localhost:3200';
let gw: Gateway;
let plain: Server;
let proxy: Server;
let proxyUrl: string;
let lookupToken: string;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const lookup = (origin: string, token = lookupToken) =>
  fetch(`${gw.url}/v1/app-gateway/artifact-proxy/apps?origin=${encodeURIComponent(origin)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  plain = createPlainUpstreamServer(APP_URL);
  const plainUrl = await listen(plain);
  gw = await startGateway('pglite', { ARTIFACT_PLAIN_UPSTREAM_URL: plainUrl, ARTIFACT_PROXY_DOMAIN: 'proxy.localhost:3200' });
  const keys = artifactProxyKeys(env());
  lookupToken = keys.lookupToken;
  proxy = await createArtifactProxyServer(
    { domain: 'proxy.localhost:3200', scheme: 'http:', listenHost: '127.0.0.1', listenPort: 0, gatewayOrigin: APP_URL, gatewayUrl: gw.url, keys, secureCookies: true, upstreams: env().ARTIFACT_PROXY_UPSTREAMS },
    { directory: createUpstreamDirectory(gw.url, keys.lookupToken), verifier: createSessionVerifier(APP_URL, gw.url) },
  );
  proxyUrl = await listen(proxy);
});
afterAll(async () => {
  await new Promise((r) => proxy?.close(r));
  await new Promise((r) => plain?.close(r));
  await gw?.stop();
});

describe('GET /v1/app-gateway/artifact-proxy/apps', () => {
  it('tells the proxy which app an origin is, its org and its upstream', async () => {
    const response = await lookup(PLAIN_ORIGIN);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { actAs, ...app } = (await response.json()) as { actAs: { clientSecret: string } | null };
    expect(app).toEqual({
      appId: 'run_acme_plain',
      orgId: 'org_acme',
      upstreamUrl: `${env().ARTIFACT_PLAIN_UPSTREAM_URL}/`,
      externalSharing: 'links_and_public',
    });
    // The app's proxy credential, where the demo lets the proxy act for its viewers (artifact-proxy-access-token.test.ts).
    expect(actAs === null || /^agw_cs_/.test(actAs.clientSecret)).toBe(true);
  });

  it('answers only the proxy: 401 without or with a wrong credential', async () => {
    for (const token of ['', 'agwp_wrong', `${lookupToken}x`]) {
      const response = await lookup(PLAIN_ORIGIN, token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('answers 404 for an origin that is not a proxied app (a direct artifact included), 400 for a non-origin', async () => {
    expect((await lookup('http://run-acme-dashboard.apps.localhost:3100')).status).toBe(404);
    expect((await lookup('http://nobody.proxy.localhost:3200')).status).toBe(404);
    expect((await lookup('javascript:alert(1)')).status).toBe(400);
  });
});

describe('alice through the proxy', () => {
  it('a token minted by the gateway opens a session; the plain page greets her from the proxy’s headers', async () => {
    const cookie = await gw.client.signIn('alice@acme.test');
    const minted = await gw.client.mint('run_acme_plain', { cookie });
    expect(minted.status).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    const host = new URL(PLAIN_ORIGIN).host;
    const session = await hostRequest(proxyUrl, host, '/.app-gateway/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PLAIN_ORIGIN },
      body: JSON.stringify({ token }),
    });
    expect(session.status).toBe(204);
    const page = await hostRequest(proxyUrl, host, '/', { headers: { cookie: cookiePair(session.headers['set-cookie']), 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 id="greeting">Hello, Alice Anders</h1>');
    expect(page.text).toContain('<td data-header="x-app-gateway-user-email">alice@acme.test</td>');
    expect(page.text).toContain('<td data-header="x-app-gateway-org-id">org_acme</td>');
    expect(page.text).not.toContain('x-app-gateway-assertion');
    expect(page.text).not.toContain(token.split('.')[2]);

    // A token for another app of the same org opens no session here.
    const other = (await (await gw.client.mint('run_acme_dashboard', { cookie })).json()) as { token: string };
    const refused = await hostRequest(proxyUrl, host, '/.app-gateway/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PLAIN_ORIGIN },
      body: JSON.stringify({ token: other.token }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['set-cookie']).toBeUndefined();
  });
});

describe('a guest through the proxy (SPEC §15)', () => {
  const host = new URL(PLAIN_ORIGIN).host;
  const exchange = (token: string) =>
    hostRequest(proxyUrl, host, '/.app-gateway/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: PLAIN_ORIGIN }, body: JSON.stringify({ token }) });

  /** Opens a share link of the plain app as the gateway's page does ("Continue as guest", or as the signed-in `session`), then mints a guest token. */
  async function guestToken(fields: Record<string, string>, session = ''): Promise<string> {
    const link = await newLink('run_acme_plain');
    const opened = await fetch(`${gw.url}/s`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_URL, ...(session ? { cookie: session } : {}) },
      body: new URLSearchParams({ secret: secretOf(link.url), ...fields }),
    });
    expect(opened.status).toBe(303);
    const guestCookie = opened.headers.getSetCookie().find((c) => c.startsWith('agw_guest.run_acme_plain='))!.split(';')[0]!;
    const minted = await fetch(`${gw.url}/v1/app-gateway/run_acme_plain/guest-session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: APP_URL, cookie: guestCookie },
      body: '{}',
    });
    expect(minted.status).toBe(200);
    return ((await minted.json()) as { token: string }).token;
  }

  const page = async (token: string) => {
    const session = await exchange(token);
    expect(session.status).toBe(204);
    const answer = await hostRequest(proxyUrl, host, '/', { headers: { cookie: cookiePair(session.headers['set-cookie']), 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' } });
    expect(answer.status).toBe(200);
    return answer.text;
  };

  it('an anonymous guest is greeted by the name they gave, with role guest and no email or org header', async () => {
    const text = await page(await guestToken({ as: 'guest', name: 'Ada' }));
    expect(text).toContain('<h1 id="greeting">Hello, Ada (guest)</h1>');
    expect(text).toContain('<td data-header="x-app-gateway-org-role">guest</td>');
    expect(text).toMatch(/<td data-header="x-app-gateway-user-id">gst_[A-Za-z0-9_-]+<\/td>/);
    expect(text).not.toContain('x-app-gateway-user-email');
    expect(text).not.toContain('x-app-gateway-org-id');
  });

  it('a signed-in outsider keeps their own id and email', async () => {
    const text = await page(await guestToken({ as: 'me' }, await gw.client.signIn('bob@globex.test')));
    expect(text).toContain('<h1 id="greeting">Hello, Bob Bauer (guest)</h1>');
    expect(text).toContain('<td data-header="x-app-gateway-user-email">bob@globex.test</td>');
    expect(text).toContain('<td data-header="x-app-gateway-org-role">guest</td>');
    expect(text).not.toContain('x-app-gateway-org-id');
  });
});
