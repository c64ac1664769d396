import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ArtifactTokenError } from '@/lib/artifact-sdk';
import { labelOfHost } from '@/lib/gateway/apps/per-app-origin';
import type { ProxiedApp } from '@/lib/gateway/apps/proxied-apps';
import { bootstrapPageCsp, bootstrapPageHtml, type BootstrapCause } from './bootstrap-page';
import { clientKey } from './client-key';
import type { ArtifactProxyConfig } from './config';
import { isNavigation, isOwnPageUpgrade, isSameOrigin } from './fetch-metadata';
import { forwardRequest, forwardUpgrade, type ForwardTarget } from './forward';
import { upstreamRequestHeaders } from './identity-headers';
import { createOpenStreams } from './open-streams';
import { refuseUpgrade, sendProblem } from './replies';
import { isForwardableTarget } from './request-target';
import { buildProxyScripts } from './scripts';
import { clearedSessionCookie, readSessionCookie, type CookieOptions } from './session-cookie';
import { exchangeToken } from './session-endpoint';
import { UPSTREAM_NOT_ALLOWED, UpstreamNotAllowed, upstreamConnections } from './upstream-connections';
import { LookupsLimited, type UpstreamDirectory } from './upstreams';
import { isVerifierOutage, type SessionVerifier, type VerifiedSession } from './verify';

export interface ArtifactProxyDeps {
  directory: UpstreamDirectory;
  verifier: SessionVerifier;
  /** One line per request (method, host, path, status); never tokens, cookies or queries. */
  log?: (line: string) => void;
}

type Resolved = { app: ProxiedApp; origin: string; cookie: CookieOptions };

