import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { startFeedServer, type FeedServer } from '@/lib/artifact-sdk/revocation-feed.fixtures';
import { signToken, startPublishedKey, validClaims, validGuestClaims, type RecordingServer, type SigningKey } from '@/lib/artifact-sdk/verify.fixtures';
import type { ArtifactProxyConfig } from '@/lib/artifact-proxy/config';
import { createArtifactProxyServer } from '@/lib/artifact-proxy/server';
import { createSessionVerifier } from '@/lib/artifact-proxy/verify';
import { artifactProxyKeys } from '@/lib/gateway/apps/artifact-proxy-keys';
import type { ProxiedApp } from '@/lib/gateway/apps/proxied-apps';
import { parseUpstreamAllowList } from '@/lib/gateway/apps/upstream-allowlist';
import { hostRequest } from './host-request';

export const GATEWAY = 'http://localhost:3000';
export const APP = 'run_acme_plain';
export const DOMAIN = 'proxy.localhost:3200';
export const HOST = `run-acme-plain.${DOMAIN}`;
export const ORIGIN = `http://${HOST}`;
/** A second app whose upstream base has a path: one tenant of a shared upstream. */
export const TENANT_APP = 'run_tenant_a';
export const TENANT_HOST = `run-tenant-a.${DOMAIN}`;
export const TENANT_ORIGIN = `http://${TENANT_HOST}`;
/** Apps of orgs whose sharing switch is `links` and `off` (SPEC §15); Acme's is `links_and_public`, as in the demo. */
export const LINKS_ONLY_HOST = `run-initech-plain.${DOMAIN}`;
export const SHARING_OFF_HOST = `run-globex-plain.${DOMAIN}`;

/** What reached the upstream. */
type Seen = { method: string; url: string; headers: IncomingHttpHeaders; bodyBytes: number; bodySha256: string };

