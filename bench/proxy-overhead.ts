import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createSigningKey, signToken, startJwksServer, validClaims } from '@/lib/artifact-sdk/verify.fixtures';
import { createArtifactProxyServer } from '@/lib/artifact-proxy/server';
import { sessionSetCookie } from '@/lib/artifact-proxy/session-cookie';
import { createSessionVerifier } from '@/lib/artifact-proxy/verify';
import { artifactProxyKeys } from '@/lib/gateway/apps/artifact-proxy-keys';
import { createPlainUpstreamServer } from '../e2e/artifact-host/plain-upstream';

export type ProxyOverhead = { directRps: number; proxiedRps: number; directMeanMs: number; proxiedMeanMs: number; ratio: number; errors: number };

const GATEWAY = 'http://localhost:3000';
const HOST = 'run-acme-plain.proxy.localhost:3200';

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

async function load(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  const r = await autocannon({ url, connections, duration: seconds, requests: [{ method: 'GET', path: '/', headers }] });
  return { rps: Math.round(r.requests.average), mean: r.latency.average, errors: r.errors + r.timeouts + r.non2xx };
}

/**
 * The proxy's cost per request: the plain demo page fetched straight from its upstream and through
 * the proxy (session cookie checked, token verified, identity headers set, body streamed), same run,
 * same process, same connections. The ratio is the proxied mean latency over the direct one.
 */
export async function proxyOverhead(seconds: number, connections = 8): Promise<ProxyOverhead> {
  const key = await createSigningKey('bench');
  const jwks = await startJwksServer([key.publicJwk]);
  const upstream = createPlainUpstreamServer(GATEWAY);
  const upstreamUrl = await listen(upstream);
  const keys = artifactProxyKeys({ AUTH_SECRET: 'bench-secret-bench-secret-bench-secret!' });
  const proxy = await createArtifactProxyServer(
    { domain: 'proxy.localhost:3200', scheme: 'http:', listenHost: '127.0.0.1', listenPort: 0, gatewayOrigin: GATEWAY, gatewayUrl: jwks.origin, keys, secureCookies: true },
    { directory: { find: async () => ({ appId: 'run_acme_plain', upstreamUrl: `${upstreamUrl}/` }) }, verifier: createSessionVerifier(GATEWAY, jwks.origin) },
  );
  const proxyUrl = await listen(proxy);
  try {
    const token = await signToken(key, { ...validClaims(GATEWAY, 'run_acme_plain'), exp: Math.floor(Date.now() / 1000) + 3600 });
    const cookie = sessionSetCookie({ key: keys.cookieKey, origin: `http://${HOST}`, secure: true }, token, Date.now() / 1000 + 3600).split(';')[0]!;
    await load(`${proxyUrl}/`, { host: HOST, cookie }, connections, 1); // warm-up
    const direct = await load(`${upstreamUrl}/`, {}, connections, seconds);
    const proxied = await load(`${proxyUrl}/`, { host: HOST, cookie }, connections, seconds);
    return {
      directRps: direct.rps,
      proxiedRps: proxied.rps,
      directMeanMs: Math.round(direct.mean * 100) / 100,
      proxiedMeanMs: Math.round(proxied.mean * 100) / 100,
      ratio: Math.round((proxied.mean / Math.max(direct.mean, 0.01)) * 10) / 10,
      errors: direct.errors + proxied.errors,
    };
  } finally {
    await new Promise((r) => proxy.close(r));
    proxy.closeAllConnections();
    await new Promise((r) => upstream.close(r));
    await jwks.close();
  }
}
