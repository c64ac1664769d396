import { LruMap } from './lru-map';

/** How many gateway look-ups each client may cause in a fixed window. */
export interface LookupLimiter {
  /** Counts one look-up for `client`: 0 when allowed, else the seconds until its window ends. */
  take(client: string): number;
  /** Gives one back (the look-up found an app: only look-ups of hosts that are no app are limited). */
  giveBack(client: string): void;
}

export function createLookupLimiter(limit: number, windowMs: number, maxClients: number, now: () => number): LookupLimiter {
  // Bounded like the cache: a client forgotten early starts a fresh window, nothing worse.
  const windows = new LruMap<string, { count: number; endsAt: number }>(maxClients);
  return {
    take(client) {
      const t = now();
      let window = windows.get(client);
      if (window === undefined || window.endsAt <= t) windows.set(client, (window = { count: 0, endsAt: t + windowMs }));
      if (window.count >= limit) return Math.max(1, Math.ceil((window.endsAt - t) / 1000));
      window.count++;
      return 0;
    },
    giveBack(client) {
      const window = windows.get(client);
      if (window !== undefined && window.count > 0) window.count--;
    },
  };
}
