// A request to an app's origin on the proxy (SPEC §11), decided: what the proxy answers itself, or
// what it forwards upstream and under whose identity. Every refusal is a code of the one error table;
// nothing here writes to the client (server.ts does, once per kind of outcome).
import type { IncomingMessage } from 'node:http';
import { labelOfHost } from '@/lib/gateway/apps/per-app-origin';
import type { ProxiedApp } from '@/lib/gateway/apps/proxied-apps';
import type { AccessTokens } from './access-tokens';
import type { BootstrapCause } from './bootstrap-page';
import { clientKey } from './client-key';
import type { ArtifactProxyConfig } from './config';
import { isNavigation, isOwnPageUpgrade, isSameOrigin } from './fetch-metadata';
import type { ForwardTarget } from './forward';
import { guestRefusal } from './guest-admission';
import { upstreamRequestHeaders } from './identity-headers';
import { CROSS_SITE, GATEWAY_UNREACHABLE, INVALID_PATH, NO_APP, NO_PROXY_ENDPOINT, refusal, UNSUPPORTED_UPGRADE, type Refusal } from './refusal';
import { LruMap } from './lru-map';
import { isForwardableTarget } from './request-target';
import type { ProxyScripts } from './scripts';
import { clearedSessionCookie, readProxyCookie, type CookieOptions } from './session-cookie';
import { exchangeSessionToken } from './session-endpoint';
import type { Upstream, UpstreamConnections } from './upstream-connections';
import { LookupsLimited, type UpstreamDirectory } from './upstreams';
import type { SessionCheck, SessionVerifier, VerifiedSession } from './verify';

const HEALTH_PATH = '/.app-gateway/healthz';
const SESSION_PATH = '/.app-gateway/session';
/** Session cookies of one app whose MAC is kept checked: its viewers at once, for as long as the app's look-up is cached (30 s). */
const CHECKED_COOKIES_PER_APP = 1_000;

/** What a request gets, or why not. */
type RequestOutcome =
  | Refusal
  | { readonly ok: true; readonly kind: 'healthy' }
  | { readonly ok: true; readonly kind: 'script'; readonly source: string }
  /** The bootstrap page instead of the app; `setCookie` clears a stale or tampered session. */
  | { readonly ok: true; readonly kind: 'bootstrap'; readonly cause: BootstrapCause; readonly setCookie?: string }
  /** POST or DELETE /.app-gateway/session: the cookie that starts or ends the session. */
  | { readonly ok: true; readonly kind: 'session'; readonly setCookie: string }
  | { readonly ok: true; readonly kind: 'forward'; readonly target: ForwardTarget; readonly session: VerifiedSession };

/** What an upgrade gets: a tunnel to the upstream, or why not. */
type UpgradeOutcome = Refusal | { readonly ok: true; readonly kind: 'tunnel'; readonly target: ForwardTarget; readonly session: VerifiedSession };

export interface ProxiedRequests {
  request(req: IncomingMessage): Promise<RequestOutcome>;
  upgrade(req: IncomingMessage): Promise<UpgradeOutcome>;
}

/** An app the proxy serves, with what its requests need: worked out once per app object, not per request. */
type ServedApp = { readonly app: ProxiedApp; readonly origin: string; readonly cookie: CookieOptions; readonly upstream: Upstream };

