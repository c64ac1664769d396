import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { DatabaseUnavailableError, withDeadline } from '@/db/deadline';
import { env } from '@/lib/platform/config/env';
import { refusal, type Result } from '../errors';
import { formatCursor, parseCursor, START, type FeedCursor } from './cursor';

/** One feed entry as published: only the claims it names, and when. No names or emails. */
type FeedEntry = { sid?: string; sub?: string; org_id?: string; aud?: string; at: string };

export type FeedPage = { revocations: FeedEntry[]; cursor: string };

/** Entries per response; a full page means there may be more: ask again with its cursor. */
const FEED_PAGE_SIZE = 1000;

type Row = { id: string; tx_id: string; at: string; sid: string | null; sub: string | null; org_id: string | null; aud: string | null };

/**
 * The feed page after the cursor a reader sent (`?after=`), or from the oldest entry kept when it
 * sent none. A cursor this gateway could not have written is a 400, never a 500.
 */
export async function revocationFeed(after: string[]): Promise<Result<FeedPage>> {
  if (after.length > 1) return refusal('invalid_request', 'Send at most one `after` cursor.');
  const cursor = after.length ? parseCursor(after[0]!) : START;
  if (!cursor) return refusal('invalid_request', 'The `after` cursor is malformed: send back a `cursor` this feed returned.');
  try {
    return { ok: true, ...(await withDeadline(readRevocations(cursor), env().DB_TIMEOUT_MS)) };
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return refusal('unavailable', 'The database is not answering.', { retryAfterSeconds: 5 });
    throw error;
  }
}

/**
 * The entries after `after`, oldest first. Row ids come from a sequence and commit out of order
 * (and two gateways write at once), so paging by id alone could skip a late commit. Instead each
 * row carries its transaction id, and only rows of transactions older than every one still running
 * (below the snapshot's xmin) are returned: nothing can commit behind them any more. Ordered by
 * (tx_id, id), a cursor over that pair never skips or repeats an entry.
 */
export async function readRevocations(after: FeedCursor, limit = FEED_PAGE_SIZE): Promise<FeedPage> {
  const db = await getDb();
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select id::text as id, tx_id::text as tx_id, sid, sub, org_id, aud,
        to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
      from revocations
      where tx_id < pg_snapshot_xmin(pg_current_snapshot())
        and (tx_id, id) > (${after.txId.toString()}::xid8, ${after.id.toString()}::bigint)
      order by tx_id, id
      limit ${limit}
    `),
  );
  const last = rows.at(-1);
  return {
    revocations: rows.map(toEntry),
    cursor: formatCursor(last ? { txId: BigInt(last.tx_id), id: BigInt(last.id) } : after),
  };
}

function toEntry(r: Row): FeedEntry {
  return {
    ...(r.sid !== null ? { sid: r.sid } : {}),
    ...(r.sub !== null ? { sub: r.sub } : {}),
    ...(r.org_id !== null ? { org_id: r.org_id } : {}),
    ...(r.aud !== null ? { aud: r.aud } : {}),
    at: r.at,
  };
}
