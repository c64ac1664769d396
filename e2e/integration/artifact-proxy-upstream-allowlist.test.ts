// The artifact proxy connects only where ARTIFACT_PROXY_UPSTREAMS allows (SPEC §11 amended), checked
// at every connection on the address actually connected to: an app whose upstream is not allowed
// (saved before the list changed, an address literal in another spelling, a name resolving inside)
// gets one refusal, whatever the port's state, and the internal service receives nothing.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifactProxyServer } from '@/lib/artifact-proxy/server';
import { createSessionVerifier } from '@/lib/artifact-proxy/verify';
import { startFeedServer, type FeedServer } from '@/lib/artifact-sdk/revocation-feed.fixtures';
import { closedPortOrigin, signToken, startPublishedKey, validClaims, type RecordingServer, type SigningKey } from '@/lib/artifact-sdk/verify.fixtures';
import type { ProxiedApp } from '@/lib/gateway/apps/proxied-apps';
import { cookiePair, DOMAIN, GATEWAY, testProxyConfig } from './harness/artifact-proxy-fixture';
import { hostRequest } from './harness/host-request';

const hostOf = (appId: string) => `${appId.replace(/_/g, '-')}.${DOMAIN}`;

let key: SigningKey;
let jwks: RecordingServer;
let feed: FeedServer;
let allowed: Server;
let internal: Server;
let proxy: Server;
let proxyUrl: string;
const hits = { allowed: 0, internal: 0 };

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
const recording = (name: keyof typeof hits) => {
  const server = createServer((req, res) => {
    hits[name]++;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`${name} service`);
  });
  server.on('upgrade', (_req, socket) => {
    hits[name]++;
    socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  });
  return server;
};

beforeAll(async () => {
  ({ key, jwks } = await startPublishedKey('k1'));
  feed = await startFeedServer();
  allowed = recording('allowed');
  internal = recording('internal');
  const allowedPort = await listen(allowed);
  const internalPort = await listen(internal);
  const closed = await closedPortOrigin();
  const apps: Record<string, ProxiedApp> = {
    run_allowed: { appId: 'run_allowed', orgId: 'org_acme', upstreamUrl: `http://127.0.0.1:${allowedPort}/`, externalSharing: 'off' },
    // Another org pointing at Acme's upstream: the entry is Acme's alone.
    run_globex: { appId: 'run_globex', orgId: 'org_globex', upstreamUrl: `http://127.0.0.1:${allowedPort}/`, externalSharing: 'off' },
    run_internal: { appId: 'run_internal', orgId: 'org_acme', upstreamUrl: `http://127.0.0.1:${internalPort}/`, externalSharing: 'off' },
    run_closed: { appId: 'run_closed', orgId: 'org_acme', upstreamUrl: `${closed}/`, externalSharing: 'off' },
    run_mapped: { appId: 'run_mapped', orgId: 'org_acme', upstreamUrl: `http://[::ffff:7f00:1]:${internalPort}/`, externalSharing: 'off' },
    run_named: { appId: 'run_named', orgId: 'org_acme', upstreamUrl: `http://localhost:${internalPort}/`, externalSharing: 'off' },
  };
  const byOrigin = new Map(Object.values(apps).map((a) => [`http://${hostOf(a.appId)}`, a]));
  proxy = await createArtifactProxyServer(
    testProxyConfig(jwks.origin, `org_acme=127.0.0.1:${allowedPort}`),
    { directory: { find: async (origin) => byOrigin.get(origin) ?? null }, verifier: createSessionVerifier(GATEWAY, jwks.origin, feed.feedUrl) },
  );
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});
afterAll(async () => {
  for (const server of [proxy, allowed, internal]) {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  }
  await jwks?.close();
  await feed?.close();
});

/** A session for the app (its own token exchanged on its own origin), then one request as the app's page. */
async function throughProxy(appId: string, path = '/') {
  const host = hostOf(appId);
  const token = await signToken(key, { ...validClaims(GATEWAY, appId), org_role: 'member' });
  const exchanged = await hostRequest(proxyUrl, host, '/.app-gateway/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://${host}` },
    body: JSON.stringify({ token }),
  });
  expect(exchanged.status).toBe(204);
  return hostRequest(proxyUrl, host, path, { method: 'DELETE', headers: { cookie: cookiePair(exchanged.headers['set-cookie']), 'sec-fetch-site': 'same-origin', 'x-admin': '1' } });
}

const refusal = {
  type: 'urn:app-gateway:problem:upstream_not_allowed',
  title: 'Bad gateway',
  status: 502,
  detail: 'The artifact proxy may not connect to this app’s server: it is not allowed in ARTIFACT_PROXY_UPSTREAMS.',
  code: 'upstream_not_allowed',
};

describe('the proxy connects only to allowed upstreams', () => {
  it('forwards to an allowed upstream', async () => {
    const response = await throughProxy('run_allowed', '/admin/drop');
    expect(response.status).toBe(200);
    expect(response.text).toBe('allowed service');
  });

  it('refuses an internal service the list does not allow, with any method and path; the service receives nothing', async () => {
    const before = hits.internal;
    const response = await throughProxy('run_internal', '/admin/drop?all=1');
    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json()).toEqual(refusal);
    expect(hits.internal).toBe(before);
  });

  it('answers the same for a closed port as for an open one: no port scanning through the proxy', async () => {
    const open = await throughProxy('run_internal');
    const closed = await throughProxy('run_closed');
    expect({ status: closed.status, text: closed.text }).toEqual({ status: open.status, text: open.text });
  });

  it('checks an address literal in any spelling as the address it is (Node connects to literals without a lookup)', async () => {
    const before = hits.internal;
    const response = await throughProxy('run_mapped');
    expect(response.json()).toEqual(refusal);
    expect(hits.internal).toBe(before);
  });

  it('refuses a name that resolves to an address not allowed, at connect time', async () => {
    const before = hits.internal;
    const response = await throughProxy('run_named');
    expect(response.json()).toEqual(refusal);
    expect(hits.internal).toBe(before);
  });

  it('an org-scoped entry serves that org only, even with a kept-alive connection to the same upstream open', async () => {
    await throughProxy('run_allowed');
    const before = hits.allowed;
    const response = await throughProxy('run_globex');
    expect(response.json()).toEqual(refusal);
    expect(hits.allowed).toBe(before);
  });

  it('refuses a WebSocket upgrade to a disallowed upstream; the service receives nothing', async () => {
    const host = hostOf('run_internal');
    const token = await signToken(key, { ...validClaims(GATEWAY, 'run_internal'), org_role: 'member' });
    const exchanged = await hostRequest(proxyUrl, host, '/.app-gateway/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://${host}` },
      body: JSON.stringify({ token }),
    });
    const before = hits.internal;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: new URL(proxyUrl).port,
        path: '/ws',
        headers: {
          host,
          cookie: cookiePair(exchanged.headers['set-cookie']),
          connection: 'Upgrade',
          upgrade: 'websocket',
          origin: `http://${host}`,
          'sec-fetch-site': 'same-origin',
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(502);
    expect(hits.internal).toBe(before);
  });
});
