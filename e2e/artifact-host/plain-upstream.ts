// The plain demo upstream behind the artifact proxy (SPEC §11): no token code at all. It trusts the
// X-App-Gateway-* headers because only the proxy can reach it (docs/artifact-proxy.md, "Deploying the
// proxy"). `/` greets the viewer and lists those headers; `/ws`, a WebSocket, greets the viewer too.
// Where the proxy acts for the viewer (SPEC §17), `/` also shows whom the injected access token is
// for and its scope, as the platform API would see it: verified with the SDK's access-token verifier.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { createAccessTokenVerifier, isArtifactTokenError, type AccessTokenVerifier } from '@/lib/artifact-sdk/index';
import { acceptGreetingSocket } from './greeting-socket';
import { problem, send } from './responses';

const ASSERTION = 'x-app-gateway-assertion';
const ACCESS_TOKEN = 'x-app-gateway-access-token';
/** Never shown: the viewer's token and the access token are credentials. */
const NOT_LISTED: ReadonlySet<string> = new Set([ASSERTION, ACCESS_TOKEN]);
/** The demo platform API: the resource the proxied demo app's access token is for. */
const DEMO_RESOURCE = 'platform-api';

/** What the upstream was asked, for the browser suite's request log: never the assertion. */
export interface UpstreamRequestRecord {
  method: string;
  path: string;
  /** The query string (`?…`), or '' — lets a test find the requests its own page made. */
  search: string;
  /** The viewer the proxy named (X-App-Gateway-User-Id), or null. */
  userId: string | null;
  fetchSite: string | null;
  origin: string | null;
  upgrade: string | null;
}

export interface PlainUpstreamOptions {
  onRequest?: (record: UpstreamRequestRecord) => void;
  /** Where the gateway's keys and revocation feed are read (defaults: the gateway origin's). */
  jwksUri?: string;
  revocationEndpoint?: string;
}

/** The plain upstream, not yet listening. */
export function createPlainUpstreamServer(gatewayOrigin: string, options: PlainUpstreamOptions = {}): Server {
  const record = (req: IncomingMessage) => options.onRequest?.(recordOf(req));
  let verifier: AccessTokenVerifier | null = null;
  const accessTokens = () =>
    (verifier ??= createAccessTokenVerifier({ issuer: gatewayOrigin, audience: DEMO_RESOURCE, jwksUri: options.jwksUri, revocationEndpoint: options.revocationEndpoint }));
  const headers = {
    'Content-Security-Policy': `frame-ancestors ${gatewayOrigin}; default-src 'self'; style-src 'unsafe-inline'`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://upstream.invalid');
    if (pathname !== '/healthz') record(req);
    if (pathname === '/healthz') return send(res, { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"status":"ok"}' }, headers, false);
    if (pathname !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return send(res, problem(404, 'not_found', 'Not found', 'The plain demo app has one page.'), headers, false);
    }
    void actingAs(req.headers[ACCESS_TOKEN], accessTokens).then((acting) =>
      send(res, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: renderRoster(req.headers, acting) }, headers, req.method === 'HEAD'),
    );
  });
  server.on('close', () => verifier?.close());
  server.on('upgrade', (req: IncomingMessage, socket) => {
    record(req);
    if (new URL(req.url ?? '/', 'http://upstream.invalid').pathname !== '/ws') {
      return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
    const name = decodeHeader(req.headers['x-app-gateway-user-name']);
    acceptGreetingSocket(req, socket, name ? `Hello, ${name}` : 'Hello, stranger');
  });
  return server;
}

function recordOf(req: IncomingMessage): UpstreamRequestRecord {
  const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : null);
  const url = new URL(req.url ?? '/', 'http://upstream.invalid');
  return {
    method: req.method ?? '',
    path: url.pathname,
    search: url.search,
    userId: one(req.headers['x-app-gateway-user-id']),
    fetchSite: one(req.headers['sec-fetch-site']),
    origin: one(req.headers.origin),
    upgrade: one(req.headers.upgrade),
  };
}

/** What the injected access token says, once verified (null: none was sent); or why it did not verify. */
type Acting = { sub: string; scope: string; orgId: string | null } | { refused: string } | null;

async function actingAs(header: string | string[] | undefined, verifier: () => AccessTokenVerifier): Promise<Acting> {
  if (typeof header !== 'string') return null;
  try {
    const claims = await verifier().verify(header);
    return { sub: claims.sub, scope: claims.scope, orgId: claims.org_id };
  } catch (err) {
    return { refused: isArtifactTokenError(err) ? err.code : 'unverifiable' };
  }
}

function renderActing(acting: Acting): string {
  if (acting === null) return '<p id="acting">No access token: the proxy does not act for you here.</p>';
  if ('refused' in acting) return `<p id="acting">The access token did not verify (${escapeHtml(acting.refused)}).</p>`;
  return `<p id="acting">Platform API access token for <span data-claim="sub">${escapeHtml(acting.sub)}</span> with scope <span data-claim="scope">${escapeHtml(acting.scope)}</span> (verified against the gateway’s keys).</p>`;
}

// GET / — greets the viewer the proxy verified and lists what it was told (never the assertion or the access token).
function renderRoster(requestHeaders: IncomingHttpHeaders, acting: Acting): string {
  const gatewayHeaders = Object.entries(requestHeaders)
    .filter(([name]) => name.startsWith('x-app-gateway-') && !NOT_LISTED.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  const name = decodeHeader(requestHeaders['x-app-gateway-user-name']);
  const rows = gatewayHeaders
    .map(([header, value]) => `<tr><th scope="row">${escapeHtml(header)}</th><td data-header="${escapeHtml(header)}">${escapeHtml(String(value))}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Team roster (plain)</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:24px}th{text-align:left;padding-right:16px;font-weight:500}td{font-family:ui-monospace,monospace}</style></head>
<body>
<h1 id="greeting">${name ? `Hello, ${escapeHtml(name)}` : 'Hello, stranger'}</h1>
<p>This page has no token code: the artifact proxy verified you and told it who you are.</p>
<table id="gateway-headers">
${rows}
</table>
${renderActing(acting)}
</body>
</html>`;
}

function decodeHeader(value: string | string[] | undefined): string | null {
  if (typeof value !== 'string') return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
