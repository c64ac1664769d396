import { and, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { guestSessions, shareLinkPeople, shareLinks } from '@/db/schema';
import { recordRevocations, type RevocationEntry } from '../revocations/record';

// Every loss of guest access writes its feed entries in the same transaction (SPEC part three's
// revocation rule), with claims deployed verifiers already match: { sid } per guest session ended,
// { sub, aud } per signed-in person dropped from the app.

export type Tx = Pick<Database, 'update' | 'select' | 'insert' | 'delete' | 'execute'>;

type GuestEndReason = (typeof guestSessions.endReason.enumValues)[number];

const uniqueEntries = (entries: RevocationEntry[]) => [...new Map(entries.map((e) => [JSON.stringify(e), e])).values()];

/** Ends the guest sessions still on that `where` picks; returns how many. */
export async function endGuestSessions(tx: Tx, where: SQL, reason: GuestEndReason): Promise<number> {
  const ended = await tx
    .update(guestSessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(isNull(guestSessions.endedAt), gt(guestSessions.expiresAt, sql`now()`), where))
    .returning({ id: guestSessions.id, userId: guestSessions.userId, appId: guestSessions.appId });
  await recordRevocations(
    tx,
    uniqueEntries(ended.flatMap((s) => (s.userId ? [{ sid: s.id }, { sub: s.userId, aud: s.appId }] : [{ sid: s.id }]))),
  );
  return ended.length;
}

/**
 * Revokes the links `where` picks that are not revoked yet, ends their guest sessions, and drops
 * every signed-in person they admitted from the app. Returns the ids of the links revoked.
 */
export async function revokeLinks(tx: Tx, where: SQL, reason: 'revoked' | 'sharing_off'): Promise<{ ids: string[]; sessionsEnded: number }> {
  const revoked = await tx
    .update(shareLinks)
    .set({ revokedAt: sql`now()`, endReason: reason })
    .where(and(isNull(shareLinks.revokedAt), where))
    .returning({ id: shareLinks.id, appId: shareLinks.appId });
  if (revoked.length === 0) return { ids: [], sessionsEnded: 0 };
  const ids = revoked.map((l) => l.id);
  const sessionsEnded = await endGuestSessions(tx, inArray(guestSessions.shareId, ids), reason === 'revoked' ? 'link_revoked' : 'sharing_off');
  const people = await tx
    .select({ userId: shareLinkPeople.userId, appId: shareLinks.appId })
    .from(shareLinkPeople)
    .innerJoin(shareLinks, eq(shareLinks.id, shareLinkPeople.shareId))
    .where(inArray(shareLinkPeople.shareId, ids));
  await recordRevocations(tx, uniqueEntries(people.map((p) => ({ sub: p.userId, aud: p.appId }))));
  return { ids, sessionsEnded };
}
