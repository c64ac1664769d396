import type postgres from 'postgres';

/**
 * Statements (and transactions) in flight through the one database module. postgres.js does not
 * expose its pool, so the metrics derive "in use" and "waiting" from this count and the pool size.
 */
const store = globalThis as unknown as { __appGatewayPool?: { inFlight: number; max: number } };
export const poolCounters = (store.__appGatewayPool ??= { inFlight: 0, max: 1 });

export function poolStats(): { inUse: number; waiting: number; max: number } {
  const { inFlight, max } = poolCounters;
  return { inUse: Math.min(inFlight, max), waiting: Math.max(0, inFlight - max), max };
}

/** Counts a promise as one connection in use until it settles. */
export async function counted<T>(work: () => Promise<T>): Promise<T> {
  poolCounters.inFlight++;
  try {
    return await work();
  } finally {
    poolCounters.inFlight--;
  }
}

/**
 * The postgres.js client drizzle gets: `unsafe` queries and `begin` transactions are counted while
 * they run. A query is lazy (it starts when awaited), so only its `then` is wrapped; every other
 * member reaches the real query, which keeps drizzle's `.values()` chaining intact.
 */
export function countingClient(client: postgres.Sql): postgres.Sql {
  const wrapQuery = (query: object): object => {
    const proxy: object = new Proxy(query, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === 'then') {
          return (ok?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) =>
            counted(() => (target as Promise<unknown>).then((v) => v)).then(ok, fail);
        }
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(target, args);
          return out === target ? proxy : out;
        };
      },
    });
    return proxy;
  };
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'unsafe') return (...args: unknown[]) => wrapQuery((value as (...a: unknown[]) => object).apply(target, args));
      if (prop === 'begin') return (...args: unknown[]) => counted(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      return value;
    },
  });
}
