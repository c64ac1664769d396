import postgres from 'postgres';

/** The database's transaction count (commits and rollbacks) and when it was read. */
type Reading = { n: number; at: number };

// An idle backend flushes its counters to pg_stat_database within PGSTAT_IDLE_INTERVAL (10 s).
const FLUSH_MS = 11_000;

async function read(url: string): Promise<Reading> {
  await new Promise((r) => setTimeout(r, FLUSH_MS));
  // No type fetch on connect: the reading is exactly one transaction of its own.
  const sql = postgres(url, { max: 1, fetch_types: false, onnotice: () => {} });
  try {
    const [row] = await sql`select (xact_commit + xact_rollback)::bigint as n from pg_stat_database where datname = current_database()`;
    return { n: Number(row!.n), at: performance.now() };
  } finally {
    await sql.end();
  }
}

/** A probe: `calls` calls to the gateway, one after another. */
type Probe = { calls: number; run: () => Promise<void> };

/** Counts round trips per call of each probe, run one after another: see roundTripCounter. */
export type RoundTripCounter = (probes: Probe[]) => Promise<number[]>;

/**
 * Round trips per call, counted from outside the gateway: the database's transactions over each probe
 * (between a reading before it and one after it, which is the next probe's before), less what the
 * gateway's background jobs (key refresh, webhook outbox, pruning, grant and link expiry) sent
 * meanwhile, at the rate they ran while nothing else did — measured over an idle stretch before the
 * first probe. Without the subtraction a probe slowed down by a busy machine (a longer window) counted
 * more of their queries against each call. Null on the embedded database.
 */
export function roundTripCounter(url: string | undefined): RoundTripCounter | null {
  if (!url) return null;
  let perMs: number | null = null;
  return async (probes) => {
    let before = await read(url);
    if (perMs === null) {
      const idle = await read(url);
      perMs = Math.max(0, idle.n - before.n - 1) / (idle.at - before.at);
      before = idle;
    }
    const out: number[] = [];
    for (const probe of probes) {
      await probe.run();
      const after = await read(url);
      const background = perMs * (after.at - before.at);
      out.push(Math.round(((after.n - before.n - 1 - background) / probe.calls) * 100) / 100);
      before = after;
    }
    return out;
  };
}
