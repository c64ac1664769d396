import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { appAccessGroups, auditEvents, orgs, runs } from '@/db/schema';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { createGroup } from '@/lib/gateway/groups/groups';
import type { DbKind } from './harness/databases';
import { newEntries, readFeed } from './harness/feed';
import { gatewayForSuite } from './harness/gateway-fixture';
import { serviceAccountToken } from './harness/management';
import { acmeScimClient, expectScimError, scimApi, scimBody } from './harness/scim';
import { addPerson } from './harness/people';

type Member = { value: string; display: string; $ref: string };
type Group = { id: string; displayName: string; externalId?: string; members?: Member[]; meta: { location: string } };
type List = { totalResults: number; Resources: Group[] };

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** SPEC §18's SCIM Groups over HTTP: the org's `scim` groups only, members of the org only, PATCH all-or-nothing. */
export function describeScimGroups(kind: DbKind) {
  describe(`SCIM Groups on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let acme: ReturnType<typeof scimApi>;
    let token: string;
    let serviceAccountId: string;
    const people: Record<string, string> = {};

    beforeAll(async () => {
      ({ scim: acme, token, serviceAccountId } = await acmeScimClient(gw.url, 'Entra'));
      for (const name of ['gia', 'hal', 'ivy', 'jon']) {
        const u = await scimBody<{ id: string }>(await acme('POST', '/Users', { token, body: { userName: `${name}@acme.test`, displayName: name.toUpperCase() } }), 201);
        people[name] = u.id;
      }
    });

    const ids = (g: Group) => (g.members ?? []).map((m) => m.value).sort();
    const newGroup = async (displayName: string, members: string[] = []) =>
      scimBody<Group>(await acme('POST', '/Groups', { token, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, members: members.map((value) => ({ value })) } }), 201);

    it('POST makes a scim group with members of the org; GET shows it; audited with the service account', async () => {
      const g = await newGroup('Engineering', [people.gia!, people.hal!]);
      expect(g.id).toMatch(/^grp_/);
      expect(ids(g)).toEqual([people.gia, people.hal].sort());
      expect(g.members!.find((m) => m.value === people.gia)).toMatchObject({ display: 'GIA', $ref: expect.stringContaining(`/Users/${people.gia}`) });
      expect(await scimBody<Group>(await acme('GET', `/Groups/${g.id}`, { token }), 200)).toEqual(g);
      const codes = (await (await getDb()).select({ code: auditEvents.code }).from(auditEvents).where(and(eq(auditEvents.orgId, 'org_acme'), eq(auditEvents.serviceAccountId, serviceAccountId)))).map((r) => r.code);
      expect(codes).toEqual(expect.arrayContaining(['group_created', 'group_members_changed']));
    });

    it('members must be members of the org: an unknown id, another org’s SCIM user, a suspended one are 400 invalidValue, and nothing is made', async () => {
      const globex = scimApi(gw.url, 'org_globex');
      const globexToken = (await serviceAccountToken('org_globex', ['scim'])).token;
      await (await getDb()).update(orgs).set({ autoJoinDomain: 'globex.test' }).where(eq(orgs.id, 'org_globex'));
      const outsider = await scimBody<{ id: string }>(await globex('POST', '/Users', { token: globexToken, body: { userName: 'kim@globex.test' } }), 201);
      const suspended = await scimBody<{ id: string }>(await acme('POST', '/Users', { token, body: { userName: 'lea@acme.test', active: false } }), 201);
      for (const value of ['scu_nope', outsider.id, suspended.id, 'usr_alice']) {
        await expectScimError(await acme('POST', '/Groups', { token, body: { displayName: `Bad ${value}`, members: [{ value: people.gia }, { value }] } }), 'scim_invalid_value');
      }
      const list = await scimBody<List>(await acme('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Bad scu_nope"')}`, { token }), 200);
      expect(list.totalResults).toBe(0);
      const g = await newGroup('Adders');
      await expectScimError(await acme('PATCH', `/Groups/${g.id}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: outsider.id }] }] } }), 'scim_invalid_value');
      expect(ids(await scimBody<Group>(await acme('GET', `/Groups/${g.id}`, { token }), 200))).toEqual([]);
    });

    it('displayName is unique among the org’s scim groups (409 uniqueness); displayName eq filters; excludedAttributes=members', async () => {
      await newGroup('Sales', [people.ivy!]);
      await expectScimError(await acme('POST', '/Groups', { token, body: { displayName: 'SALES' } }), 'scim_uniqueness');
      const found = await scimBody<List>(await acme('GET', `/Groups?filter=${encodeURIComponent('displayName eq "sales"')}`, { token }), 200);
      expect(found.Resources.map((g) => g.displayName)).toEqual(['Sales']);
      const slim = await scimBody<List>(await acme('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Sales"')}`, { token }), 200);
      expect(slim.Resources[0]).not.toHaveProperty('members');
      await expectScimError(await acme('GET', `/Groups?filter=${encodeURIComponent('members eq "x"')}`, { token }), 'scim_invalid_filter');
      const none = await scimBody<List>(await acme('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Nope"')}`, { token }), 200);
      expect(none).toMatchObject({ totalResults: 0, Resources: [] });
    });

    it('groups of other sources are not SCIM’s: not listed, and 404 to read, change or delete', async () => {
      const console = await createGroup({ orgId: 'org_acme', via: 'console', actor: OPERATOR, displayName: 'Console team' });
      if (!console.ok) throw new Error('console group not created');
      const all = await scimBody<List>(await acme('GET', '/Groups', { token }), 200);
      expect(all.Resources.map((g) => g.id)).not.toContain(console.group.id);
      await expectScimError(await acme('GET', `/Groups/${console.group.id}`, { token }), 'scim_not_found');
      await expectScimError(await acme('PATCH', `/Groups/${console.group.id}`, { token, body: { Operations: [{ op: 'add', path: 'members', value: [{ value: people.gia }] }] } }), 'scim_not_found');
      await expectScimError(await acme('PUT', `/Groups/${console.group.id}`, { token, body: { displayName: 'Taken over' } }), 'scim_not_found');
      await expectScimError(await acme('DELETE', `/Groups/${console.group.id}`, { token }), 'scim_not_found');
      await expectScimError(await acme('GET', '/Groups/grp_nope', { token }), 'scim_not_found');
    });

    it('PATCH: members add, remove by members[value eq "…"] and by value list, displayName replaced (with and without a path)', async () => {
      const g = await newGroup('Ops', [people.gia!]);
      const patch = async (Operations: unknown[]) => scimBody<Group>(await acme('PATCH', `/Groups/${g.id}`, { token, body: { schemas: [PATCH_OP], Operations } }), 200);
      expect(ids(await patch([{ op: 'Add', path: 'members', value: [{ value: people.hal }, { value: people.ivy }] }]))).toEqual([people.gia, people.hal, people.ivy].sort());
      expect(ids(await patch([{ op: 'Remove', path: `members[value eq "${people.hal}"]` }]))).toEqual([people.gia, people.ivy].sort());
      expect(ids(await patch([{ op: 'remove', path: 'members', value: [{ value: people.gia }] }]))).toEqual([people.ivy]);
      // A member already gone: no error (clients resend removals).
      expect(ids(await patch([{ op: 'remove', path: `members[value eq "${people.gia}"]` }]))).toEqual([people.ivy]);
      expect((await patch([{ op: 'replace', path: 'displayName', value: 'Operations' }])).displayName).toBe('Operations');
      expect((await patch([{ op: 'replace', value: { id: g.id, displayName: 'Ops team' } }])).displayName).toBe('Ops team');
      expect(ids(await patch([{ op: 'replace', path: 'members', value: [{ value: people.jon }] }]))).toEqual([people.jon]);
    });

    it('PATCH is all-or-nothing: a bad op or an outsider anywhere changes neither name nor members', async () => {
      const g = await newGroup('Atomic', [people.gia!]);
      const bad = [
        [{ op: 'add', path: 'members', value: [{ value: people.hal }] }, { op: 'replace', path: 'displayName', value: 'Changed' }, { op: 'merge', path: 'members' }],
        [{ op: 'replace', path: 'displayName', value: 'Changed' }, { op: 'add', path: 'members', value: [{ value: 'scu_stranger' }] }],
        [{ op: 'replace', path: 'displayName', value: 'Changed' }, { op: 'remove', path: 'displayName' }],
        [{ op: 'add', path: 'members', value: [{ value: people.hal }] }, { op: 'replace', path: 'owner', value: 'x' }],
      ];
      const codes = ['scim_invalid_syntax', 'scim_invalid_value', 'scim_invalid_value', 'scim_invalid_path'] as const;
      for (const [i, Operations] of bad.entries()) await expectScimError(await acme('PATCH', `/Groups/${g.id}`, { token, body: { schemas: [PATCH_OP], Operations } }), codes[i]!);
      const after = await scimBody<Group>(await acme('GET', `/Groups/${g.id}`, { token }), 200);
      expect(after.displayName).toBe('Atomic');
      expect(ids(after)).toEqual([people.gia]);
    });

    it('PUT replaces name, external id and members; DELETE removes the group (404 after)', async () => {
      const g = await newGroup('Replace me', [people.gia!, people.hal!]);
      const put = await scimBody<Group>(await acme('PUT', `/Groups/${g.id}`, { token, body: { displayName: 'Replaced', externalId: 'ext-1', members: [{ value: people.jon }] } }), 200);
      expect(put).toMatchObject({ displayName: 'Replaced', externalId: 'ext-1' });
      expect(ids(put)).toEqual([people.jon]);
      expect((await acme('DELETE', `/Groups/${g.id}`, { token })).status).toBe(204);
      await expectScimError(await acme('GET', `/Groups/${g.id}`, { token }), 'scim_not_found');
      await expectScimError(await acme('DELETE', `/Groups/${g.id}`, { token }), 'scim_not_found');
    });

    it('a suspended member leaves the org’s groups; active true puts them back', async () => {
      const g = await newGroup('Restorable', [people.gia!, people.hal!]);
      await scimBody(await acme('PATCH', `/Users/${people.hal}`, { token, body: { Operations: [{ op: 'replace', path: 'active', value: false }] } }), 200);
      expect(ids(await scimBody<Group>(await acme('GET', `/Groups/${g.id}`, { token }), 200))).toEqual([people.gia]);
      await scimBody(await acme('PATCH', `/Users/${people.hal}`, { token, body: { Operations: [{ op: 'replace', path: 'active', value: true }] } }), 200);
      expect(ids(await scimBody<Group>(await acme('GET', `/Groups/${g.id}`, { token }), 200))).toEqual([people.gia, people.hal].sort());
    });

    it('a scim group listed by an app opens it to its members; removing one by SCIM closes it (feed { sub, aud }, mint refused)', async () => {
      await addPerson({ id: 'usr_mo', email: 'mo@acme.test', name: 'Mo', lastActiveOrgId: 'org_acme' });
      const db = await getDb();
      const mo = await scimBody<{ id: string }>(await acme('POST', '/Users', { token, body: { userName: 'mo@acme.test' } }), 201);
      const g = await newGroup('Onboarding crew', [mo.id]);
      await db.update(runs).set({ accessRule: 'members' }).where(eq(runs.id, 'run_acme_onboarding'));
      await db.insert(appAccessGroups).values({ appId: 'run_acme_onboarding', orgId: 'org_acme', groupId: g.id });
      const cookie = await gw.client.signIn('mo@acme.test');
      expect((await gw.client.mint('run_acme_onboarding', { cookie })).status).toBe(200);
      const { cursor } = await readFeed(gw.url);
      await scimBody(await acme('PATCH', `/Groups/${g.id}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: `members[value eq "${mo.id}"]` }] } }), 200);
      expect(await newEntries(gw.url, cursor)).toContainEqual({ sub: 'usr_mo', aud: 'run_acme_onboarding' });
      expect((await gw.client.mint('run_acme_onboarding', { cookie })).status).toBe(404);
      expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(200);
    });
  });
}
