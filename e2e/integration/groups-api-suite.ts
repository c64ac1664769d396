import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, observeStatements } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { setAppAccessRule } from '@/lib/gateway/access/app-access';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { listAppsForUser } from '@/lib/gateway/apps/viewer-apps';
import { createGroup } from '@/lib/gateway/groups/groups';
import { changeMembership } from '@/lib/gateway/orgs/org-members';
import type { DbKind } from './harness/databases';
import { expectProblem } from './harness/expect-problem';
import { newEntries, readFeed } from './harness/feed';
import { gatewayForSuite } from './harness/gateway-fixture';
import { basic, expectOAuthError, exchangeFields, setUpExchangeWorld, tokenRequest } from './harness/exchange';
import { apiToken, managementApi, serviceAccountToken } from './harness/management';
import { addPerson } from './harness/people';

const ORG = '/v1/orgs/org_acme';
const APP = 'run_acme_onboarding';
const DASHBOARD = 'run_acme_dashboard';
type GroupDoc = { id: string; display_name: string; source: string; external_id: string | null; member_count?: number };
type Problem = { errors?: Array<{ pointer: string; detail: string }> };

/** SPEC §18 through the management API (scope groups:write) and the mint: access by group, on both databases. */
export function describeGroupsApi(kind: DbKind) {
  describe(`groups through the management API and the mint on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let api: ReturnType<typeof managementApi>;
    let writer: { id: string; token: string };
    const mintTokens = {} as Record<'gina' | 'hugo' | 'carol', string>;

    beforeAll(async () => {
      api = managementApi(gw.url);
      for (const [name, id] of [['Gina', 'usr_gina'], ['Hugo', 'usr_hugo']] as const) {
        await addPerson({ id, email: `${name.toLowerCase()}@acme.test`, name, orgs: { org_acme: 'member' } });
      }
      writer = await serviceAccountToken('org_acme', ['groups:write', 'apps:write', 'apps:read']);
      for (const [who, id] of [['gina', 'usr_gina'], ['hugo', 'usr_hugo'], ['carol', 'usr_carol']] as const) {
        mintTokens[who] = (await createApiToken({ userId: id, orgId: 'org_acme' })).token;
      }
    });

    const create = async (body: unknown, token = writer.token) => api('POST', `${ORG}/groups`, { token, body });
    const made = async (body: unknown) => {
      const res = await create(body);
      expect(res.status).toBe(201);
      return ((await res.json()) as { group: GroupDoc }).group;
    };
    const mint = (who: keyof typeof mintTokens) => gw.client.mint(APP, { bearer: mintTokens[who] });

    it('create (201 + Location), list, get, rename, add by email, remove, delete: each audited naming the service account', async () => {
      const res = await create({ display_name: 'Finance' });
      expect(res.status).toBe(201);
      const { group } = (await res.json()) as { group: GroupDoc };
      expect(res.headers.get('location')).toBe(`http://localhost:3000${ORG}/groups/${group.id}`);
      expect(group).toMatchObject({ display_name: 'Finance', source: 'console', external_id: null });
      const listed = (await (await api('GET', `${ORG}/groups`, { token: writer.token })).json()) as { groups: GroupDoc[] };
      expect(listed.groups.find((g) => g.id === group.id)).toMatchObject({ member_count: 0 });

      const added = await api('POST', `${ORG}/groups/${group.id}/members`, { token: writer.token, body: { email: 'GINA@acme.test' } });
      expect(added.status).toBe(200);
      expect(((await added.json()) as { members: Array<{ id: string }> }).members.map((m) => m.id)).toEqual(['usr_gina']);
      const renamed = await api('PATCH', `${ORG}/groups/${group.id}`, { token: writer.token, body: { display_name: 'Finance EMEA' } });
      expect(((await renamed.json()) as { group: GroupDoc }).group.display_name).toBe('Finance EMEA');
      expect((await api('DELETE', `${ORG}/groups/${group.id}/members/usr_gina`, { token: writer.token })).status).toBe(204);
      await expectProblem(await api('DELETE', `${ORG}/groups/${group.id}/members/usr_gina`, { token: writer.token }), 'not_found');
      expect((await api('DELETE', `${ORG}/groups/${group.id}`, { token: writer.token })).status).toBe(204);
      await expectProblem(await api('GET', `${ORG}/groups/${group.id}`, { token: writer.token }), 'not_found');

      const rows = await (await getDb()).select().from(auditEvents).where(and(eq(auditEvents.orgId, 'org_acme'), eq(auditEvents.serviceAccountId, writer.id))).orderBy(desc(auditEvents.id));
      expect(rows.map((r) => r.code).reverse()).toEqual(['group_created', 'group_members_changed', 'group_updated', 'group_members_changed', 'group_deleted']);
      expect(rows.every((r) => r.authVia === 'service_account' && r.result === 'changed')).toBe(true);
    });

    it('who must not manage groups: no groups:write (403 naming it), a member’s API token (403), another org (404), a session cookie (401)', async () => {
      const reader = await serviceAccountToken('org_acme', ['apps:read', 'apps:write']);
      const res = await create({ display_name: 'Sneaky' }, reader.token);
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="groups:write"');
      await expectProblem(res, 'insufficient_scope');
      // An admin's API token with groups:write stops working when its person is no longer an admin.
      await addPerson({ id: 'usr_mina', email: 'mina@acme.test', name: 'Mina', orgs: { org_acme: 'admin' } });
      const mina = await apiToken('usr_mina', 'org_acme', ['groups:write']);
      expect((await api('GET', `${ORG}/groups`, { token: mina.token })).status).toBe(200);
      expect(await changeMembership('org_acme', 'usr_mina', 'member')).toBe('ok');
      await expectProblem(await create({ display_name: 'Sneaky' }, mina.token), 'insufficient_scope');
      const globex = await serviceAccountToken('org_globex', ['groups:write']);
      const { group } = (await createGroup({ orgId: 'org_acme', via: 'console', actor: OPERATOR, displayName: 'Acme private' })) as { group: { id: string } };
      await expectProblem(await api('GET', `${ORG}/groups`, { token: globex.token }), 'not_found');
      await expectProblem(await api('GET', `/v1/orgs/org_globex/groups/${group.id}`, { token: globex.token }), 'not_found');
      await expectProblem(await api('POST', `/v1/orgs/org_globex/groups/${group.id}/members`, { token: globex.token, body: { email: 'bob@globex.test' } }), 'not_found');
      await expectProblem(await api('DELETE', `/v1/orgs/org_globex/groups/${group.id}`, { token: globex.token }), 'not_found');
      const cookie = await gw.client.signIn('alice@acme.test');
      await expectProblem(await api('POST', `${ORG}/groups`, { headers: { cookie }, body: { display_name: 'x' } }), 'unauthenticated');
      const names = ((await (await api('GET', `${ORG}/groups`, { token: writer.token })).json()) as { groups: GroupDoc[] }).groups.map((g) => g.display_name);
      expect(names).not.toContain('Sneaky');
    });

    it('wrong source: a scim group is shown but not changed here (409); an oidc group’s members are set by sign-ins only (409)', async () => {
      const scim = await createGroup({ orgId: 'org_acme', via: 'scim', actor: OPERATOR, displayName: 'From Okta', externalId: '00g1' });
      if (!scim.ok) throw new Error(scim.detail);
      await expectProblem(await api('POST', `${ORG}/groups/${scim.group.id}/members`, { token: writer.token, body: { email: 'gina@acme.test' } }), 'conflict');
      await expectProblem(await api('PATCH', `${ORG}/groups/${scim.group.id}`, { token: writer.token, body: { display_name: 'Mine now' } }), 'conflict');
      await expectProblem(await api('DELETE', `${ORG}/groups/${scim.group.id}`, { token: writer.token }), 'conflict');
      const creating = await expectProblem(await create({ display_name: 'x', source: 'scim' }), 'validation_failed');
      expect((creating as Problem).errors?.[0]?.pointer).toBe('#/source');
      const oidc = await made({ display_name: 'Engineers', source: 'oidc', external_id: 'eng' });
      expect(oidc).toMatchObject({ source: 'oidc', external_id: 'eng' });
      await expectProblem(await api('POST', `${ORG}/groups/${oidc.id}/members`, { token: writer.token, body: { email: 'gina@acme.test' } }), 'conflict');
      await expectProblem(await create({ display_name: 'Twin', source: 'oidc', external_id: 'eng' }), 'conflict');
      const noExt = (await expectProblem(await create({ display_name: 'Nameless', source: 'oidc' }), 'validation_failed')) as Problem;
      expect(noExt.errors?.map((e) => e.pointer)).toEqual(['#/external_id']);
    });

    it('a non-member added is 422 at #/email and nothing changes; bad names are 422 naming the field', async () => {
      const group = await made({ display_name: 'Careful' });
      for (const email of ['bob@globex.test', 'nobody@acme.test']) {
        const problem = (await expectProblem(await api('POST', `${ORG}/groups/${group.id}/members`, { token: writer.token, body: { email } }), 'validation_failed')) as Problem;
        expect(problem.errors?.map((e) => e.pointer)).toEqual(['#/email']);
      }
      const got = (await (await api('GET', `${ORG}/groups/${group.id}`, { token: writer.token })).json()) as { members: unknown[] };
      expect(got.members).toEqual([]);
      const bad = (await expectProblem(await create({ display_name: '' }), 'validation_failed')) as Problem;
      expect(bad.errors?.map((e) => e.pointer)).toEqual(['#/display_name']);
      await expectProblem(await create({ display_name: 'x', extra: 1 }), 'validation_failed');
    });

    it('an app’s rule lists groups: a member of a listed group mints (one round trip, verified against the JWKS); others get the 404; the viewer’s list agrees', async () => {
      const group = await made({ display_name: 'Onboarding team' });
      await api('POST', `${ORG}/groups/${group.id}/members`, { token: writer.token, body: { email: 'gina@acme.test' } });
      const patched = await api('PATCH', `${ORG}/apps/${APP}`, { token: writer.token, body: { access: { rule: 'members', members: [], groups: [group.id] } } });
      expect(patched.status).toBe(200);
      expect(((await patched.json()) as { access: unknown }).access).toEqual({ rule: 'members', members: [], groups: [group.id] });

      let statements = 0;
      observeStatements(() => statements++);
      const res = await mint('gina');
      observeStatements(null);
      expect(res.status).toBe(200);
      expect(statements).toBe(1);
      const { token } = (await res.json()) as { token: string };
      expect(await gw.verify(token, APP)).toMatchObject({ sub: 'usr_gina', org_role: 'member', aud: APP });
      expect((await mint('hugo')).status).toBe(404);
      expect((await listAppsForUser('usr_gina')).apps.map((a) => a.id)).toContain(APP);
      expect((await listAppsForUser('usr_hugo')).apps.map((a) => a.id)).not.toContain(APP);
    });

    it('a group of another org in a rule is refused (422 at #/access/groups/0), as is an unknown id; nothing is saved', async () => {
      const foreign = await createGroup({ orgId: 'org_globex', via: 'console', actor: OPERATOR, displayName: 'Globex ops' });
      if (!foreign.ok) throw new Error(foreign.detail);
      for (const id of [foreign.group.id, 'grp_AAAAAAAAAAAAAAAAAAAAAAAA']) {
        const problem = (await expectProblem(await api('PATCH', `${ORG}/apps/${APP}`, { token: writer.token, body: { access: { rule: 'members', members: [], groups: [id] } } }), 'validation_failed')) as Problem;
        expect(problem.errors?.map((e) => e.pointer)).toEqual(['#/access/groups/0']);
      }
      const direct = await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'members', memberIds: [], groupIds: [foreign.group.id], actor: OPERATOR });
      expect(direct).toEqual({ ok: false, reason: 'not_groups', ids: [foreign.group.id] });
      expect(((await (await api('GET', `${ORG}/apps/${APP}`, { token: writer.token })).json()) as { access: { groups: string[] } }).access.groups).toHaveLength(1);
    });

    it('leaving a group closes the app: removed, group taken off the rule, group deleted — each with its { sub, aud } entry, none for who still gets in', async () => {
      const team = await made({ display_name: 'Team A' });
      const backup = await made({ display_name: 'Team B' });
      for (const email of ['gina@acme.test', 'hugo@acme.test']) await api('POST', `${ORG}/groups/${team.id}/members`, { token: writer.token, body: { email } });
      await api('POST', `${ORG}/groups/${backup.id}/members`, { token: writer.token, body: { email: 'hugo@acme.test' } });
      await api('PATCH', `${ORG}/apps/${APP}`, { token: writer.token, body: { access: { rule: 'members', members: ['carol@example.test'], groups: [team.id, backup.id] } } });
      expect((await mint('gina')).status).toBe(200);
      expect((await mint('hugo')).status).toBe(200);

      let { cursor } = await readFeed(gw.url);
      expect((await api('DELETE', `${ORG}/groups/${team.id}/members/usr_hugo`, { token: writer.token })).status).toBe(204);
      expect(await newEntries(gw.url, cursor, { wait: false })).toEqual([]); // still in Team B
      expect((await mint('hugo')).status).toBe(200);

      ({ cursor } = await readFeed(gw.url));
      await api('PATCH', `${ORG}/apps/${APP}`, { token: writer.token, body: { access: { groups: [backup.id] } } });
      expect(await newEntries(gw.url, cursor)).toEqual([{ sub: 'usr_gina', aud: APP }]);
      expect((await mint('gina')).status).toBe(404);

      ({ cursor } = await readFeed(gw.url));
      expect((await api('DELETE', `${ORG}/groups/${backup.id}`, { token: writer.token })).status).toBe(204);
      expect(await newEntries(gw.url, cursor)).toEqual([{ sub: 'usr_hugo', aud: APP }]);
      expect((await mint('hugo')).status).toBe(404);
      expect((await mint('carol')).status).toBe(200); // listed by email all along
      const audit = await (await getDb()).select().from(auditEvents).where(and(eq(auditEvents.code, 'access_rule_changed'), eq(auditEvents.appId, APP))).orderBy(desc(auditEvents.id)).limit(1);
      expect(audit[0]?.detail).toContain('group Team A');
    });

    it('token exchange (SPEC §17) admits a member of a listed group as the mint does, and stops when she leaves it', async () => {
      const secrets = await setUpExchangeWorld();
      const group = await made({ display_name: 'Exchangers' });
      await api('POST', `${ORG}/groups/${group.id}/members`, { token: writer.token, body: { email: 'gina@acme.test' } });
      await api('PATCH', `${ORG}/apps/${DASHBOARD}`, { token: writer.token, body: { access: { rule: 'members', members: [], groups: [group.id] } } });
      // The dashboard: no earlier { sub, aud } entry of hers for it (an entry in the token's own second would revoke it).
      const minted = await gw.client.mint(DASHBOARD, { bearer: mintTokens.gina });
      expect(minted.status).toBe(200);
      const { token } = (await minted.json()) as { token: string };
      const auth = { authorization: basic(DASHBOARD, secrets[DASHBOARD]!) };
      const exchanged = await tokenRequest(gw, exchangeFields(token), auth);
      expect(exchanged.status, await exchanged.clone().text()).toBe(200);
      expect((await api('DELETE', `${ORG}/groups/${group.id}/members/usr_gina`, { token: writer.token })).status).toBe(204);
      await expectOAuthError(await tokenRequest(gw, exchangeFields(token), auth), 'invalid_grant');
    });

    it('removed from the org: out of its groups with the membership (the org’s { sub, org_id } entry covers the apps)', async () => {
      const group = await made({ display_name: 'Leaving' });
      await api('POST', `${ORG}/groups/${group.id}/members`, { token: writer.token, body: { email: 'hugo@acme.test' } });
      expect(await changeMembership('org_acme', 'usr_hugo', null)).toBe('ok');
      const got = (await (await api('GET', `${ORG}/groups/${group.id}`, { token: writer.token })).json()) as { members: unknown[] };
      expect(got.members).toEqual([]);
    });
  });
}
