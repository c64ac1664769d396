// The access token the proxy injects as X-App-Gateway-Access-Token (SPEC §17): obtained by a real
// RFC 8693 exchange at the gateway's token endpoint, authenticated with the app's own proxy
// credential (HTTP Basic, the SDK's client), for one viewer's session. Kept per proxy session only —
// keyed by the app, the session's sid and the viewer, never shared — until shortly before it expires,
// and dropped once the feed revokes it (its session ended, the credential or the resource went).
import { createViewerExchange, TokenExchangeError, type ViewerExchange } from '@/lib/artifact-sdk/index';
import type { RevocationSubject } from '@/lib/artifact-sdk/revocation-list';
import type { ProxiedApp, ProxyActAs } from '@/lib/gateway/apps/proxied-apps';
import { LruMap } from './lru-map';
import { isGuestSession, type SessionVerifier, type VerifiedSession } from './verify';

/** A token this close to its expiry is exchanged again, when the session's token can give a later one. */
const REFRESH_BEFORE_SECONDS = 30;
/** After a failed exchange, the session's requests go on without a token for this long before another try. */
const RETRY_AFTER_FAILURE_MS = 10_000;
/** Sessions held at once, as many as verified tokens (verified-tokens.ts): a flood only evicts. */
const MAX_HELD = 10_000;
/** How often held tokens of ended sessions (expired, or revoked by the feed) are swept out. */
const SWEEP_MS = 30_000;

type Held =
  | { kind: 'token'; token: string; exp: number; revocation: RevocationSubject[] }
  | { kind: 'failed'; until: number };

export interface AccessTokens {
  /** The token to inject for this session of this app; null when the app has none to get, guests are not acted for, or the exchange failed. */
  forSession(app: ProxiedApp, session: VerifiedSession): Promise<string | null>;
}

export function createAccessTokens(options: { gatewayOrigin: string; tokenEndpoint: string; verifier: SessionVerifier; now?: () => number }): AccessTokens {
  const { verifier, now = Date.now } = options;
  const held = new LruMap<string, Held>(MAX_HELD);
  const pending = new Map<string, Promise<string | null>>();
  const exchangers = new LruMap<string, ViewerExchange>(1_000);
  // Secrets the gateway refused as a client (revoked, expired): not tried again until the look-up hands over another.
  const refusedSecrets = new LruMap<string, true>(1_000);
  let sweptAt = now();

  const exchangerOf = (appId: string, secret: string): ViewerExchange => {
    const id = `${appId}\n${secret}`;
    let exchanger = exchangers.get(id);
    if (exchanger === undefined) {
      exchanger = createViewerExchange({ issuer: options.gatewayOrigin, clientId: appId, clientSecret: secret, tokenEndpoint: options.tokenEndpoint });
      exchangers.set(id, exchanger);
    }
    return exchanger;
  };

  async function exchange(key: string, app: ProxiedApp, actAs: ProxyActAs, session: VerifiedSession): Promise<string | null> {
    try {
      const { accessToken } = await exchangerOf(app.appId, actAs.clientSecret).exchangeForViewer({ subjectToken: session.token, resource: actAs.resource, scope: actAs.scopes });
      const { exp, iat } = payloadOf(accessToken);
      const named = { sid: session.sid, sub: session.sub, org_id: 'org_id' in session ? session.org_id : null, iat };
      // Named by its resource and by its client, as a resource server's verifier matches it.
      held.set(key, { kind: 'token', token: accessToken, exp, revocation: [{ ...named, aud: actAs.resource }, { ...named, aud: app.appId }] });
      return accessToken;
    } catch (err) {
      if (err instanceof TokenExchangeError && err.code === 'invalid_client') refusedSecrets.set(actAs.clientSecret, true);
      held.set(key, { kind: 'failed', until: now() + RETRY_AFTER_FAILURE_MS });
      return null;
    }
  }

  /** Drops what no request may use any more: tokens expired or revoked. At most every SWEEP_MS, from a request. */
  async function sweep(): Promise<void> {
    if (now() - sweptAt < SWEEP_MS) return;
    sweptAt = now();
    const ended: string[] = [];
    for (const [key, h] of [...held.entries()]) {
      if (h.kind === 'failed' ? h.until <= now() : h.exp <= now() / 1000 || (await verifier.revoked(...h.revocation))) ended.push(key);
    }
    for (const key of ended) held.delete(key);
  }

  return {
    async forSession(app, session) {
      void sweep();
      const actAs = app.actAs;
      if (!actAs || refusedSecrets.get(actAs.clientSecret)) return null;
      if (isGuestSession(session) && !actAs.guests) return null;
      const key = [app.appId, session.sid, session.sub, actAs.resource, actAs.scopes.join(' ')].join('\n');
      const h = held.get(key);
      if (h?.kind === 'failed' && h.until > now()) return null;
      if (h?.kind === 'token') {
        const left = h.exp - now() / 1000;
        // Kept while it has time left, or while the session's token can give no later one (its exp caps the exchange's).
        const usable = left > REFRESH_BEFORE_SECONDS || (left > 0 && h.exp >= session.exp);
        if (usable && !(await verifier.revoked(...h.revocation))) return h.token;
        held.delete(key);
      }
      let asked = pending.get(key);
      if (asked === undefined) {
        asked = exchange(key, app, actAs, session).finally(() => pending.delete(key));
        pending.set(key, asked);
      }
      return asked;
    },
  };
}

/** The access token's own times (the gateway signed it; the proxy only needs when it ends and when it was issued). */
function payloadOf(token: string): { exp: number; iat: number } {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
  if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') throw new TokenExchangeError('exchange_unavailable', 'The access token has no exp or iat.');
  return { exp: payload.exp, iat: payload.iat };
}
