// The servers of the proxy-overhead bench, each in a process of its own so that none shares an event
// loop with the load generator (autocannon, in the bench's process):
//   tsx bench/proxy-overhead-servers.ts upstream          the plain demo page, and a page of a few KB
//   tsx bench/proxy-overhead-servers.ts proxy <plain> <page>   the proxy, with a stand-in gateway (JWKS and revocation feed)
//   tsx bench/proxy-overhead-servers.ts hop <plain> <page>     a bare node:http pass-through (the hop alone)
// Each prints one JSON line once it listens.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createArtifactProxyServer } from '@/lib/artifact-proxy/server';
import { sessionSetCookie } from '@/lib/artifact-proxy/session-cookie';
import { createSessionVerifier } from '@/lib/artifact-proxy/verify';
import { startFeedServer } from '@/lib/artifact-sdk/revocation-feed.fixtures';
import { createSigningKey, signToken, validClaims } from '@/lib/artifact-sdk/verify.fixtures';
import { artifactProxyKeys } from '@/lib/gateway/apps/artifact-proxy-keys';
import { parseUpstreamAllowList } from '@/lib/gateway/apps/upstream-allowlist';
import { createPlainUpstreamServer } from '../e2e/artifact-host/plain-upstream';
import { APPS, DOMAIN, GATEWAY, hostOf, PAGE_MARKER } from './proxy-overhead-apps';

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** A page the size of a small real one (~6 KB): a heading, a paragraph and an 80-row table. */
function realisticPage(): string {
  const rows = Array.from({ length: 80 }, (_, i) => `<tr><td>Region ${i + 1}</td><td>${(1000 + i * 37) % 997}</td><td>${(i * 7.3).toFixed(1)}%</td></tr>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${PAGE_MARKER}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:24px}table{border-collapse:collapse}td,th{padding:4px 12px;border-bottom:1px solid #e5e7eb}</style></head>
<body><h1>${PAGE_MARKER}</h1><p>${'Sales by region for the quarter, with the change on the previous quarter. '.repeat(16)}</p>
<table><thead><tr><th>Region</th><th>Units</th><th>Change</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

async function upstream() {
  const plain = await listen(createPlainUpstreamServer(GATEWAY));
  const html = realisticPage();
  const page = await listen(
    createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
      res.end(html);
    }),
  );
  return { plain, page };
}

/** The least a reverse proxy on node:http does: the same request to the upstream, its answer streamed back. */
function bareHop(upstreamOf: (host: string | undefined) => string | undefined): Server {
  return createServer((req, res) => {
    const base = new URL(upstreamOf(req.headers.host) ?? 'http://127.0.0.1:9/');
    const up = request({ hostname: base.hostname, port: base.port, method: req.method, path: req.url, headers: { ...req.headers, host: base.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
}

async function proxy(plainUrl: string, pageUrl: string) {
  const key = await createSigningKey('bench');
  const gateway = await startFeedServer([key.publicJwk]); // JWKS and the revocation feed, as the gateway serves them
  const keys = artifactProxyKeys({ AUTH_SECRET: 'bench-secret-bench-secret-bench-secret!' });
  const upstreams = new Map([
    [`http://${hostOf(APPS.plain)}`, { appId: APPS.plain, orgId: 'org_acme', upstreamUrl: `${plainUrl}/`, externalSharing: 'off' as const }],
    [`http://${hostOf(APPS.page)}`, { appId: APPS.page, orgId: 'org_acme', upstreamUrl: `${pageUrl}/`, externalSharing: 'off' as const }],
  ]);
  const allowed = parseUpstreamAllowList(`org_acme=${new URL(plainUrl).host},org_acme=${new URL(pageUrl).host}`);
  const server = await createArtifactProxyServer(
    { domain: DOMAIN, scheme: 'http:', listenHost: '127.0.0.1', listenPort: 0, gatewayOrigin: GATEWAY, gatewayUrl: gateway.origin, keys, secureCookies: true, upstreams: allowed },
    { directory: { find: async (origin) => upstreams.get(origin) ?? null }, verifier: createSessionVerifier(GATEWAY, gateway.origin, gateway.feedUrl) },
  );
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const cookies: Record<string, string> = {};
  // What the proxy tells the upstream, for the direct requests: the upstream does the same work either way.
  const identities: Record<string, Record<string, string>> = {};
  for (const appId of Object.values(APPS)) {
    const claims: Record<string, unknown> = { ...validClaims(GATEWAY, appId), exp };
    const token = await signToken(key, claims);
    const text = (name: string) => String(claims[name]);
    cookies[appId] = sessionSetCookie({ key: keys.cookieKey, origin: `http://${hostOf(appId)}`, secure: true }, token, exp).split(';')[0]!;
    identities[appId] = {
      'x-app-gateway-assertion': token,
      'x-app-gateway-user-id': text('sub'),
      'x-app-gateway-user-email': text('email'),
      'x-app-gateway-user-name': encodeURIComponent(text('name')),
      'x-app-gateway-org-id': text('org_id'),
      'x-app-gateway-org-role': text('org_role'),
    };
  }
  return { proxy: await listen(server), cookies, identities };
}

/** The bare hop, in a process of its own so that a CPU profile of the proxy's process is the proxy's alone. */
async function hop(plainUrl: string, pageUrl: string) {
  const upstreams = new Map([
    [hostOf(APPS.plain), `${plainUrl}/`],
    [hostOf(APPS.page), `${pageUrl}/`],
  ]);
  return { hop: await listen(bareHop((host) => upstreams.get(host ?? ''))) };
}

// A stop (SIGTERM from the bench) exits normally, so that --cpu-prof writes its profile.
process.once('SIGTERM', () => process.exit(0));
const [role, ...args] = process.argv.slice(2);
if (role === 'upstream') console.log(JSON.stringify(await upstream()));
else if (role === 'proxy') console.log(JSON.stringify(await proxy(args[0]!, args[1]!)));
else if (role === 'hop') console.log(JSON.stringify(await hop(args[0]!, args[1]!)));
else if (role !== undefined) throw new Error(`unknown role ${role}`);
