import { sql } from 'drizzle-orm';
import { databaseOpen, getDb } from '@/db/client';
import { log } from '@/lib/log';

/** Rows older than the window (60 s) plus a margin are no longer counted by any mint. */
export async function pruneRateWindow(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`delete from mint_rate_window where at < now() - interval '2 minutes'`);
}

const store = globalThis as unknown as { __appGatewayRateWindowTimer?: NodeJS.Timeout };

/**
 * Keeps the rate limiter's window small: every instance prunes it once a minute (idempotent, so
 * several instances need no coordination; the timer never keeps the process alive).
 */
export function startRateWindowPruning(everyMs = 60_000): void {
  if (store.__appGatewayRateWindowTimer) return;
  store.__appGatewayRateWindowTimer = setInterval(() => {
    if (databaseOpen()) pruneRateWindow().catch((error) => log.warn('rate_window_prune_failed', { error: error instanceof Error ? error.name : 'error' }));
  }, everyMs).unref();
}
