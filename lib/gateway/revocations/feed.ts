import { sql } from 'drizzle-orm';
import { DatabaseUnavailableError, withDeadline } from '@/db/deadline';
import { env } from '@/lib/platform/config/env';
import { refusal, unavailable, type Result } from '../errors';
import { committedPage } from './committed-page';
import { parseCursor, START, type FeedCursor } from './cursor';

/** One feed entry as published: only the claims it names, and when. No names or emails. */
type FeedEntry = { sid?: string; sub?: string; org_id?: string; aud?: string; at: string };

export type FeedPage = { revocations: FeedEntry[]; cursor: string };

/** Entries per response; a full page means there may be more: ask again with its cursor. */
const FEED_PAGE_SIZE = 1000;

type Row = { id: string; tx_id: string; at: string; sid: string | null; sub: string | null; org_id: string | null; aud: string | null };

const REVOCATION_COLUMNS = sql`id::text as id, tx_id::text as tx_id, sid, sub, org_id, aud,
        to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`;

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
    if (error instanceof DatabaseUnavailableError) return unavailable('The database is not answering.');
    throw error;
  }
}

/** The entries after `after`, oldest first (see committedPage: a cursor never skips a late commit). */
export async function readRevocations(after: FeedCursor, limit = FEED_PAGE_SIZE): Promise<FeedPage> {
  const page = await committedPage<Row>({ columns: REVOCATION_COLUMNS, from: sql`revocations`, rowId: (r) => r.id }, after, limit);
  return { revocations: page.rows.map(toEntry), cursor: page.cursor };
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
