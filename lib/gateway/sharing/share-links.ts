import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { guestSessions, orgs, runs, shareLinks, users } from '@/db/schema';
import { env } from '@/lib/platform/config/env';
import { isWellFormedAppId } from '../mint/app-id';
import { endGuestSessions, revokeLinks } from './end-guest-access';
import { hashSecret, isWellFormedGuestSessionId, isWellFormedShareId, newLinkSecret, newShareId } from './secrets';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { allowsLinks } from './sharing-levels';
import type { ShareLinkInput } from './share-link-input';

type Client = { ip?: string | null; userAgent?: string | null };

/** A new link: its URL holds the secret, shown this once. */
export type CreatedShareLink = { id: string; appId: string; orgId: string; url: string; expiresAt: Date; maxUses: number | null };

export type ShareLinkState = 'active' | 'expired' | 'revoked' | 'used_up';

export type ShareLinkRow = {
  id: string;
  appId: string;
  createdAt: Date;
  createdByName: string | null;
  expiresAt: Date;
  maxUses: number | null;
  uses: number;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: ShareLinkState;
  /** Guest sessions of this link still on. */
  liveSessions: number;
};

/** `orgId` null: the operator (CLI), whose reach is every org. */
const inOrg = (orgId: string | null) => (orgId === null ? sql`true` : eq(runs.orgId, orgId));

/**
 * Creates a share link for a live app of the org, if the org's switch allows links; audited
 * (`share_link_created`) in the same transaction. The secret leaves only in the returned URL.
 */
export async function createShareLink(c: {
  orgId: string | null;
  appId: string;
  input: ShareLinkInput;
  actor: Actor;
} & Client): Promise<{ ok: true; link: CreatedShareLink } | { ok: false; reason: 'not_found' | 'sharing_disabled' }> {
  if (!isWellFormedAppId(c.appId)) return { ok: false, reason: 'not_found' };
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The org row is locked: a switch turned off meanwhile waits for this link, then revokes it.
    const [app] = await tx
      .select({ orgId: runs.orgId, sharing: orgs.externalSharing })
      .from(runs)
      .innerJoin(orgs, eq(orgs.id, runs.orgId))
      .where(and(eq(runs.id, c.appId), isNull(runs.deletedAt), inOrg(c.orgId)))
      .for('share', { of: orgs });
    if (!app) return { ok: false, reason: 'not_found' } as const;
    if (!allowsLinks(app.sharing)) return { ok: false, reason: 'sharing_disabled' } as const;
    const id = newShareId();
    const secret = newLinkSecret();
    const [row] = await tx
      .insert(shareLinks)
      .values({
        id,
        appId: c.appId,
        orgId: app.orgId,
        secretHash: hashSecret(secret),
        createdBy: c.actor.kind === 'user' ? c.actor.userId : null,
        expiresAt: sql`now() + make_interval(secs => ${c.input.expiresInSeconds})`,
        maxUses: c.input.maxUses,
      })
      .returning({ expiresAt: shareLinks.expiresAt });
    await recordChange(tx, {
      orgId: app.orgId,
      code: 'share_link_created',
      actor: c.actor,
      appId: c.appId,
      shareId: id,
      detail: `Share link ${id}: expires ${row!.expiresAt.toISOString()}; ${c.input.maxUses === null ? 'no limit on people' : `at most ${c.input.maxUses} ${c.input.maxUses === 1 ? 'person' : 'people'}`}`,
      ip: c.ip,
      userAgent: c.userAgent,
    });
    const link = { id, appId: c.appId, orgId: app.orgId, url: `${env().APP_URL}/s/${secret}`, expiresAt: row!.expiresAt, maxUses: c.input.maxUses };
    return { ok: true, link } as const;
  });
}

const stateOf = (l: { revokedAt: Date | null; expiresAt: Date; maxUses: number | null; uses: number }, now: number): ShareLinkState =>
  l.revokedAt ? 'revoked' : l.expiresAt.getTime() <= now ? 'expired' : l.maxUses !== null && l.uses >= l.maxUses ? 'used_up' : 'active';

/** An app's links, newest first, with their uses and state; null when the app is not the org's (or does not exist). */
export async function listShareLinks(orgId: string | null, appId: string): Promise<ShareLinkRow[] | null> {
  if (!isWellFormedAppId(appId)) return null;
  const db = await getDb();
  const [app] = await db.select({ id: runs.id }).from(runs).where(and(eq(runs.id, appId), isNull(runs.deletedAt), inOrg(orgId)));
  if (!app) return null;
  const rows = await db
    .select({
      id: shareLinks.id,
      appId: shareLinks.appId,
      createdAt: shareLinks.createdAt,
      createdByName: users.name,
      expiresAt: shareLinks.expiresAt,
      maxUses: shareLinks.maxUses,
      uses: shareLinks.uses,
      lastUsedAt: shareLinks.lastUsedAt,
      revokedAt: shareLinks.revokedAt,
      liveSessions: sql<number>`(select count(*)::int from guest_sessions g where g.share_id = ${shareLinks.id} and g.ended_at is null and g.expires_at > now())`,
    })
    .from(shareLinks)
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .where(eq(shareLinks.appId, appId))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id));
  const now = Date.now();
  return rows.map((r) => ({ ...r, liveSessions: Number(r.liveSessions), state: stateOf(r, now) }));
}

