import { sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { formatCursor, type FeedCursor } from './cursor';

/** What a paged table read names: its columns (`tx_id` among them), the table, rows of one scope only, and a row's id. */
type PagedRead<R> = { columns: SQL; from: SQL; scope?: SQL; rowId: (row: R) => string | number };

/**
 * The rows after `after`, oldest first, and the cursor after the last (the same cursor for an empty
 * page). Row ids come from a sequence and commit out of order (and two gateways write at once), so
 * paging by id alone could skip a late commit. Instead each row carries its transaction id, and
 * only rows of transactions older than every one still running (below the snapshot's xmin) are
 * returned: nothing can commit behind them any more. Ordered by (tx_id, id), a cursor over that
 * pair never skips or repeats a row. The revocation feed and the org audit log page this way.
 */
export async function committedPage<R extends { tx_id: string }>(read: PagedRead<R>, after: FeedCursor, limit: number): Promise<{ rows: R[]; cursor: string }> {
  const db = await getDb();
  const rows = rowsOf<R>(
    await db.execute(sql`
      select ${read.columns}
      from ${read.from}
      where ${read.scope ? sql`${read.scope} and ` : sql``}tx_id < pg_snapshot_xmin(pg_current_snapshot())
        and (tx_id, id) > (${after.txId.toString()}::xid8, ${after.id.toString()}::bigint)
      order by tx_id, id
      limit ${limit}
    `),
  );
  const last = rows.at(-1);
  return { rows, cursor: formatCursor(last ? { txId: BigInt(last.tx_id), id: BigInt(read.rowId(last)) } : after) };
}
