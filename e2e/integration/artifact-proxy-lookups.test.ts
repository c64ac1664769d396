// Which app a Host is, asked of the gateway (SPEC §11): random host labels must not turn into one
// gateway look-up each. Look-ups that find no app are limited per client (429 with Retry-After, the
// gateway not asked), concurrent ones for one origin are asked once, and the cache keeps what is in
// use however many other origins pass through it.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifactProxyServer } from '@/lib/artifact-proxy/server';
import { createUpstreamDirectory, UNKNOWN_HOST_LOOKUPS_PER_MINUTE as LIMIT } from '@/lib/artifact-proxy/upstreams';
import { createSessionVerifier } from '@/lib/artifact-proxy/verify';
import { DOMAIN, GATEWAY, testProxyConfig } from './harness/artifact-proxy-fixture';

const KNOWN = /^http:\/\/(app-\d+)\.proxy\.localhost:3200$/;

/** The gateway's look-up endpoint: apps `app-<n>` exist, nothing else does; counts what it served per origin. */
function startGatewayLookups(served: Map<string, number>): Server {
  return createServer((req, res) => {
    const origin = new URL(req.url ?? '/', 'http://gateway.invalid').searchParams.get('origin') ?? '';
    served.set(origin, (served.get(origin) ?? 0) + 1);
    const app = KNOWN.exec(origin)?.[1];
    if (!app) return void res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ appId: app.replace(/-/g, '_'), orgId: 'org_acme', upstreamUrl: 'http://127.0.0.1:9/', externalSharing: 'off' }));
  });
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

let gateway: Server;
const proxies: Server[] = [];
let direct: number;
let behindOneProxy: number;
const served = new Map<string, number>();
const total = () => [...served.values()].reduce((a, b) => a + b, 0);
const agents = new Map<string, Agent>();
// The directories' clock moves only when a test moves it: cached answers and limit windows last as
// long as the test needs, however slow the machine.
const clock = { now: Date.now() };

beforeAll(async () => {
  gateway = startGatewayLookups(served);
  const gatewayUrl = `http://127.0.0.1:${await listen(gateway)}`;
  const start = async (trustedProxies: number) => {
    const config = testProxyConfig(gatewayUrl, '', trustedProxies);
    const directory = createUpstreamDirectory(gatewayUrl, config.keys.lookupToken, () => clock.now);
    const proxy = await createArtifactProxyServer(config, { directory, verifier: createSessionVerifier(GATEWAY, gatewayUrl) });
    proxies.push(proxy);
    return listen(proxy);
  };
  direct = await start(0);
  behindOneProxy = await start(1);
});
afterAll(async () => {
  for (const agent of agents.values()) agent.destroy();
  for (const proxy of proxies) await new Promise((r) => proxy.close(r));
  await new Promise((r) => gateway?.close(r));
});

/** A request for `/` on `<label>.<DOMAIN>` from the client address `from` (any 127/8 address is this machine). */
function get(
  label: string,
  from = '127.0.0.1',
  port = direct,
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter?: string; body: string }> {
  let agent = agents.get(from);
  if (!agent) agents.set(from, (agent = new Agent({ keepAlive: true, localAddress: from })));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent, headers: { 'sec-fetch-site': 'same-origin', ...headers, host: `${label}.${DOMAIN}`, accept: 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const randomLabel = () => `nope-${Math.random().toString(36).slice(2, 12)}`;

describe('look-ups of hosts that are no app', () => {
  it('one client gets at most the limit of them; the rest are 429 with Retry-After and never reach the gateway; other clients are unaffected', async () => {
    // Twenty at once for one unknown host: the gateway is asked once, and it counts once.
    const same = randomLabel();
    const together = await Promise.all(Array.from({ length: 20 }, () => get(same)));
    expect(together.map((r) => r.status)).toEqual(Array(20).fill(404));
    expect(total()).toBe(1);

    const answers = [];
    for (let i = 0; i < 3 * LIMIT; i++) answers.push(await get(randomLabel()));
    const refused = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 404)).toHaveLength(LIMIT - 1);
    expect(refused).toHaveLength(2 * LIMIT + 1);
    expect(total()).toBe(LIMIT);
    for (const r of refused) {
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(r.body)).toMatchObject({ status: 429, code: 'rate_limited' });
    }

    // Another client is asked about as usual.
    expect((await get(randomLabel(), '127.0.0.2')).status).toBe(404);
    expect((await get('app-1', '127.0.0.2')).status).toBe(401);
    expect(total()).toBe(LIMIT + 2);

    // The limited client still reaches that app: cached, and once the answer is stale, asked again.
    expect((await get('app-1')).status).toBe(401);
    clock.now += 31_000;
    expect((await get('app-1')).status).toBe(401);
    expect(served.get('http://app-1.proxy.localhost:3200')).toBe(2);
    expect((await get(randomLabel())).status).toBe(429);
    expect(total()).toBe(LIMIT + 3);
  });

  it('behind a trusted proxy (TRUSTED_PROXY_COUNT=1) count against the X-Forwarded-For client, an IPv6 one by its /64', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': `203.0.113.7, ${address}` });
    const before = total();
    for (let i = 0; i < LIMIT; i++) expect((await get(randomLabel(), '127.0.0.4', behindOneProxy, from(`2001:db8:1:2::${i + 1}`))).status).toBe(404);
    expect(total()).toBe(before + LIMIT);

    // The same /64, written another way: refused. Another /64, and another IPv4 client, through the same proxy: asked.
    expect((await get(randomLabel(), '127.0.0.4', behindOneProxy, from('2001:0DB8:0001:0002:ffff:0:0:9'))).status).toBe(429);
    expect((await get(randomLabel(), '127.0.0.4', behindOneProxy, from('2001:db8:1:3::1'))).status).toBe(404);
    expect((await get(randomLabel(), '127.0.0.4', behindOneProxy, from('198.51.100.20'))).status).toBe(404);
    expect(total()).toBe(before + LIMIT + 2);
  });
});

describe('the look-up cache', () => {
  it('keeps an app in use cached while more than 10,000 other apps pass through it', async () => {
    const hot = 'http://app-0.proxy.localhost:3200';
    expect((await get('app-0', '127.0.0.3')).status).toBe(401);
    const others = 10_500;
    for (let start = 1; start <= others; start += 500) {
      const batch = Array.from({ length: 500 }, (_, i) => start + i);
      // Sixteen connections at a time, the app in use visited between batches.
      for (let i = 0; i < batch.length; i += 16) await Promise.all(batch.slice(i, i + 16).map((n) => get(`app-${1000 + n}`, '127.0.0.3')));
      expect((await get('app-0', '127.0.0.3')).status).toBe(401);
    }
    expect(served.get(hot)).toBe(1);
  }, 120_000);
});
