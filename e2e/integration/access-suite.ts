import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, observeStatements } from '@/db/client';
import { appAccessMembers, auditEvents, memberships, type AccessRule } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { setAppAccessRule } from '@/lib/gateway/access/app-access';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { findAppForViewer, listAppsForUser } from '@/lib/gateway/apps/viewer-apps';
import type { DbKind } from './harness/databases';
import { gatewayForSuite } from './harness/gateway-fixture';
import { addPerson } from './harness/people';

const APP = 'run_acme_dashboard';
type Viewer = 'admin' | 'member' | 'listed' | 'unlisted' | 'removed';
const VIEWERS: Record<Viewer, { id: string; role: 'admin' | 'member' }> = {
  admin: { id: 'usr_alice', role: 'admin' },
  member: { id: 'usr_carol', role: 'member' },
  listed: { id: 'usr_lena', role: 'member' },
  unlisted: { id: 'usr_uma', role: 'member' },
  removed: { id: 'usr_rita', role: 'member' },
};

/** Who gets a token under each rule; everyone else gets the non-member's 404. */
const OPENS: Record<AccessRule, Viewer[]> = {
  everyone: ['admin', 'member', 'listed', 'unlisted'],
  admins: ['admin'],
  members: ['admin', 'listed'],
};

/** SPEC §12 against one kind of database: the access rule × every kind of viewer, through the real endpoint. */
export function describeAppAccess(kind: DbKind) {
  describe(`access rules and org_role on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    const tokens = {} as Record<Viewer | 'stranger', string>;
    let carolCookie = '';

    beforeAll(async () => {
      for (const [name, id] of [['Lena', 'usr_lena'], ['Uma', 'usr_uma'], ['Rita', 'usr_rita']] as const) {
        await addPerson({ id, email: `${name.toLowerCase()}@acme.test`, name, orgs: { org_acme: 'member' } });
      }
      for (const [viewer, { id }] of Object.entries(VIEWERS)) tokens[viewer as Viewer] = (await createApiToken({ userId: id, orgId: 'org_acme' })).token;
      tokens.stranger = (await createApiToken({ userId: 'usr_bob', orgId: 'org_globex' })).token;
      carolCookie = await gw.client.signIn('carol@example.test'); // acting in Globex
      // Rita is listed, then removed from Acme: she leaves the list with her membership.
      expect(await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'members', memberIds: ['usr_lena', 'usr_rita'], actor: sessionActor('usr_alice') })).toMatchObject({ ok: true });
      await (await getDb()).delete(memberships).where(and(eq(memberships.userId, 'usr_rita'), eq(memberships.orgId, 'org_acme')));
    });

    const setRule = async (rule: AccessRule) => {
      const result = await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule, memberIds: rule === 'members' ? ['usr_lena'] : [], actor: sessionActor('usr_alice') });
      expect(result.ok).toBe(true);
    };
    /** The 404 body without its one per-request part, the instance (last, same length). */
    const notFoundBody = async (res: Response) => {
      expect(res.status).toBe(404);
      const text = await res.text();
      const instance = `"instance":"urn:uuid:${res.headers.get('x-request-id')}"}`;
      expect(text.endsWith(instance)).toBe(true);
      return text.slice(0, -instance.length);
    };

    it('the removed member left the list when she left the org', async () => {
      const rows = await (await getDb()).select().from(appAccessMembers).where(eq(appAccessMembers.appId, APP));
      expect(rows.map((r) => r.userId)).toEqual(['usr_lena']);
    });

    for (const rule of ['everyone', 'admins', 'members'] as const) {
      describe(`rule ${rule}`, () => {
        beforeAll(() => setRule(rule));

        for (const viewer of Object.keys(VIEWERS) as Viewer[]) {
          const opens = OPENS[rule].includes(viewer);
          it(`${viewer}: ${opens ? '200 with org_role verified against the JWKS' : 'the non-member’s 404, audited with the real reason'}`, async () => {
            const res = await gw.client.mint(APP, { bearer: tokens[viewer] });
            if (opens) {
              expect(res.status).toBe(200);
              const claims = await gw.verify(((await res.json()) as { token: string }).token, APP);
              expect(claims).toMatchObject({ sub: VIEWERS[viewer].id, org_id: 'org_acme', org_role: VIEWERS[viewer].role });
              return;
            }
            const stranger = await notFoundBody(await gw.client.mint(APP, { bearer: tokens.stranger }));
            expect(await notFoundBody(res)).toBe(stranger);
            const [row] = await (await getDb()).select().from(auditEvents).where(eq(auditEvents.userId, VIEWERS[viewer].id)).orderBy(desc(auditEvents.id)).limit(1);
            // A removed member is an outsider now: the denial is the platform's (no org_id), not the org's.
            const expected = viewer === 'removed' ? { code: 'not_found', detail: null, orgId: null } : { code: 'not_allowed', detail: rule, orgId: 'org_acme' };
            expect(row).toMatchObject({ result: 'denied', appId: APP, ...expected });
          });
        }

        it('home and the viewer page offer the app to exactly the viewers the mint lets in', async () => {
          for (const viewer of Object.keys(VIEWERS) as Viewer[]) {
            const opens = OPENS[rule].includes(viewer);
            expect((await listAppsForUser(VIEWERS[viewer].id)).apps.some((a) => a.id === APP), viewer).toBe(opens);
            expect(await findAppForViewer(APP, VIEWERS[viewer].id), viewer).toEqual(opens ? expect.objectContaining({ id: APP }) : null);
          }
        });

        it(`a member acting in another org: ${rule === 'everyone' ? 'told to switch' : 'not found, never told the app exists'}`, async () => {
          const res = await gw.client.mint(APP, { cookie: carolCookie });
          if (rule === 'everyone') expect(res.status).toBe(403);
          else expect(await notFoundBody(res)).toBe(await notFoundBody(await gw.client.mint(APP, { bearer: tokens.stranger })));
        });
      });
    }

    it('org_role is read fresh: a member made admin opens an admins-only app at her next mint', async () => {
      await setRule('admins');
      expect((await gw.client.mint(APP, { bearer: tokens.unlisted })).status).toBe(404);
      const db = await getDb();
      await db.update(memberships).set({ role: 'admin' }).where(and(eq(memberships.userId, 'usr_uma'), eq(memberships.orgId, 'org_acme')));
      const res = await gw.client.mint(APP, { bearer: tokens.unlisted });
      expect(await gw.verify(((await res.json()) as { token: string }).token, APP)).toMatchObject({ sub: 'usr_uma', org_role: 'admin' });
      await db.update(memberships).set({ role: 'member' }).where(and(eq(memberships.userId, 'usr_uma'), eq(memberships.orgId, 'org_acme')));
    });

    it('a restricted app still costs one database round trip per mint', async () => {
      await setRule('members');
      await gw.client.mint(APP, { bearer: tokens.listed });
      let statements = 0;
      observeStatements(() => statements++);
      try {
        expect((await gw.client.mint(APP, { bearer: tokens.listed })).status).toBe(200);
      } finally {
        observeStatements(null);
      }
      expect(statements).toBe(1);
    });

    it('a list naming a non-member, or nobody, is refused and changes nothing', async () => {
      await setRule('everyone');
      expect(await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'members', memberIds: ['usr_lena', 'usr_bob', 'usr_rita'], actor: sessionActor('usr_alice') })).toEqual({
        ok: false,
        reason: 'not_members',
        ids: ['usr_bob', 'usr_rita'],
      });
      expect(await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'members', memberIds: [], actor: sessionActor('usr_alice') })).toEqual({ ok: false, reason: 'empty_list' });
      expect(await setAppAccessRule({ orgId: 'org_globex', appId: APP, rule: 'admins', memberIds: [], actor: sessionActor('usr_carol') })).toEqual({ ok: false, reason: 'not_found' });
      expect((await gw.client.mint(APP, { bearer: tokens.member })).status).toBe(200);
    });

    it('a change returns the members it shuts out, and the audit log says who changed what', async () => {
      await setRule('everyone');
      const narrowed = await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'members', memberIds: ['usr_lena'], actor: sessionActor('usr_alice') });
      expect(narrowed.ok && narrowed.dropped.map((m) => m.userId).sort()).toEqual(['usr_carol', 'usr_uma']);
      const closed = await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'admins', memberIds: [], actor: sessionActor('usr_alice') });
      expect(closed.ok && closed.dropped.map((m) => m.userId)).toEqual(['usr_lena']);
      const same = await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'admins', memberIds: [], actor: sessionActor('usr_alice') });
      expect(same).toMatchObject({ ok: true, changed: false, dropped: [] });
      const reopened = await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'everyone', memberIds: [], actor: sessionActor('usr_alice') });
      expect(reopened).toMatchObject({ ok: true, changed: true, dropped: [] });

      const changes = await (await getDb()).select().from(auditEvents).where(eq(auditEvents.result, 'changed')).orderBy(desc(auditEvents.id)).limit(3);
      expect(changes.map((c) => c.detail)).toEqual([
        'Who can open: admins only → everyone in the org',
        'Who can open: admins and Lena → admins only',
        'Who can open: everyone in the org → admins and Lena',
      ]);
      for (const c of changes) expect(c).toMatchObject({ code: 'access_rule_changed', userId: 'usr_alice', authVia: 'session', appId: APP, orgId: 'org_acme' });
    });
  });
}
