import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orgs, runs, shareLinkPeople, shareLinks, users } from '@/db/schema';
import { currentGuestSession, startGuestSession, type GuestClient } from './guest-sessions';
import { hashSecret, isWellFormedSecret } from './secrets';
import { recordChange } from '../audit/record-change';

/** A link that opens: not revoked, not expired, its app live, its org's switch allowing links. */
const opens = and(isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, sql`now()`), isNull(runs.deletedAt), ne(orgs.externalSharing, 'off'));

export type OpenableLink = { shareId: string; appId: string; appTitle: string; orgName: string; expiresAt: Date };

/**
 * What `GET /s/<secret>` may show: the link, if it opens for this person (signed in: `userId`).
 * Unknown, expired, revoked and used-up links are all null alike — except that a person the link
 * already admitted may come back to a used-up link. Reads only: a scanner opening the link changes nothing.
 */
export async function findOpenableLink(secret: string, userId: string | null): Promise<OpenableLink | null> {
  if (!isWellFormedSecret(secret)) return null;
  const db = await getDb();
  const [link] = await db
    .select({
      shareId: shareLinks.id,
      appId: shareLinks.appId,
      appTitle: runs.title,
      orgName: orgs.name,
      expiresAt: shareLinks.expiresAt,
      maxUses: shareLinks.maxUses,
      uses: shareLinks.uses,
      admitted: userId === null ? sql<boolean>`false` : sql<boolean>`exists (select 1 from share_link_people p where p.share_id = ${shareLinks.id} and p.user_id = ${userId})`,
    })
    .from(shareLinks)
    .innerJoin(runs, eq(runs.id, shareLinks.appId))
    .innerJoin(orgs, eq(orgs.id, shareLinks.orgId))
    .where(and(eq(shareLinks.secretHash, hashSecret(secret)), opens));
  if (!link) return null;
  if (link.maxUses !== null && link.uses >= link.maxUses && !link.admitted) return null;
  return { shareId: link.shareId, appId: link.appId, appTitle: link.appTitle, orgName: link.orgName, expiresAt: link.expiresAt };
}

export type OpenedLink =
  /** `guestSecret`: the new guest cookie's value; null when the browser's guest session for this link goes on. */
  | { ok: true; shareId: string; appId: string; guestSessionId: string; guestSecret: string | null; expiresAt: Date | null; counted: boolean }
  | { ok: false; shareId: string | null };

/**
 * "Continue as …" on a link's page: counts one use per person and starts a guest session bound to
 * the link and its app. The link's row is locked for the whole transaction, so concurrent opens
 * are counted one after another and a maximum is never overshot. A signed-in person counts once,
 * whatever the browser; an anonymous guest counts once per guest session. The use is audited
 * (`share_link_opened`) with the link's id, never its secret.
 */
export async function openShareLink(
  c: { secret: string; userId: string | null; displayName: string | null; currentGuestSecret: string | null } & GuestClient,
): Promise<OpenedLink> {
  if (!isWellFormedSecret(c.secret)) return { ok: false, shareId: null };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select({ id: shareLinks.id, appId: shareLinks.appId, orgId: shareLinks.orgId, expiresAt: shareLinks.expiresAt, maxUses: shareLinks.maxUses, uses: shareLinks.uses })
      .from(shareLinks)
      .innerJoin(runs, eq(runs.id, shareLinks.appId))
      .innerJoin(orgs, eq(orgs.id, shareLinks.orgId))
      .where(and(eq(shareLinks.secretHash, hashSecret(c.secret)), opens))
      .for('update', { of: shareLinks });
    if (!link) return { ok: false, shareId: null } as const;
    if (c.userId !== null) {
      const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, c.userId), isNull(users.deletedAt)));
      if (!user) return { ok: false, shareId: link.id } as const;
    }

    const current = await currentGuestSession(tx, link.appId, c.currentGuestSecret);
    if (current && current.shareId === link.id && current.userId === c.userId) {
      return { ok: true, shareId: link.id, appId: link.appId, guestSessionId: current.id, guestSecret: null, expiresAt: null, counted: false } as const;
    }
    const admitted =
      c.userId !== null &&
      (await tx.select({ one: sql`1` }).from(shareLinkPeople).where(and(eq(shareLinkPeople.shareId, link.id), eq(shareLinkPeople.userId, c.userId)))).length > 0;
    const counted = !admitted;
    if (counted && link.maxUses !== null && link.uses >= link.maxUses) return { ok: false, shareId: link.id } as const;
    if (counted && c.userId !== null) await tx.insert(shareLinkPeople).values({ shareId: link.id, userId: c.userId });
    await tx
      .update(shareLinks)
      .set(counted ? { uses: sql`${shareLinks.uses} + 1`, lastUsedAt: sql`now()` } : { lastUsedAt: sql`now()` })
      .where(eq(shareLinks.id, link.id));

    const session = await startGuestSession(tx, {
      appId: link.appId,
      orgId: link.orgId,
      via: 'share_link',
      shareId: link.id,
      userId: c.userId,
      displayName: c.displayName,
      endsBy: link.expiresAt,
      replacing: current?.id ?? null,
      ip: c.ip,
      userAgent: c.userAgent,
    });
    if (counted) {
      await recordChange(tx, {
        orgId: link.orgId,
        code: 'share_link_opened',
        actor: { kind: 'guest', userId: c.userId, via: 'share_link' },
        appId: link.appId,
        shareId: link.id,
        sessionId: session.id,
        detail: `Share link ${link.id} opened by ${c.userId ? 'a signed-in person' : 'an anonymous guest'} (use ${link.uses + 1}${link.maxUses === null ? '' : ` of ${link.maxUses}`})`,
        ip: c.ip,
        userAgent: c.userAgent,
      });
    }
    return { ok: true, shareId: link.id, appId: link.appId, guestSessionId: session.id, guestSecret: session.secret, expiresAt: session.expiresAt, counted } as const;
  });
}
