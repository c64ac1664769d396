import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { guestSessions, orgs, shareLinks } from '@/db/schema';
import { endGuestSessions, revokeLinks } from './end-guest-access';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { allowsLinks, allowsPublic, type SharingLevel } from './sharing-levels';

export type SharingChange =
  | { ok: true; before: SharingLevel; after: SharingLevel; linksRevoked: number; sessionsEnded: number }
  | { ok: false; reason: 'not_found' };

/** An org's sharing switch, or null for no such org. */
export async function orgSharing(orgId: string): Promise<SharingLevel | null> {
  const db = await getDb();
  const [row] = await db.select({ level: orgs.externalSharing }).from(orgs).where(eq(orgs.id, orgId));
  return row?.level ?? null;
}

/**
 * Sets an org's sharing switch. Turning it down ends, in the same transaction, what the new level
 * no longer allows: below `links_and_public` every public app's guest session; at `off` every live
 * share link and every guest session — each with its feed entries — and the change is audited.
 */
export async function setOrgSharing(c: { orgId: string; level: SharingLevel; actor: Actor; ip?: string | null; userAgent?: string | null }): Promise<SharingChange> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [org] = await tx.select({ level: orgs.externalSharing }).from(orgs).where(eq(orgs.id, c.orgId)).for('update');
    if (!org) return { ok: false, reason: 'not_found' } as const;
    const before = org.level;
    if (before === c.level) return { ok: true, before, after: c.level, linksRevoked: 0, sessionsEnded: 0 } as const;
    await tx.update(orgs).set({ externalSharing: c.level }).where(eq(orgs.id, c.orgId));
    let linksRevoked = 0;
    let sessionsEnded = 0;
    if (!allowsPublic(c.level)) {
      sessionsEnded += await endGuestSessions(tx, and(eq(guestSessions.orgId, c.orgId), eq(guestSessions.via, 'public'))!, 'public_off');
    }
    if (!allowsLinks(c.level)) {
      const revoked = await revokeLinks(tx, and(eq(shareLinks.orgId, c.orgId), sql`${shareLinks.expiresAt} > now()`)!, 'sharing_off');
      linksRevoked = revoked.ids.length;
      sessionsEnded += revoked.sessionsEnded;
    }
    const ends = [linksRevoked ? `${linksRevoked} link${linksRevoked === 1 ? '' : 's'} revoked` : '', sessionsEnded ? `${sessionsEnded} guest session${sessionsEnded === 1 ? '' : 's'} ended` : '']
      .filter(Boolean)
      .join(', ');
    await recordChange(tx, {
      orgId: c.orgId,
      code: 'external_sharing_changed',
      actor: c.actor,
      detail: `External sharing: ${before} → ${c.level}${ends ? ` (${ends})` : ''}`,
      ip: c.ip,
      userAgent: c.userAgent,
    });
    return { ok: true, before, after: c.level, linksRevoked, sessionsEnded } as const;
  });
}
