import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { withDeadline } from '@/db/deadline';
import { env } from '@/lib/config/env';

/** True when the database answers a trivial query within the deadline. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    const db = await withDeadline(getDb(), env().DB_TIMEOUT_MS);
    await withDeadline(db.execute(sql`select 1`), env().DB_TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}
