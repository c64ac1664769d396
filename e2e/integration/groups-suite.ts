import { and, desc, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { appAccessGroups, auditEvents, groupMembers, memberships, runs } from '@/db/schema';
import { OPERATOR, sessionActor, type Actor } from '@/lib/gateway/audit/actor';
import { addGroupMembers, changeMembersIn, listGroupMembers, removeGroupMembers, setGroupMembers } from '@/lib/gateway/groups/group-members';
import { createGroup, createGroupIn, deleteGroup, deleteGroupIn, findGroup, listGroups, updateGroup, updateGroupIn, type GroupCall } from '@/lib/gateway/groups/groups';
import type { DbKind } from './harness/databases';
import { newEntries, readFeed } from './harness/feed';
import { gatewayForSuite } from './harness/gateway-fixture';
import { addPerson } from './harness/people';

const ACME = 'org_acme';
const APP = 'run_acme_onboarding';
const admin = (actor: Actor = sessionActor('usr_alice')): GroupCall => ({ orgId: ACME, via: 'console', actor });
const scim: GroupCall = { orgId: ACME, via: 'scim', actor: { kind: 'service_account', serviceAccountId: 'sa_test', tokenId: 'sat_test' } };

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  expect(r).toMatchObject({ ok: true });
  return r as Extract<T, { ok: true }>;
};

