import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, guestSessions, orgs, shareLinks } from '@/db/schema';
import { OPERATOR, sessionActor } from '@/lib/gateway/audit/actor';
import { setOrgSharing } from '@/lib/gateway/sharing/sharing-switch';
import { checkShareLinkInput } from '@/lib/gateway/sharing/share-link-input';
import { createShareLink, listShareLinks, revokeShareLink } from '@/lib/gateway/sharing/share-links';
import { openShareLink } from '@/lib/gateway/sharing/open-link';
import { openPublicApp } from '@/lib/gateway/sharing/public-guests';
import { endExpiredLinks } from '@/lib/gateway/sharing/link-expiry';
import type { DbKind } from './harness/databases';
import { newEntries, readFeed } from './harness/feed';
import { gatewayForSuite } from './harness/gateway-fixture';

const APP = 'run_acme_dashboard';
const PUBLIC_APP = 'run_acme_public';
const client = { ip: '127.0.0.1', userAgent: 'test' };
const week = 7 * 86400;

export const secretOf = (url: string) => new URL(url).pathname.split('/').pop()!;

/** A link for `appId` made by Alice (an Acme admin), as the console does. */
export async function newLink(appId = APP, input: { expiresInSeconds?: number; maxUses?: number | null } = {}) {
  const checked = checkShareLinkInput(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const r = await createShareLink({ orgId: 'org_acme', appId, input: checked.value, actor: sessionActor('usr_alice'), ...client });
  if (!r.ok) throw new Error(r.reason);
  return r.link;
}

/** SPEC §15: the org's sharing switch and share links (create, list, revoke), on the domain and the database. */
export function describeSharingSwitchAndLinks(kind: DbKind) {
  describe(`sharing switch and share links on ${kind}`, () => {
    const gw = gatewayForSuite(kind, { SESSION_MAX_AGE_SECONDS: '3600' });
    const db = () => getDb();
    const auditOf = async (code: string) => (await (await db()).select().from(auditEvents).where(eq(auditEvents.code, code))).map((r) => r);

    it('is off by default; the demo world’s Acme shares links and public apps', async () => {
      const rows = await (await db()).select({ id: orgs.id, level: orgs.externalSharing }).from(orgs);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.level]))).toMatchObject({ org_acme: 'links_and_public', org_globex: 'off' });
      await (await db()).insert(orgs).values({ id: 'org_fresh', name: 'Fresh' });
      const [fresh] = await (await db()).select({ level: orgs.externalSharing }).from(orgs).where(eq(orgs.id, 'org_fresh'));
      expect(fresh!.level).toBe('off');
    });

    it('a link: shr_ id, a URL on APP_URL whose secret carries ≥ 128 random bits and is stored only as its hash, 7 days by default', async () => {
      const link = await newLink();
      expect(link.id).toMatch(/^shr_[A-Za-z0-9_-]{24}$/);
      expect(link.url).toMatch(/^http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secretOf(link.url), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      const [row] = await (await db()).select().from(shareLinks).where(eq(shareLinks.id, link.id));
      expect(JSON.stringify(row)).not.toContain(secretOf(link.url));
      expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(Math.abs((row!.expiresAt.getTime() - row!.createdAt.getTime()) / 1000 - week)).toBeLessThan(2);
      const [audit] = (await auditOf('share_link_created')).filter((a) => a.shareId === link.id);
      expect(audit).toMatchObject({ result: 'changed', orgId: 'org_acme', appId: APP, userId: 'usr_alice', authVia: 'session' });
      expect(JSON.stringify(audit)).not.toContain(secretOf(link.url));
    });

    it('expiry must be 60 s to 30 days, a maximum 1 or more: each bad field is named', () => {
      expect(checkShareLinkInput({ expiresInSeconds: 59 })).toMatchObject({ ok: false, errors: { expiresInSeconds: expect.any(String) } });
      expect(checkShareLinkInput({ expiresInSeconds: 30 * 86400 + 1, maxUses: 0 })).toMatchObject({ ok: false, errors: { expiresInSeconds: expect.any(String), maxUses: expect.any(String) } });
      expect(checkShareLinkInput({ expiresInSeconds: 60, maxUses: 1 })).toEqual({ ok: true, value: { expiresInSeconds: 60, maxUses: 1 } });
      expect(checkShareLinkInput({ expiresInSeconds: 2.5 })).toMatchObject({ ok: false });
    });

    it('an org whose switch is off gets sharing_disabled; another org’s app is not found', async () => {
      const input = { expiresInSeconds: 600, maxUses: null };
      expect(await createShareLink({ orgId: 'org_globex', appId: 'run_globex_tracker', input, actor: OPERATOR })).toEqual({ ok: false, reason: 'sharing_disabled' });
      expect(await createShareLink({ orgId: 'org_globex', appId: APP, input, actor: OPERATOR })).toEqual({ ok: false, reason: 'not_found' });
      expect(await createShareLink({ orgId: 'org_acme', appId: 'run_no_such', input, actor: OPERATOR })).toEqual({ ok: false, reason: 'not_found' });
    });

    it('the list shows uses, last used and expiry; revoking ends the link’s guest sessions with feed entries { sid } and { sub, aud }', async () => {
      const link = await newLink(APP, { expiresInSeconds: 3600, maxUses: 5 });
      const anon = await openShareLink({ secret: secretOf(link.url), userId: null, displayName: 'Ada', currentGuestSecret: null, ...client });
      const bob = await openShareLink({ secret: secretOf(link.url), userId: 'usr_bob', displayName: null, currentGuestSecret: null, ...client });
      expect(anon.ok && bob.ok).toBe(true);
      const listed = (await listShareLinks('org_acme', APP))!.find((l) => l.id === link.id)!;
      expect(listed).toMatchObject({ uses: 2, maxUses: 5, state: 'active', liveSessions: 2 });
      expect(listed.lastUsedAt).toBeInstanceOf(Date);
      expect(await listShareLinks('org_globex', APP)).toBeNull();

      const { cursor } = await readFeed(gw.url);
      expect(await revokeShareLink({ orgId: 'org_globex', shareId: link.id, actor: OPERATOR })).toEqual({ ok: false, reason: 'not_found' });
      expect(await revokeShareLink({ orgId: 'org_acme', shareId: link.id, actor: sessionActor('usr_alice') })).toMatchObject({ ok: true, sessionsEnded: 2 });
      const entries = await newEntries(gw.url, cursor);
      const sids = [anon, bob].map((o) => (o.ok ? o.guestSessionId : ''));
      expect(entries).toEqual(expect.arrayContaining([{ sid: sids[0] }, { sid: sids[1] }, { sub: 'usr_bob', aud: APP }]));
      expect((await listShareLinks('org_acme', APP))!.find((l) => l.id === link.id)).toMatchObject({ state: 'revoked', liveSessions: 0 });
      expect(await revokeShareLink({ orgId: 'org_acme', shareId: link.id, actor: OPERATOR })).toEqual({ ok: false, reason: 'already_ended' });
      const [audit] = (await auditOf('share_link_revoked')).filter((a) => a.shareId === link.id);
      expect(audit).toMatchObject({ orgId: 'org_acme', appId: APP, userId: 'usr_alice' });
      expect((await auditOf('share_link_opened')).filter((a) => a.shareId === link.id)).toHaveLength(2);
    });

    it('a link that expires writes, like revoking, { sid } for each of its guest sessions and { sub, aud } for each person it admitted; once, and only for expired links', async () => {
      const link = await newLink(APP, { expiresInSeconds: 3600 });
      const live = await newLink(APP, { expiresInSeconds: 3600 });
      const anon = await openShareLink({ secret: secretOf(link.url), userId: null, displayName: 'Ada', currentGuestSecret: null, ...client });
      const bob = await openShareLink({ secret: secretOf(link.url), userId: 'usr_bob', displayName: null, currentGuestSecret: null, ...client });
      const other = await openShareLink({ secret: secretOf(live.url), userId: null, displayName: null, currentGuestSecret: null, ...client });
      expect(anon.ok && bob.ok && other.ok).toBe(true);
      const sids = [anon, bob].map((o) => (o.ok ? o.guestSessionId : ''));
      // The link's end passes (its guest sessions end with it, as they were made to).
      const past = new Date(Date.now() - 1000);
      await (await db()).update(shareLinks).set({ expiresAt: past }).where(eq(shareLinks.id, link.id));
      await (await db()).update(guestSessions).set({ expiresAt: past }).where(eq(guestSessions.shareId, link.id));

      const { cursor } = await readFeed(gw.url);
      expect(await endExpiredLinks()).toBeGreaterThanOrEqual(1);
      const entries = await newEntries(gw.url, cursor);
      expect(entries).toEqual(expect.arrayContaining([{ sid: sids[0] }, { sid: sids[1] }, { sub: 'usr_bob', aud: APP }]));
      expect(entries).not.toContainEqual({ sid: other.ok ? other.guestSessionId : '' });
      const [row] = await (await db()).select().from(shareLinks).where(eq(shareLinks.id, link.id));
      expect(row).toMatchObject({ endReason: 'expired', revokedAt: null });
      expect((await listShareLinks('org_acme', APP))!.find((l) => l.id === link.id)).toMatchObject({ state: 'expired', liveSessions: 0 });
      const sessions = await (await db()).select().from(guestSessions).where(eq(guestSessions.shareId, link.id));
      expect(sessions.map((g) => g.endReason)).toEqual(['link_expired', 'link_expired']);
      expect((await listShareLinks('org_acme', APP))!.find((l) => l.id === live.id)).toMatchObject({ state: 'active', liveSessions: 1 });

      // Handled once: the next run finds nothing of it.
      const { cursor: after } = await readFeed(gw.url);
      await endExpiredLinks();
      expect(await newEntries(gw.url, after)).not.toEqual(expect.arrayContaining([{ sid: sids[0] }]));
      await revokeShareLink({ orgId: 'org_acme', shareId: live.id, actor: OPERATOR });
    });

    it('turning the switch down ends what it no longer allows: public guests at `links`, links and every guest at `off`', async () => {
      await (await db()).insert(orgs).values({ id: 'org_down', name: 'Down' }).onConflictDoNothing();
      const link = await newLink(APP, { expiresInSeconds: 3600 });
      const viaLink = await openShareLink({ secret: secretOf(link.url), userId: null, displayName: null, currentGuestSecret: null, ...client });
      const viaPublic = await openPublicApp({ appId: PUBLIC_APP, userId: null, currentGuestSecret: null, ...client });
      expect(viaLink.ok && viaPublic).toBeTruthy();
      const ended = async (id: string) => (await (await db()).select().from(guestSessions).where(eq(guestSessions.id, id)))[0]!.endReason;

      let { cursor } = await readFeed(gw.url);
      expect(await setOrgSharing({ orgId: 'org_acme', level: 'links', actor: sessionActor('usr_alice') })).toMatchObject({ ok: true, before: 'links_and_public', after: 'links', linksRevoked: 0, sessionsEnded: 1 });
      expect(await ended(viaPublic!.guestSessionId)).toBe('public_off');
      expect(await ended(viaLink.ok ? viaLink.guestSessionId : '')).toBeNull();
      expect(await newEntries(gw.url, cursor)).toEqual([{ sid: viaPublic!.guestSessionId }]);
      expect(await openPublicApp({ appId: PUBLIC_APP, userId: null, currentGuestSecret: null, ...client })).toBeNull();

      ({ cursor } = await readFeed(gw.url));
      const off = await setOrgSharing({ orgId: 'org_acme', level: 'off', actor: sessionActor('usr_alice') });
      expect(off).toMatchObject({ ok: true, after: 'off', sessionsEnded: 1 });
      expect(off.ok && off.linksRevoked).toBeGreaterThanOrEqual(1);
      expect(await ended(viaLink.ok ? viaLink.guestSessionId : '')).toBe('sharing_off');
      expect(await newEntries(gw.url, cursor)).toEqual(expect.arrayContaining([{ sid: viaLink.ok ? viaLink.guestSessionId : '' }]));
      const [row] = await (await db()).select().from(shareLinks).where(eq(shareLinks.id, link.id));
      expect(row).toMatchObject({ endReason: 'sharing_off' });
      expect(await openShareLink({ secret: secretOf(link.url), userId: null, displayName: null, currentGuestSecret: null, ...client })).toMatchObject({ ok: false });
      const changes = await (await db()).select().from(auditEvents).where(and(eq(auditEvents.code, 'external_sharing_changed'), eq(auditEvents.orgId, 'org_acme')));
      expect(changes.map((c) => c.detail)).toEqual(expect.arrayContaining([expect.stringContaining('links_and_public → links'), expect.stringContaining('links → off')]));
      // Back up: the revoked link stays revoked.
      await setOrgSharing({ orgId: 'org_acme', level: 'links_and_public', actor: OPERATOR });
      expect(await openShareLink({ secret: secretOf(link.url), userId: null, displayName: null, currentGuestSecret: null, ...client })).toMatchObject({ ok: false });
      expect(await setOrgSharing({ orgId: 'org_nope', level: 'off', actor: OPERATOR })).toEqual({ ok: false, reason: 'not_found' });
    });
  });
}
