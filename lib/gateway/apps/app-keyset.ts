import { sql } from 'drizzle-orm';
import { runs } from '@/db/schema';
import type { AppCursor } from '../management/app-cursor';

// Keyset paging of an org's apps by (creation time, id), for the management API's list (oldest first)
// and the console's (newest first).

/** An app's creation time in microseconds since the epoch, as text: exact, so a cursor made from it finds the same row again. */
export const createdUsColumn = () => sql<string>`(extract(epoch from ${runs.createdAt}) * 1000000)::bigint::text`;

/** The apps after (`>`, oldest first) or before (`<`, newest first) a cursor's position. */
export const beyondCursor = (cursor: AppCursor, direction: '>' | '<') =>
  sql`(${runs.createdAt}, ${runs.id}) ${sql.raw(direction)} (timestamptz 'epoch' + ${cursor.createdUs.toString()}::bigint * interval '1 microsecond', ${cursor.id})`;

/** A page of `limit` from the `limit + 1` rows read, and the position of its last row when more follow. */
export function keysetPage<R extends { id: string; createdUs: string }>(rows: R[], limit: number): { page: R[]; next: AppCursor | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, next: rows.length > limit && last ? { createdUs: BigInt(last.createdUs), id: last.id } : null };
}
