// A fixed one-minute window per client address, in this process: enough to slow a guesser or a
// crawler down (the secrets it would guess carry 256 bits), with nothing written to the database
// by a request that must change nothing. Shared through globalThis by the routes and pages of this
// process, which Next.js may bundle separately.

type Window = { startedAt: number; count: number };
const WINDOW_MS = 60_000;
const MAX_TRACKED = 50_000;

const store = globalThis as unknown as { __appGatewayAddressThrottle?: Map<string, Window> };
const windows = () => (store.__appGatewayAddressThrottle ??= new Map());

/**
 * Counts one request of `bucket` from `address` (null: the address is unknown, all such requests
 * share one window). Over `perMinute` → the seconds to wait; else null. `perMinute` 0 = no limit.
 */
export function throttleAddress(bucket: string, address: string | null, perMinute: number, now = Date.now()): number | null {
  if (perMinute <= 0) return null;
  const map = windows();
  if (map.size > MAX_TRACKED) {
    for (const [key, w] of map) if (now - w.startedAt >= WINDOW_MS) map.delete(key);
    if (map.size > MAX_TRACKED) map.clear();
  }
  const key = `${bucket}\u0000${address ?? ''}`;
  let w = map.get(key);
  if (!w || now - w.startedAt >= WINDOW_MS) map.set(key, (w = { startedAt: now, count: 0 }));
  w.count += 1;
  return w.count > perMinute ? Math.max(1, Math.ceil((w.startedAt + WINDOW_MS - now) / 1000)) : null;
}

/** Forgets every window, as a new process would (a gateway restarted in the same process). */
export function resetAddressThrottles(): void {
  store.__appGatewayAddressThrottle = undefined;
}