export interface ProxyWorld {
  key: SigningKey;
  jwks: RecordingServer;
  /** The gateway's revocation feed, as the proxy follows it. */
  feed: FeedServer;
  proxyUrl: string;
  config: ArtifactProxyConfig;
  seen: Seen[];
  /** The upstream's SSE handler waits for this before its second event. */
  releaseSecondEvent: () => void;
  token(claims?: Record<string, unknown>): Promise<string>;
  /** A guest token (typ app-guest+jwt) of an anonymous share-link guest of `appId`, unless `claims` say otherwise. */
  guestToken(claims?: Record<string, unknown>, appId?: string): Promise<string>;
  /** A request to the proxy with `Sec-Fetch-Site: same-origin` (the app's own page) unless `init.headers` names another. */
  request(path: string, init?: Parameters<typeof hostRequest>[3], host?: string): ReturnType<typeof hostRequest>;
  /** POST /.app-gateway/session with the token (to `host`, from `origin`); answers the response. */
  exchange(token: unknown, origin?: string, host?: string): ReturnType<typeof hostRequest>;
  /** A viewer's proxy session: a token (with `claims`) exchanged at the app's origin, and the `name=value` of the cookie the proxy set. */
  session(claims?: Record<string, unknown>): Promise<{ token: string; cookie: string }>;
  lookupFails: { value: boolean };
  /** What the stand-in look-up answers, by origin: replace an entry to change an app (its org's sharing switch, say). */
  apps: Map<string, ProxiedApp>;
  close(): Promise<void>;
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/** What the upstream's `/cookies` sets: its own cookies (some naming a Domain) and the proxy's in odd spellings. */
const UPSTREAM_COOKIES = [
  'app_pref=1; Domain=proxy.localhost; Path=/',
  'theme=dark;domain = .proxy.localhost ;Path=/; HttpOnly',
  'lang=en; Secure; DOMAIN=run-acme-plain.proxy.localhost',
  '__Host-app_gateway_proxy_session =forged; Path=/; Secure',
  ' app_gateway_proxy_session\t=forged; Path=/',
  '=__Host-app_gateway_proxy_session=forged; Path=/',
  'my_app_gateway_proxy_session=kept; Path=/',
  'APP_GATEWAY_PROXY_SESSION=kept',
];

/** Extra header lines of the upstream's 101 to `/ws/cookies`: cookies, WebSocket headers and hop-by-hop ones. */
const UPSTREAM_101_EXTRA = [
  'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
  'Sec-WebSocket-Protocol: chat',
  'Set-Cookie: __Host-app_gateway_proxy_session=forged; Path=/; Secure',
  'Set-Cookie: ws_pref=1; Path=/; Domain=proxy.localhost',
  'Keep-Alive: timeout=5',
  'Connection: X-Hop',
  'X-Hop: dropped',
  'X-Upstream-Note: kept',
];

/** An upstream that records every request: `/sse` streams two events, `/download?mb=` streams a large body, `/page` is HTML, upgrades echo. */
function startUpstream(seen: Seen[], gate: { release: () => void; wait: Promise<void> }): Server {
  const server = createServer((req, res) => {
    const hash = createHash('sha256');
    let bodyBytes = 0;
    req.on('data', (c: Buffer) => {
      bodyBytes += c.length;
      hash.update(c);
    });
    req.on('end', () => {
      const record = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes, bodySha256: hash.digest('hex') };
      seen.push(record);
      const { pathname, searchParams } = new URL(req.url ?? '/', 'http://upstream.invalid');
      if (pathname === '/sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write('data: first\n\n');
        void gate.wait.then(() => res.end('data: second\n\n'));
      } else if (pathname === '/download') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(1024 * 1024, 7);
        for (let i = 0; i < Number(searchParams.get('mb')); i++) res.write(chunk);
        res.end();
      } else if (pathname === '/cookies') {
        res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': UPSTREAM_COOKIES });
        res.end('cookies');
      } else if (pathname === '/page') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': ['app_pref=1', '__Host-app_gateway_proxy_session=forged; Path=/'] });
        res.end('<!doctype html><title>upstream</title><p>hello</p>');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(record));
      }
    });
  });
  server.on('upgrade', (req, socket) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes: 0, bodySha256: '' });
    const extra = req.url === '/ws/cookies' ? UPSTREAM_101_EXTRA.map((line) => `${line}\r\n`).join('') : '';
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${extra}\r\n`);
    // The proxy resets tunnels it closes (a token that ended): a reset is how this echo ends, not a failure.
    socket.on('error', () => socket.destroy());
    socket.pipe(socket);
  });
  return server;
}

/** The proxy as these tests run it: the demo domain and gateway, a fixed secret, `upstreams` allowed (ARTIFACT_PROXY_UPSTREAMS syntax). */
export function testProxyConfig(gatewayUrl: string, upstreams: string, trustedProxies = 0): ArtifactProxyConfig {
  return {
    domain: DOMAIN,
    scheme: 'http:',
    listenHost: '127.0.0.1',
    listenPort: 0,
    gatewayOrigin: GATEWAY,
    gatewayUrl,
    keys: artifactProxyKeys({ AUTH_SECRET: 'a-test-secret-of-at-least-32-characters!!' }),
    secureCookies: true,
    trustedProxies,
    upstreams: parseUpstreamAllowList(upstreams),
  };
}

export async function startProxyWorld(): Promise<ProxyWorld> {
  const { key, jwks } = await startPublishedKey('k1');
  const feed = await startFeedServer();
  const seen: Seen[] = [];
  let release = () => undefined as void;
  const gate = { release: () => release(), wait: new Promise<void>((r) => (release = r)) };
  const upstream = startUpstream(seen, gate);
  const upstreamUrl = await listen(upstream);
  const lookupFails = { value: false };
  const apps = new Map<string, ProxiedApp>([
    [ORIGIN, { appId: APP, orgId: 'org_acme', upstreamUrl: `${upstreamUrl}/`, externalSharing: 'links_and_public' }],
    [TENANT_ORIGIN, { appId: TENANT_APP, orgId: 'org_acme', upstreamUrl: `${upstreamUrl}/tenantA/`, externalSharing: 'links_and_public' }],
    [`http://${LINKS_ONLY_HOST}`, { appId: 'run_initech_plain', orgId: 'org_initech', upstreamUrl: `${upstreamUrl}/`, externalSharing: 'links' }],
    [`http://${SHARING_OFF_HOST}`, { appId: 'run_globex_plain', orgId: 'org_globex', upstreamUrl: `${upstreamUrl}/`, externalSharing: 'off' }],
  ]);
  // The test upstream listens on a random loopback port: allowed explicitly, for these orgs only.
  const upstreamHost = new URL(upstreamUrl).host;
  const config = testProxyConfig(jwks.origin, ['org_acme', 'org_initech', 'org_globex'].map((org) => `${org}=${upstreamHost}`).join(','));
  const proxy = await createArtifactProxyServer(config, {
    // Stands in for the gateway's look-up endpoint (tested against the gateway in artifact-proxy-lookup.test.ts).
    directory: {
      find: async (origin) => {
        if (lookupFails.value) throw new Error('gateway down');
        return apps.get(origin) ?? null;
      },
    },
    verifier: createSessionVerifier(GATEWAY, jwks.origin, feed.feedUrl),
  });
  const proxyUrl = await listen(proxy);
  const request: ProxyWorld['request'] = (path, init = {}, host = HOST) =>
    hostRequest(proxyUrl, host, path, { ...init, headers: { 'sec-fetch-site': 'same-origin', ...init.headers } });
  const token: ProxyWorld['token'] = (claims = {}) => signToken(key, { ...validClaims(GATEWAY, APP), name: 'Zoë d’Arc', org_role: 'admin', ...claims });
  const exchange: ProxyWorld['exchange'] = (token, origin = ORIGIN, host = HOST) =>
    request('/.app-gateway/session', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ token }) }, host);
  return {
    key,
    jwks,
    feed,
    proxyUrl,
    config,
    seen,
    releaseSecondEvent: gate.release,
    lookupFails,
    apps,
    token,
    guestToken: (claims = {}, appId = APP) => signToken(key, { ...validGuestClaims(GATEWAY, appId), ...claims }, { typ: 'app-guest+jwt' }),
    request,
    exchange,
    session: async (claims = {}) => {
      const signed = await token(claims);
      return { token: signed, cookie: cookiePair((await exchange(signed)).headers['set-cookie']) };
    },
    close: async () => {
      await stop(proxy);
      await stop(upstream);
      await jwks.close();
      await feed.close();
    },
  };
}