/** SPEC §18's groups, their domain alone (the console, CLI, API and SCIM call these): both databases. */
export function describeGroups(kind: DbKind) {
  describe(`groups on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    beforeAll(async () => {
      for (const [name, id] of [['Gina', 'usr_gina'], ['Hugo', 'usr_hugo']] as const) {
        await addPerson({ id, email: `${name.toLowerCase()}@acme.test`, name, orgs: { [ACME]: 'member' } });
      }
    });

    const lastAudit = async (code: string) =>
      (await (await getDb()).select().from(auditEvents).where(and(eq(auditEvents.code, code), eq(auditEvents.orgId, ACME))).orderBy(desc(auditEvents.id)).limit(1))[0];

    it('an admin creates a console group, audited with its actor; it lists with its count, and only in its org', async () => {
      const { group } = ok(await createGroup({ ...admin(), displayName: '  Finance  ' }));
      expect(group).toMatchObject({ orgId: ACME, displayName: 'Finance', externalId: null, source: 'console' });
      expect(group.id).toMatch(/^grp_[A-Za-z0-9_-]{24}$/);
      expect(await lastAudit('group_created')).toMatchObject({ userId: 'usr_alice', authVia: 'session', result: 'changed' });
      expect((await listGroups(ACME)).find((g) => g.id === group.id)).toMatchObject({ memberCount: 0 });
      expect(await listGroups('org_globex')).toEqual([]);
      expect(await findGroup('org_globex', group.id)).toBeNull();
      expect(await findGroup(ACME, 'grp_nope')).toBeNull();
    });

    it('a name must be one line of at most 200 characters; an oidc group needs its external id; every bad field is named', async () => {
      expect(await createGroup({ ...admin(), displayName: ' ' })).toMatchObject({ ok: false, code: 'validation_failed', extra: { errors: [{ pointer: '#/display_name' }] } });
      expect(await createGroup({ ...admin(), displayName: 'a\u0007b', source: 'oidc' })).toMatchObject({
        ok: false,
        code: 'validation_failed',
        extra: { errors: [{ pointer: '#/display_name' }, { pointer: '#/external_id' }] },
      });
      expect(await createGroup({ ...admin(), displayName: 'x'.repeat(201) })).toMatchObject({ code: 'validation_failed' });
    });

    it('each group only through its source: admins cannot create or change scim groups, SCIM cannot touch console groups, nobody but sign-ins sets oidc members', async () => {
      expect(await createGroup({ ...admin(), displayName: 'Faked', source: 'scim' })).toMatchObject({ ok: false, code: 'conflict' });
      const { group: scimGroup } = ok(await createGroup({ ...scim, displayName: 'Directory', externalId: 'okta-1' }));
      expect(scimGroup.source).toBe('scim');
      expect(await lastAudit('group_created')).toMatchObject({ serviceAccountId: 'sa_test', authVia: 'service_account' });
      expect(await addGroupMembers({ ...admin(), groupId: scimGroup.id, userIds: ['usr_gina'] })).toMatchObject({ ok: false, code: 'conflict', extra: { source: 'scim' } });
      expect(await updateGroup({ ...admin(), groupId: scimGroup.id, displayName: 'Mine' })).toMatchObject({ ok: false, code: 'conflict' });
      expect(await deleteGroup({ ...admin(), groupId: scimGroup.id })).toMatchObject({ ok: false, code: 'conflict' });

      const { group: consoleGroup } = ok(await createGroup({ ...admin(), displayName: 'Hand-made' }));
      expect(await addGroupMembers({ ...scim, groupId: consoleGroup.id, userIds: ['usr_gina'] })).toMatchObject({ ok: false, code: 'conflict' });
      expect(await deleteGroup({ ...scim, groupId: consoleGroup.id })).toMatchObject({ ok: false, code: 'conflict' });

      const { group: oidcGroup } = ok(await createGroup({ ...admin(), displayName: 'Engineers', source: 'oidc', externalId: 'eng' }));
      expect(await addGroupMembers({ ...admin(), groupId: oidcGroup.id, userIds: ['usr_gina'] })).toMatchObject({ ok: false, code: 'conflict' });
      ok(await addGroupMembers({ orgId: ACME, via: 'oidc', actor: sessionActor('usr_gina'), groupId: oidcGroup.id, userIds: ['usr_gina'] }));
      ok(await updateGroup({ ...admin(), groupId: oidcGroup.id, displayName: 'Engineering' }));
      expect(await updateGroup({ orgId: ACME, via: 'oidc', actor: OPERATOR, groupId: oidcGroup.id, displayName: 'x' })).toMatchObject({ code: 'conflict' });
      expect(await createGroup({ ...admin(), displayName: 'Twin', source: 'oidc', externalId: 'eng' })).toMatchObject({ ok: false, code: 'conflict' });
      expect(await (await getDb()).select().from(groupMembers).where(eq(groupMembers.groupId, scimGroup.id))).toEqual([]);
    });

    it('another org’s admin reaches nothing: its group ids answer 404 like unknown ones', async () => {
      const { group } = ok(await createGroup({ ...admin(), displayName: 'Acme only' }));
      const globex: GroupCall = { orgId: 'org_globex', via: 'console', actor: sessionActor('usr_carol') };
      expect(await addGroupMembers({ ...globex, groupId: group.id, userIds: ['usr_bob'] })).toMatchObject({ ok: false, code: 'not_found' });
      expect(await updateGroup({ ...globex, groupId: group.id, displayName: 'Taken' })).toMatchObject({ code: 'not_found' });
      expect(await deleteGroup({ ...globex, groupId: group.id })).toMatchObject({ code: 'not_found' });
      expect(await findGroup(ACME, group.id)).toMatchObject({ displayName: 'Acme only' });
    });

    it('members must be members of the org: someone of another org, or unknown, is refused and nothing is added', async () => {
      const { group } = ok(await createGroup({ ...admin(), displayName: 'Mixed' }));
      expect(await addGroupMembers({ ...admin(), groupId: group.id, userIds: ['usr_gina', 'usr_bob'] })).toMatchObject({
        ok: false,
        code: 'validation_failed',
        extra: { errors: [{ pointer: '#/members' }] },
      });
      expect(await addGroupMembers({ ...admin(), groupId: group.id, userIds: ['usr_nobody'] })).toMatchObject({ code: 'validation_failed' });
      expect(await listGroupMembers(group.id)).toEqual([]);
      const added = ok(await addGroupMembers({ ...admin(), groupId: group.id, userIds: ['usr_gina', 'usr_hugo', 'usr_gina'] }));
      expect(added.added.sort()).toEqual(['usr_gina', 'usr_hugo']);
      expect((await listGroupMembers(group.id)).map((m) => m.name)).toEqual(['Gina', 'Hugo']);
      expect((await lastAudit('group_members_changed'))?.detail).toMatch(/^Group "Mixed" \(grp_.+\): added (Gina|Hugo) \(usr_/);
      // Again: nothing new, nothing audited.
      expect(ok(await addGroupMembers({ ...admin(), groupId: group.id, userIds: ['usr_gina'] })).added).toEqual([]);
    });

    it('rename, external id, set, remove and delete, each audited; inside a caller’s transaction too', async () => {
      const { group } = ok(await createGroup({ ...scim, displayName: 'Sales', externalId: 's-1' }));
      const renamed = ok(await updateGroup({ ...scim, groupId: group.id, displayName: 'Sales EMEA', externalId: 's-2' }));
      expect(renamed).toMatchObject({ changed: true, group: { displayName: 'Sales EMEA', externalId: 's-2' } });
      expect((await lastAudit('group_updated'))?.detail).toContain('renamed "Sales" → "Sales EMEA", external id set to "s-2"');
      expect(ok(await updateGroup({ ...scim, groupId: group.id, displayName: 'Sales EMEA' })).changed).toBe(false);
      expect(ok(await setGroupMembers({ ...scim, groupId: group.id, userIds: ['usr_gina', 'usr_hugo'] })).added).toHaveLength(2);
      expect(ok(await setGroupMembers({ ...scim, groupId: group.id, userIds: ['usr_hugo'] })).removed).toEqual(['usr_gina']);
      expect(ok(await removeGroupMembers({ ...scim, groupId: group.id, userIds: ['usr_hugo', 'usr_gina'] })).removed).toEqual(['usr_hugo']);

      // Several changes in one transaction (a SCIM PATCH), rolled back as a whole by the caller.
      const db = await getDb();
      await db
        .transaction(async (tx) => {
          ok(await updateGroupIn(tx, { ...scim, groupId: group.id, displayName: 'Half-done' }));
          ok(await changeMembersIn(tx, { ...scim, groupId: group.id, userIds: ['usr_gina'] }, 'add'));
          ok(await createGroupIn(tx, { ...scim, displayName: 'Extra' }));
          tx.rollback();
        })
        .catch(() => {});
      expect(await findGroup(ACME, group.id)).toMatchObject({ displayName: 'Sales EMEA' });
      expect(await listGroupMembers(group.id)).toEqual([]);
      await db.transaction(async (tx) => ok(await deleteGroupIn(tx, { ...scim, groupId: group.id })));
      expect(await findGroup(ACME, group.id)).toBeNull();
      expect(await lastAudit('group_deleted')).toMatchObject({ serviceAccountId: 'sa_test' });
    });

    it('leaving a group writes { sub, aud } for the apps it opened, unless the person still gets in another way', async () => {
      const db = await getDb();
      const { group } = ok(await createGroup({ ...admin(), displayName: 'Onboarding team' }));
      const { group: other } = ok(await createGroup({ ...admin(), displayName: 'Onboarding backup' }));
      ok(await addGroupMembers({ ...admin(), groupId: group.id, userIds: ['usr_gina', 'usr_hugo', 'usr_alice'] }));
      ok(await addGroupMembers({ ...admin(), groupId: other.id, userIds: ['usr_hugo'] }));
      await db.update(runs).set({ accessRule: 'members' }).where(eq(runs.id, APP));
      await db.insert(appAccessGroups).values([group, other].map((g) => ({ appId: APP, orgId: ACME, groupId: g.id })));

      let { cursor } = await readFeed(gw.url);
      // Hugo is still in the backup group, Alice is an admin: only Gina loses the app.
      ok(await removeGroupMembers({ ...admin(), groupId: group.id, userIds: ['usr_gina', 'usr_hugo', 'usr_alice'] }));
      expect(await newEntries(gw.url, cursor)).toEqual([{ sub: 'usr_gina', aud: APP }]);

      ({ cursor } = await readFeed(gw.url));
      ok(await deleteGroup({ ...admin(), groupId: other.id }));
      expect(await newEntries(gw.url, cursor)).toEqual([{ sub: 'usr_hugo', aud: APP }]);
      expect(await db.select().from(appAccessGroups).where(like(appAccessGroups.groupId, other.id))).toEqual([]);
      await db.update(runs).set({ accessRule: 'everyone' }).where(eq(runs.id, APP));
    });

    it('someone removed from the org leaves its groups with the membership', async () => {
      const db = await getDb();
      const { group } = ok(await createGroup({ ...admin(), displayName: 'Leavers' }));
      ok(await addGroupMembers({ ...admin(), groupId: group.id, userIds: ['usr_hugo'] }));
      await db.delete(memberships).where(and(eq(memberships.userId, 'usr_hugo'), eq(memberships.orgId, ACME)));
      expect(await listGroupMembers(group.id)).toEqual([]);
    });
  });
}
