import type { ProxiedApp } from '@/lib/gateway/apps/proxied-apps';

/** Which app the proxy serves on an origin, asked of the gateway and kept briefly. */
export interface UpstreamDirectory {
  /** The app on this origin; null when none; throws when the gateway cannot be asked. */
  find(origin: string): Promise<ProxiedApp | null>;
}

const FOUND_TTL_MS = 30_000;
const MISSING_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Asks `GET /v1/app-gateway/artifact-proxy/apps?origin=` with the proxy's lookup token. The proxy
 * has no database of its own (the embedded one belongs to the gateway process), so the gateway
 * stays the only reader of `runs`; a changed upstream is picked up within 30 s.
 */
export function createUpstreamDirectory(gatewayUrl: string, lookupToken: string): UpstreamDirectory {
  const cache = new Map<string, { app: ProxiedApp | null; until: number }>();
  const pending = new Map<string, Promise<ProxiedApp | null>>();

  async function ask(origin: string): Promise<ProxiedApp | null> {
    const url = new URL('/v1/app-gateway/artifact-proxy/apps', gatewayUrl);
    url.searchParams.set('origin', origin);
    const response = await fetch(url, { headers: { authorization: `Bearer ${lookupToken}` }, signal: AbortSignal.timeout(5_000) });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`upstream look-up answered ${response.status}`);
    const body = (await response.json()) as Partial<ProxiedApp>;
    if (typeof body.appId !== 'string' || typeof body.upstreamUrl !== 'string') throw new Error('upstream look-up: malformed answer');
    return { appId: body.appId, upstreamUrl: body.upstreamUrl };
  }

  return {
    async find(origin) {
      const hit = cache.get(origin);
      if (hit && hit.until > Date.now()) return hit.app;
      let asking = pending.get(origin);
      if (!asking) {
        asking = ask(origin).finally(() => pending.delete(origin));
        pending.set(origin, asking);
      }
      const app = await asking;
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(origin, { app, until: Date.now() + (app ? FOUND_TTL_MS : MISSING_TTL_MS) });
      return app;
    },
  };
}