/** The artifact proxy (SPEC §11), not yet listening. Compiles its browser scripts before returning. */
export async function createArtifactProxyServer(config: ArtifactProxyConfig, deps: ArtifactProxyDeps): Promise<Server> {
  const scripts = await buildProxyScripts(config.gatewayOrigin);
  const log = deps.log ?? (() => undefined);
  const frameAncestors = `frame-ancestors ${config.gatewayOrigin}`;
  const connections = upstreamConnections(config.upstreams);
  const streams = createOpenStreams(deps.verifier);
  const bootstrapPages: Record<BootstrapCause, string> = { check: bootstrapPageHtml('check'), no_session: bootstrapPageHtml('no_session') };
  const bootstrapHeaders = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': bootstrapPageCsp(config.gatewayOrigin),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
  // Not allowed: one answer, decided before connecting, so the port's state never shows.
  const unreachable = (err: Error) =>
    err instanceof UpstreamNotAllowed ? UPSTREAM_NOT_ALLOWED : { status: 502, code: 'bad_gateway', title: 'Bad gateway', detail: 'The app’s server could not be reached.' };

  /** Which app this Host is, or why not (answered already). */
  async function resolve(req: IncomingMessage): Promise<Resolved | { status: number; code: string; title: string; detail: string; headers?: Record<string, string> }> {
    const host = req.headers.host;
    if (labelOfHost(host, config.domain) === null) return { status: 404, code: 'not_found', title: 'Not found', detail: 'No app is served on this host.' };
    const origin = `${config.scheme}//${host!.toLowerCase()}`;
    let app: ProxiedApp | null;
    try {
      app = await deps.directory.find(origin, () => clientKey(req, config.trustedProxies ?? 0));
    } catch (err) {
      if (err instanceof LookupsLimited) {
        const detail = 'Too many hosts that are no app were asked for from this address. Wait for the Retry-After time, then try again.';
        return { status: 429, code: 'rate_limited', title: 'Too many requests', detail, headers: { 'retry-after': String(err.retryAfterSeconds) } };
      }
      return { status: 503, code: 'unavailable', title: 'Service unavailable', detail: 'The gateway could not be reached. Try again shortly.' };
    }
    if (!app) return { status: 404, code: 'not_found', title: 'Not found', detail: 'No app is served on this host.' };
    return { app, origin, cookie: { key: config.keys.cookieKey, origin, secure: config.secureCookies } };
  }

  async function session(req: IncomingMessage, r: Resolved): Promise<{ session: VerifiedSession | null; present: boolean; forwarded: string | null }> {
    const { token, present, forwarded } = readSessionCookie(req.headers.cookie, r.cookie);
    if (token === null) return { session: null, present, forwarded };
    try {
      return { session: await deps.verifier.verify(token, r.app.appId), present, forwarded };
    } catch (err) {
      if (err instanceof ArtifactTokenError && !isVerifierOutage(err)) return { session: null, present, forwarded };
      throw err;
    }
  }

  function target(req: IncomingMessage, r: Resolved, s: VerifiedSession, forwardedCookie: string | null): ForwardTarget {
    return {
      upstreamUrl: r.app.upstreamUrl,
      headers: upstreamRequestHeaders(req.headers, s, forwardedCookie, new URL(r.app.upstreamUrl).host, config.scheme),
      renewScript: '<script type="module" src="/.app-gateway/renew.js"></script>',
      frameAncestors,
      connection: connections.of(r.app),
    };
  }

  function sendBootstrap(req: IncomingMessage, res: ServerResponse, cause: BootstrapCause, clear: Record<string, string> = {}): void {
    res.writeHead(200, 'set-cookie' in clear ? { ...bootstrapHeaders, ...clear } : bootstrapHeaders);
    res.end(req.method === 'HEAD' ? undefined : bootstrapPages[cause]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isForwardableTarget(req.url ?? '')) return sendProblem(res, 400, INVALID_PATH.code, INVALID_PATH.title, INVALID_PATH.detail);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/.app-gateway/healthz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    const r = await resolve(req);
    if (!('app' in r)) return sendProblem(res, r.status, r.code, r.title, r.detail, r.headers);
    const script = scripts.get(path);
    if (script !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      return void res.end(req.method === 'HEAD' ? undefined : script);
    }
    if (path === '/.app-gateway/session') return exchangeToken(req, res, r.app.appId, r.cookie, deps.verifier);
    if (path.startsWith('/.app-gateway/')) return sendProblem(res, 404, 'not_found', 'Not found', 'No such proxy endpoint.');

    // Not this app's own page: a frame navigation first proves its parent is the viewer (the bootstrap), the rest is refused.
    if (!isSameOrigin(req)) {
      if (isNavigation(req)) return sendBootstrap(req, res, 'check');
      return sendProblem(res, 403, CROSS_SITE.code, CROSS_SITE.title, CROSS_SITE.detail);
    }
    const { session: s, present, forwarded } = await session(req, r);
    if (s === null) {
      // A stale or tampered cookie is cleared; nothing reaches the upstream either way.
      const clear: Record<string, string> = present ? { 'set-cookie': clearedSessionCookie(r.cookie) } : {};
      if (isNavigation(req)) return sendBootstrap(req, res, 'no_session', clear);
      return sendProblem(res, 401, 'unauthenticated', 'Authentication required', 'No valid app session: open this app from App Gateway.', clear);
    }
    res.once('close', streams.track(res, s));
    forwardRequest(req, res, target(req, r, s, forwarded), (err) => {
      const p = unreachable(err);
      sendProblem(res, p.status, p.code, p.title, p.detail);
    });
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (!isForwardableTarget(req.url ?? '')) return refuseUpgrade(socket, 400, INVALID_PATH.code, 'Bad Request', INVALID_PATH.detail);
    if (!isWebSocketUpgrade(req)) return refuseUpgrade(socket, 400, 'unsupported_upgrade', 'Bad Request', 'Only WebSocket upgrades are relayed.');
    const r = await resolve(req);
    if (!('app' in r)) return refuseUpgrade(socket, r.status, r.code, r.title, r.detail);
    if (!isOwnPageUpgrade(req, r.origin)) return refuseUpgrade(socket, 403, CROSS_SITE.code, CROSS_SITE.title, CROSS_SITE.detail);
    const { session: s, forwarded } = await session(req, r);
    if (s === null) return refuseUpgrade(socket, 401, 'unauthenticated', 'Unauthorized', 'No valid app session.');
    socket.once('close', streams.track(socket, s));
    forwardUpgrade(req, socket, head, target(req, r, s, forwarded), (err) => {
      const p = unreachable(err);
      refuseUpgrade(socket, p.status, p.code, p.title, p.detail);
    });
  }

  const server = createServer({ requireHostHeader: true }, (req, res) => {
    const started = Date.now();
    res.on('finish', () => log(`${req.method} ${req.headers.host ?? '-'} ${(req.url ?? '/').split('?')[0]} ${res.statusCode} ${Date.now() - started}ms`));
    handle(req, res).catch(() => {
      if (res.headersSent) return res.destroy();
      sendProblem(res, 503, 'unavailable', 'Service unavailable', 'The app session could not be checked. Try again shortly.', { 'retry-after': '5' });
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(req, socket, head).catch(() => socket.destroy());
  });
  // Malformed requests (smuggling attempts included) are refused by Node's parser: answer 400 and close.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) refuseUpgrade(socket, 400, 'invalid_request', 'Bad Request', 'The request is malformed.');
    else socket.destroy();
  });
  return server;
}

const INVALID_PATH = {
  code: 'invalid_path',
  title: 'Bad request',
  detail: 'The path has a dot segment, an encoded slash or a backslash; it is not forwarded.',
};
const CROSS_SITE = {
  code: 'cross_site',
  title: 'Forbidden',
  detail: 'Only this app’s own pages can reach it with your identity: open it from App Gateway.',
};

/**
 * Only WebSocket is relayed: after an `h2c` upgrade, say, the client would speak HTTP/2 straight to
 * the upstream, every further request unseen by the proxy's checks.
 */
function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return req.method === 'GET' && req.headers.upgrade?.trim().toLowerCase() === 'websocket';
}
