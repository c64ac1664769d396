import { and, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { sessions } from '@/db/schema';
import { recordRevocations } from '@/lib/gateway/revocations/record';

export type EndReason = 'signed_out' | 'ended_by_user' | 'ended_by_operator' | 'user_deleted';

export type WhichSessions =
  /** These sessions, if they are the user's. */
  | { only: string[] }
  /** All but this one (sign out of all other sessions). */
  | { except: string }
  /** Every one. */
  | { all: true };

/**
 * Ends a user's sessions that are still on, and publishes each in the revocation feed in the same
 * transaction. Scoped by user id, so nobody ends someone else's session by naming its id.
 * Returns the ids it ended.
 */
export async function endSessions(userId: string, which: WhichSessions, reason: EndReason): Promise<string[]> {
  const db = await getDb();
  const scope =
    'only' in which ? (which.only.length ? inArray(sessions.id, which.only) : sql`false`) : 'except' in which ? ne(sessions.id, which.except) : undefined;
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ endedAt: sql`now()`, endReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, sql`now()`), scope))
      .returning({ id: sessions.id });
    await recordRevocations(tx, ended.map((s) => ({ sid: s.id })));
    return ended.map((s) => s.id);
  });
}