/** The proxy world a test file shares, and one viewer's session in it (the token and the proxy's cookie): started before the file's tests, closed after them. */
export function proxyWorldWithViewer(): { world: ProxyWorld; token: string; cookie: string } {
  const proxy = {} as { world: ProxyWorld; token: string; cookie: string };
  beforeAll(async () => {
    proxy.world = await startProxyWorld();
    Object.assign(proxy, await proxy.world.session());
  });
  afterAll(async () => proxy.world?.close());
  return proxy;
}

/** The identity headers the proxy sets for a session of `token` with `token()`'s default claims: Alice of Acme, an admin, named Zoë d’Arc (percent-encoded). */
export const viewerIdentityHeaders = (token: string) => ({
  'x-app-gateway-assertion': token,
  'x-app-gateway-user-id': 'user_alice',
  'x-app-gateway-user-email': 'alice@acme.test',
  'x-app-gateway-user-name': 'Zo%C3%AB%20d%E2%80%99Arc',
  'x-app-gateway-org-id': 'org_acme',
  'x-app-gateway-org-role': 'admin',
});

/** The `name=value` of a session cookie from a Set-Cookie list. */
export const cookiePair = (setCookie: string[] | undefined) => setCookie?.[0]?.split(';')[0] ?? '';

/**
 * Retries `attempt`, a request of a session whose end the proxy is to read from the feed, until the
 * proxy answers 401 and forwards nothing upstream; fails after 25 s (the feed poll, and then some).
 */
export async function untilRefusedUnforwarded(attempt: () => Promise<{ status: number; reached: boolean }>): Promise<void> {
  await vi.waitFor(async () => expect(await attempt()).toEqual({ status: 401, reached: false }), { timeout: 25_000, interval: 500 });
}
