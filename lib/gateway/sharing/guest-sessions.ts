import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { guestSessions } from '@/db/schema';
import { env } from '@/lib/platform/config/env';
import { endGuestSessions, type Tx } from './end-guest-access';
import { hashSecret, isWellFormedSecret, newGuestSecret, newGuestSessionId, newGuestSub } from './secrets';

export type GuestClient = { ip: string | null; userAgent: string | null };

/** The live guest session a browser's cookie for an app names, if any (read inside the caller's transaction). */
export async function currentGuestSession(tx: Tx, appId: string, cookieSecret: string | null) {
  if (cookieSecret === null || !isWellFormedSecret(cookieSecret)) return null;
  const [row] = await tx
    .select({ id: guestSessions.id, shareId: guestSessions.shareId, userId: guestSessions.userId, via: guestSessions.via })
    .from(guestSessions)
    .where(and(eq(guestSessions.secretHash, hashSecret(cookieSecret)), eq(guestSessions.appId, appId), isNull(guestSessions.endedAt), gt(guestSessions.expiresAt, sql`now()`)));
  return row ?? null;
}

/**
 * Starts a guest session for one app; the previous guest session of this browser for the app (its
 * cookie is about to be replaced) ends. It ends at `endsBy` (the link's end) or after
 * SESSION_MAX_AGE_SECONDS, whichever is first. Returns the cookie's secret, the session's id and its end.
 */
export async function startGuestSession(
  tx: Tx,
  s: {
    appId: string;
    orgId: string;
    via: 'share_link' | 'public';
    shareId: string | null;
    userId: string | null;
    displayName: string | null;
    endsBy: Date | null;
    replacing: string | null;
  } & GuestClient,
): Promise<{ secret: string; id: string; expiresAt: Date }> {
  if (s.replacing) await endGuestSessions(tx, eq(guestSessions.id, s.replacing), 'replaced');
  const secret = newGuestSecret();
  const id = newGuestSessionId();
  const maxAge = sql`now() + make_interval(secs => ${env().SESSION_MAX_AGE_SECONDS})`;
  const [row] = await tx.insert(guestSessions).values({
    id,
    secretHash: hashSecret(secret),
    appId: s.appId,
    orgId: s.orgId,
    via: s.via,
    shareId: s.shareId,
    userId: s.userId,
    guestSub: s.userId ? null : newGuestSub(),
    displayName: s.userId ? null : s.displayName,
    expiresAt: s.endsBy ? sql`least(${s.endsBy.toISOString()}::timestamptz, ${maxAge})` : maxAge,
    ip: s.ip,
    userAgent: s.userAgent,
  }).returning({ expiresAt: guestSessions.expiresAt });
  return { secret, id, expiresAt: row!.expiresAt };
}
