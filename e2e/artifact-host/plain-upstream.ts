// The plain demo upstream behind the artifact proxy (SPEC §11): no token code at all. It trusts the
// X-App-Gateway-* headers because only the proxy can reach it (docs/artifact-proxy.md, "Deploying the
// proxy"). `/` greets the viewer and lists those headers; `/ws`, a WebSocket, greets the viewer too.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { acceptGreetingSocket } from './greeting-socket';
import { problem, send } from './responses';

const ASSERTION = 'x-app-gateway-assertion';

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
}

/** The plain upstream, not yet listening. */
export function createPlainUpstreamServer(gatewayOrigin: string, options: PlainUpstreamOptions = {}): Server {
  const record = (req: IncomingMessage) => options.onRequest?.(recordOf(req));
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
    send(res, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: renderRoster(req.headers) }, headers, req.method === 'HEAD');
  });
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

// GET / — greets the viewer the proxy verified and lists what it was told (never the assertion).
function renderRoster(requestHeaders: IncomingHttpHeaders): string {
  const gatewayHeaders = Object.entries(requestHeaders)
    .filter(([name]) => name.startsWith('x-app-gateway-') && name !== ASSERTION)
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