export function proxiedRequests(
  config: ArtifactProxyConfig,
  deps: { directory: UpstreamDirectory; verifier: SessionVerifier; scripts: ProxyScripts; connections: UpstreamConnections; accessTokens: AccessTokens },
): ProxiedRequests {
  const frameAncestors = `frame-ancestors ${config.gatewayOrigin}`;
  const renewScript = `<script type="module" src="${deps.scripts.renewPath}"></script>`;
  const served = new WeakMap<ProxiedApp, ServedApp>();
  const servedApp = (app: ProxiedApp, origin: string): ServedApp => {
    let s = served.get(app);
    if (s === undefined || s.origin !== origin) {
      const cookie = { key: config.keys.cookieKey, origin, secure: config.secureCookies, checked: new LruMap<string, string>(CHECKED_COOKIES_PER_APP) };
      s = { app, origin, cookie, upstream: deps.connections.of(app) };
      served.set(app, s);
    }
    return s;
  };

  /** Which app this Host is, or why not. */
  async function appOf(req: IncomingMessage): Promise<ServedApp | Refusal> {
    const host = req.headers.host;
    if (labelOfHost(host, config.domain) === null) return NO_APP;
    const origin = `${config.scheme}//${host!.toLowerCase()}`;
    let app: ProxiedApp | null;
    try {
      app = await deps.directory.find(origin, () => clientKey(req, config.trustedProxies ?? 0));
    } catch (err) {
      if (!(err instanceof LookupsLimited)) return GATEWAY_UNREACHABLE;
      const detail = 'Too many hosts that are no app were asked for from this address. Wait for the Retry-After time, then try again.';
      return refusal('rate_limited', detail, { retryAfterSeconds: err.retryAfterSeconds });
    }
    return app === null ? NO_APP : servedApp(app, origin);
  }

  /** The session the request's cookie carries: checked (null without a valid cookie), and the cookies for the upstream. */
  async function sessionOf(req: IncomingMessage, s: ServedApp): Promise<{ check: SessionCheck | null; present: boolean; forwarded: string | null }> {
    const { token, present, forwarded } = readProxyCookie(req.headers.cookie, s.cookie);
    if (token === null) return { check: null, present, forwarded };
    const check = await deps.verifier.verify(token, s.app.appId);
    // A guest whose org no longer lets guests in is refused like a revoked token (its cookie cleared).
    return { check: check.ok ? (guestRefusal(check.session, s.app) ?? check) : check, present, forwarded };
  }

  /** Where and how a request of a verified session goes up: with the viewer's access token where the app has one (SPEC §17). */
  async function target(req: IncomingMessage, s: ServedApp, session: VerifiedSession, forwardedCookie: string | null): Promise<ForwardTarget> {
    const accessToken = await deps.accessTokens.forSession(s.app, session);
    return {
      upstream: s.upstream,
      headers: upstreamRequestHeaders(req.headers, session, forwardedCookie, s.upstream.host, config.scheme, req.socket.remoteAddress ?? '', accessToken),
      renewScript,
      frameAncestors,
      accessToken,
    };
  }

  return {
    async request(req) {
      const url = req.url ?? '/';
      if (!isForwardableTarget(url)) return INVALID_PATH;
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      if (path === HEALTH_PATH) return { ok: true, kind: 'healthy' };
      const s = await appOf(req);
      if ('ok' in s) return s;
      if (path.startsWith('/.app-gateway/')) {
        const script = deps.scripts.served.get(path);
        if (script !== undefined && (req.method === 'GET' || req.method === 'HEAD')) return { ok: true, kind: 'script', source: script };
        if (path !== SESSION_PATH) return NO_PROXY_ENDPOINT;
        const exchanged = await exchangeSessionToken(req, s.app, s.cookie, deps.verifier);
        return exchanged.ok ? { ok: true, kind: 'session', setCookie: exchanged.setCookie } : exchanged;
      }
      // Not this app's own page: a frame navigation first proves its parent is the viewer (the bootstrap), the rest is refused.
      if (!isSameOrigin(req)) return isNavigation(req) ? { ok: true, kind: 'bootstrap', cause: 'check' } : CROSS_SITE;
      const { check, present, forwarded } = await sessionOf(req, s);
      if (check?.ok) return { ok: true, kind: 'forward', target: await target(req, s, check.session, forwarded), session: check.session };
      // The gateway's keys or feed unreadable: 503 to retry, the cookie kept.
      if (check?.code === 'unavailable') return check;
      // No session, or a stale or tampered one (its cookie cleared): nothing reaches the upstream.
      const cleared = present ? { setCookie: clearedSessionCookie(s.cookie) } : {};
      if (isNavigation(req)) return { ok: true, kind: 'bootstrap', cause: 'no_session', ...cleared };
      return refusal('unauthenticated', 'No valid app session: open this app from App Gateway.', cleared);
    },

    async upgrade(req) {
      if (!isForwardableTarget(req.url ?? '')) return INVALID_PATH;
      if (!isWebSocketUpgrade(req)) return UNSUPPORTED_UPGRADE;
      const s = await appOf(req);
      if ('ok' in s) return s;
      if (!isOwnPageUpgrade(req, s.origin)) return CROSS_SITE;
      const { check, forwarded } = await sessionOf(req, s);
      if (check?.ok) return { ok: true, kind: 'tunnel', target: await target(req, s, check.session, forwarded), session: check.session };
      if (check?.code === 'unavailable') return check;
      return refusal('unauthenticated', 'No valid app session: open this app from App Gateway.');
    },
  };
}

/**
 * Only WebSocket is relayed: after an `h2c` upgrade, say, the client would speak HTTP/2 straight to
 * the upstream, every further request unseen by the proxy's checks.
 */
function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return req.method === 'GET' && req.headers.upgrade?.trim().toLowerCase() === 'websocket';
}
