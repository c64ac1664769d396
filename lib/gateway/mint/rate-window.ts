import { sql } from 'drizzle-orm';
import { databaseOpen, getDb } from '@/db/client';
import type { PeriodicJob } from '@/lib/platform/jobs/background-jobs';

/**
 * Drops the rows older than the window (60 s) plus a margin, which no mint counts any more, then
 * refreshes the table's statistics. The mint's prepared statement keeps the plan of its first
 * executions until a table it reads has new statistics: planned while the window was empty (a fresh
 * database, a quiet night), it reads the whole window at every mint, tens of thousands of rows at
 * load, and autovacuum may take minutes to analyze the table on its own (PGlite never does).
 */
export async function pruneRateWindow(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`delete from mint_rate_window where at < now() - interval '2 minutes'`);
  // The token exchange's per-app window (lib/gateway/exchange), kept the same way.
  await db.execute(sql`delete from exchange_rate_window where at < now() - interval '2 minutes'`);
  // The access requests' daily limit (lib/gateway/access-requests) counts the last day only.
  await db.execute(sql`delete from access_request_attempts where at < now() - interval '1 day'`);
  // Owner only: a runtime role that does not own the table gets a warning, not an error.
  await db.execute(sql`analyze mint_rate_window`);
  await db.execute(sql`analyze exchange_rate_window`);
}

/**
 * Keeps the rate limiter's window small: every instance prunes it once a minute, the first time 10 s
 * after start, when a fresh database has its first rows (idempotent: instances need no coordination).
 */
export const rateWindowPruningJob: PeriodicJob = {
  name: 'rate_window_pruning',
  firstMs: 10_000,
  everyMs: 60_000,
  run: async () => {
    if (databaseOpen()) await pruneRateWindow();
  },
};
