import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { recordRevocations } from '@/lib/gateway/revocations/record';

/**
 * Deletes a user (soft: the row stays for the audit log): their sessions end, every mint of theirs
 * is refused (401), and the revocation feed names them (`sub`), all in one transaction.
 * Returns false when there was no such user.
 */
export async function deleteUser(userId: string): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .update(users)
      .set({ deletedAt: sql`now()` })
      .where(and(eq(users.id, userId), isNull(users.deletedAt)))
      .returning({ id: users.id });
    if (!deleted) return false;
    await tx
      .update(sessions)
      .set({ endedAt: sql`now()`, endReason: 'user_deleted' })
      .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
    await recordRevocations(tx, [{ sub: userId }]);
    return true;
  });
}
