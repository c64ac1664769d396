import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { appCredentials, guestSessions, shareLinks } from '@/db/schema';
import { endGrantsOfApp } from '../access-requests/end-grants';
import { recordRevocations } from '../revocations/record';
import { endGuestSessions, revokeLinks } from '../sharing/end-guest-access';

// What an app's deletion or its return to private ends, in the caller's transaction, with the feed
// entries of SPEC part three's revocation rule.

/** An app made private again: its public guest sessions end (`{ sid }` entries). Returns how many. */
export function endPublicGuests(tx: Transaction, appId: string): Promise<number> {
  return endGuestSessions(tx, and(eq(guestSessions.appId, appId), eq(guestSessions.via, 'public'))!, 'app_private');
}

/**
 * A deleted app: its share links are revoked (their guest sessions end), its public guest sessions
 * end, its app grants end (SPEC §16), its client secrets stop authenticating, and `{ "aud": "<appId>" }` revokes every token for
 * it. Returns what ended, in words for the audit log ('' when only the tokens).
 */
export async function endAppAccess(tx: Transaction, appId: string): Promise<string> {
  const links = await revokeLinks(tx, eq(shareLinks.appId, appId), 'revoked');
  const guests = await endPublicGuests(tx, appId);
  const secrets = await tx
    .update(appCredentials)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(appCredentials.appId, appId), isNull(appCredentials.revokedAt)))
    .returning({ id: appCredentials.id });
  const grants = await endGrantsOfApp(tx, appId);
  await recordRevocations(tx, [{ aud: appId }]);
  const count = (n: number, what: string) => (n ? `${n} ${what}${n === 1 ? '' : 's'}` : '');
  return [count(links.ids.length, 'share link'), count(links.sessionsEnded + guests, 'guest session'), count(secrets.length, 'client secret'), count(grants, 'app grant')].filter(Boolean).join(', ');
}
