import type { ProxiedApp, ProxyActAs } from '@/lib/gateway/apps/proxied-apps';
import { isSharingLevel } from '@/lib/gateway/sharing/sharing-levels';
import { createLookupLimiter } from './lookup-limiter';
import { LruMap } from './lru-map';

/** Which app the proxy serves on an origin, asked of the gateway and kept briefly. */
export interface UpstreamDirectory {
  /**
   * The app on this origin; null when none. Throws LookupsLimited when `client` (a clientKey, read
   * only when the gateway would be asked: a cached answer costs no address parsing) has had too many
   * hosts looked up that were no app, anything else when the gateway cannot be asked.
   */
  find(origin: string, client: () => string): Promise<ProxiedApp | null>;
}

/** The client has looked up too many hosts that were no app: answer 429, the gateway is not asked. */
export class LookupsLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many look-ups of hosts that are no app');
  }
}

const FOUND_TTL_MS = 30_000;
const MISSING_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
/** Per client and minute. A look-up that finds an app is given back: only probing hosts that are no app uses it up. */
export const UNKNOWN_HOST_LOOKUPS_PER_MINUTE = 30;

/**
 * Asks `GET /v1/app-gateway/artifact-proxy/apps?origin=` with the proxy's lookup token. The proxy
 * has no database of its own (the embedded one belongs to the gateway process), so the gateway
 * stays the only reader of `runs`; a changed upstream (or sharing switch, or proxy credential) is
 * picked up within 30 s. The answer may carry the app's proxy credential: it is kept in memory only.
 */
export function createUpstreamDirectory(gatewayUrl: string, lookupToken: string, now: () => number = Date.now): UpstreamDirectory {
  async function ask(origin: string): Promise<ProxiedApp | null> {
    const url = new URL('/v1/app-gateway/artifact-proxy/apps', gatewayUrl);
    url.searchParams.set('origin', origin);
    const response = await fetch(url, { headers: { authorization: `Bearer ${lookupToken}` }, signal: AbortSignal.timeout(5_000) });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`upstream look-up answered ${response.status}`);
    const body = (await response.json()) as Partial<ProxiedApp>;
    if (typeof body.appId !== 'string' || typeof body.orgId !== 'string' || typeof body.upstreamUrl !== 'string' || !isSharingLevel(body.externalSharing)) {
      throw new Error('upstream look-up: malformed answer');
    }
    return { appId: body.appId, orgId: body.orgId, upstreamUrl: body.upstreamUrl, externalSharing: body.externalSharing, actAs: actAsOf(body.actAs) };
  }

  return cachedDirectory(ask, now);
}

/** How the proxy may act for the app's viewers; null when the answer says nothing usable (it then injects nothing). */
function actAsOf(value: unknown): ProxyActAs | null {
  const a = value as Partial<ProxyActAs> | null | undefined;
  if (typeof a?.clientSecret !== 'string' || typeof a.resource !== 'string' || typeof a.guests !== 'boolean') return null;
  if (!Array.isArray(a.scopes) || a.scopes.length === 0 || !a.scopes.every((s) => typeof s === 'string')) return null;
  return { clientSecret: a.clientSecret, resource: a.resource, scopes: a.scopes, guests: a.guests };
}

/**
 * Answers kept briefly in a bounded LRU (an app in use stays however many other hosts pass
 * through), one look-up per origin at a time, and a limit per client on look-ups of hosts that are
 * no app: random Host labels would otherwise be one gateway query each.
 */
function cachedDirectory(ask: (origin: string) => Promise<ProxiedApp | null>, now: () => number): UpstreamDirectory {
  const cache = new LruMap<string, { app: ProxiedApp | null; until: number }>(MAX_ENTRIES);
  const pending = new Map<string, Promise<ProxiedApp | null>>();
  const limiter = createLookupLimiter(UNKNOWN_HOST_LOOKUPS_PER_MINUTE, 60_000, MAX_ENTRIES, now);

  return {
    async find(origin, client) {
      const hit = cache.get(origin);
      if (hit && hit.until > now()) return hit.app;
      const asking = pending.get(origin);
      if (asking) return asking;
      // Refreshing a stale answer that was an app probes nothing: it is not counted, nor refused.
      const counted = !hit?.app;
      const who = counted ? client() : '';
      const retryAfter = counted ? limiter.take(who) : 0;
      if (retryAfter > 0) throw new LookupsLimited(retryAfter);
      const asked = ask(origin)
        .then((app) => {
          cache.set(origin, { app, until: now() + (app ? FOUND_TTL_MS : MISSING_TTL_MS) });
          if (app && counted) limiter.giveBack(who);
          return app;
        })
        .finally(() => pending.delete(origin));
      pending.set(origin, asked);
      return asked;
    },
  };
}
