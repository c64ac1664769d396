import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { databaseOpen, getDb } from '@/db/client';
import { guestSessions, shareLinkPeople, shareLinks } from '@/db/schema';
import type { PeriodicJob } from '@/lib/platform/jobs/background-jobs';
import { recordRevocations, type RevocationEntry } from '../revocations/record';

/** Links handled per transaction; a run goes on until none is left. */
const BATCH = 200;

const uniqueEntries = (entries: RevocationEntry[]) => [...new Map(entries.map((e) => [JSON.stringify(e), e])).values()];

/**
 * The revocation rule for links that expire (SPEC §15, issue 27): as revoking does, an expired link
 * writes `{ sid }` for each of its guest sessions still on and `{ sub, aud }` for each signed-in
 * person it admitted, in the transaction that marks it (`end_reason = 'expired'`), so verifiers that
 * match only those claims drop its guests too. Guest tokens already end with their link (their `exp`
 * never passes it); the entries are what the feed promises. Instances share the work: SKIP LOCKED.
 * Returns how many links were handled.
 */
export async function endExpiredLinks(batch = BATCH): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const links = await tx
      .select({ id: shareLinks.id, appId: shareLinks.appId })
      .from(shareLinks)
      .where(and(lte(shareLinks.expiresAt, sql`now()`), isNull(shareLinks.revokedAt), isNull(shareLinks.endReason)))
      .orderBy(asc(shareLinks.expiresAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    if (links.length === 0) return 0;
    const ids = links.map((l) => l.id);
    await tx.update(shareLinks).set({ endReason: 'expired' }).where(inArray(shareLinks.id, ids));
    const ended = await tx
      .update(guestSessions)
      .set({ endedAt: sql`least(now(), ${guestSessions.expiresAt})`, endReason: 'link_expired' })
      .where(and(inArray(guestSessions.shareId, ids), isNull(guestSessions.endedAt)))
      .returning({ id: guestSessions.id, userId: guestSessions.userId, appId: guestSessions.appId });
    const people = await tx
      .select({ userId: shareLinkPeople.userId, appId: shareLinks.appId })
      .from(shareLinkPeople)
      .innerJoin(shareLinks, eq(shareLinks.id, shareLinkPeople.shareId))
      .where(inArray(shareLinkPeople.shareId, ids));
    await recordRevocations(
      tx,
      uniqueEntries([
        ...ended.map((s): RevocationEntry => ({ sid: s.id })),
        ...[...ended.filter((s) => s.userId !== null), ...people].map((p): RevocationEntry => ({ sub: p.userId!, aud: p.appId })),
      ]),
    );
    return links.length;
  });
}

/** Every 15 s on every instance, so an expired link's entries are in the feed within about 15 s of its end. */
export const linkExpiryJob: PeriodicJob = {
  name: 'share_link_expiry',
  firstMs: 5_000,
  everyMs: 15_000,
  run: async (stopping) => {
    if (!databaseOpen()) return false;
    let handled = 0;
    for (let n = await endExpiredLinks(); n > 0 && !stopping.aborted; n = await endExpiredLinks()) handled += n;
    return handled > 0;
  },
};