export type RevokeResult = { ok: true; appId: string; orgId: string; sessionsEnded: number } | { ok: false; reason: 'not_found' | 'already_ended' };

/**
 * Revokes a link: it opens nothing any more, its guest sessions end and every person it admitted
 * loses the app, with their feed entries and the audit row (`share_link_revoked`) in one transaction.
 */
export async function revokeShareLink(c: { orgId: string | null; appId?: string; shareId: string; actor: Actor } & Client): Promise<RevokeResult> {
  if (!isWellFormedShareId(c.shareId)) return { ok: false, reason: 'not_found' };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select({ appId: shareLinks.appId, orgId: shareLinks.orgId, revokedAt: shareLinks.revokedAt })
      .from(shareLinks)
      .where(and(eq(shareLinks.id, c.shareId), c.orgId === null ? sql`true` : eq(shareLinks.orgId, c.orgId), c.appId === undefined ? sql`true` : eq(shareLinks.appId, c.appId)))
      .for('update');
    if (!link) return { ok: false, reason: 'not_found' } as const;
    if (link.revokedAt) return { ok: false, reason: 'already_ended' } as const;
    const { sessionsEnded } = await revokeLinks(tx, eq(shareLinks.id, c.shareId), 'revoked');
    await recordChange(tx, {
      orgId: link.orgId,
      code: 'share_link_revoked',
      actor: c.actor,
      appId: link.appId,
      shareId: c.shareId,
      detail: `Share link ${c.shareId} revoked${sessionsEnded ? `; ${sessionsEnded} guest session${sessionsEnded === 1 ? '' : 's'} ended` : ''}`,
      ip: c.ip,
      userAgent: c.userAgent,
    });
    return { ok: true, appId: link.appId, orgId: link.orgId, sessionsEnded } as const;
  });
}

export type GuestSessionRow = {
  id: string;
  via: 'share_link' | 'public';
  shareId: string | null;
  /** The signed-in person's name, or the name an anonymous guest gave (null: none). */
  name: string | null;
  email: string | null;
  signedIn: boolean;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
};

/** An app's guest sessions still on, newest first. */
export async function listGuestSessions(orgId: string, appId: string): Promise<GuestSessionRow[]> {
  if (!isWellFormedAppId(appId)) return [];
  const db = await getDb();
  const rows = await db
    .select({
      id: guestSessions.id,
      via: guestSessions.via,
      shareId: guestSessions.shareId,
      userName: users.name,
      email: users.email,
      displayName: guestSessions.displayName,
      userId: guestSessions.userId,
      createdAt: guestSessions.createdAt,
      lastUsedAt: guestSessions.lastUsedAt,
      expiresAt: guestSessions.expiresAt,
    })
    .from(guestSessions)
    .leftJoin(users, eq(users.id, guestSessions.userId))
    .where(and(eq(guestSessions.appId, appId), eq(guestSessions.orgId, orgId), isNull(guestSessions.endedAt), sql`${guestSessions.expiresAt} > now()`))
    .orderBy(desc(guestSessions.createdAt));
  return rows.map((r) => ({
    id: r.id,
    via: r.via,
    shareId: r.shareId,
    name: r.userId ? r.userName : r.displayName,
    email: r.userId ? r.email : null,
    signedIn: r.userId !== null,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    expiresAt: r.expiresAt,
  }));
}

/** An admin ends one guest's session (of an app of their org): its tokens are revoked at once. */
export async function endGuestSessionOfOrg(c: { orgId: string; guestSessionId: string; actor: Actor } & Client): Promise<boolean> {
  if (!isWellFormedGuestSessionId(c.guestSessionId)) return false;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [session] = await tx
      .select({ appId: guestSessions.appId, shareId: guestSessions.shareId })
      .from(guestSessions)
      .where(and(eq(guestSessions.id, c.guestSessionId), eq(guestSessions.orgId, c.orgId)))
      .for('update');
    if (!session) return false;
    const ended = await endGuestSessions(tx, eq(guestSessions.id, c.guestSessionId), 'ended_by_admin');
    if (ended === 0) return false;
    await recordChange(tx, {
      orgId: c.orgId,
      code: 'guest_session_ended',
      actor: c.actor,
      appId: session.appId,
      shareId: session.shareId,
      sessionId: c.guestSessionId,
      detail: `Guest session ${c.guestSessionId} ended by an admin`,
      ip: c.ip,
      userAgent: c.userAgent,
    });
    return true;
  });
}
