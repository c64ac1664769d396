import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { withDeadline } from '@/db/deadline';
import { env } from '@/lib/platform/config/env';
import { keySnapshot } from './keys/keyring';

export type Health = { database: boolean; signingKey: boolean };

/** True when the database answers a trivial query within the deadline. */
async function databaseAnswers(): Promise<boolean> {
  try {
    const db = await withDeadline(getDb(), env().DB_TIMEOUT_MS);
    await withDeadline(db.execute(sql`select 1`), env().DB_TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}

/** True when this instance holds an active signing key it can use (from its in-memory keyring). */
async function signingKeyUsable(): Promise<boolean> {
  return keySnapshot().then((s) => s.signing !== null, () => false);
}

/** Each part a mint depends on. */
export async function health(): Promise<Health> {
  const [database, signingKey] = await Promise.all([databaseAnswers(), signingKeyUsable()]);
  return { database, signingKey };
}
