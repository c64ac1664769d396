import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { accounts, appAccessMembers, appGrants, auditEvents, memberships, runs, sessions, users } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { linkExternalUser } from '@/lib/auth/external-users';
import { createVerifier } from '@/lib/artifact-sdk/index';
import type { DbKind } from './harness/databases';
import { newEntries, readFeed } from './harness/feed';
import { APP_URL, gatewayForSuite } from './harness/gateway-fixture';
import { apiToken, serviceAccountToken } from './harness/management';
import { acmeScimClient, expectScimError, scimApi, scimBody } from './harness/scim';
import { addPerson } from './harness/people';

type Doc = Record<string, unknown> & { id: string; userName: string; active: boolean };
type List = { schemas: string[]; totalResults: number; startIndex: number; itemsPerPage: number; Resources: Doc[] };

/** A person with the demo password, in the given orgs (none: a stranger), the first of them active. */
const person = (id: string, email: string, orgs: Record<string, 'admin' | 'member'> = {}) =>
  addPerson({ id, email, name: email.split('@')[0]!, orgs, lastActiveOrgId: Object.keys(orgs)[0] });

async function roleIn(orgId: string, userId: string): Promise<string | null> {
  const [m] = await (await getDb()).select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return m?.role ?? null;
}

/** SPEC §18's SCIM Users over HTTP: discovery, credentials, create/claim at the verified domain, filters, paging, PUT, PATCH, suspension, DELETE. */
export function describeScimUsers(kind: DbKind) {
  describe(`SCIM Users on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let acme: ReturnType<typeof scimApi>;
    let token: string;
    let serviceAccountId: string;

    beforeAll(async () => {
      ({ scim: acme, token, serviceAccountId } = await acmeScimClient(gw.url, 'Okta'));
    });

    const create = async (body: Record<string, unknown>) => scimBody<Doc>(await acme('POST', '/Users', { token, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], ...body } }), 201);

    it('ServiceProviderConfig, ResourceTypes and Schemas answer as application/scim+json', async () => {
      const config = await scimBody(await acme('GET', '/ServiceProviderConfig', { token }), 200);
      expect(config).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 200 }, bulk: { supported: false } });
      const types = await scimBody<List>(await acme('GET', '/ResourceTypes', { token }), 200);
      expect(types.Resources.map((r) => [r.id, r.endpoint])).toEqual([['User', '/Users'], ['Group', '/Groups']]);
      const schemas = await scimBody<List>(await acme('GET', '/Schemas', { token }), 200);
      expect(schemas.Resources.map((r) => r.id)).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:core:2.0:Group']);
    });

    it('credentials: 401 without or with a bad token; 403 for a token without scim, another org’s, or a person’s API token', async () => {
      expect((await expectScimError(await acme('GET', '/Users'), 'scim_unauthorized')).status).toBe('401');
      await expectScimError(await acme('GET', '/Users', { token: 'agw_sa_' + 'A'.repeat(43) }), 'scim_unauthorized');
      const noScim = await serviceAccountToken('org_acme', ['apps:read', 'groups:write']);
      await expectScimError(await acme('GET', '/Users', { token: noScim.token }), 'scim_forbidden');
      const globex = await serviceAccountToken('org_globex', ['scim']);
      await expectScimError(await acme('GET', '/Users', { token: globex.token }), 'scim_forbidden');
      await expectScimError(await acme('POST', '/Users', { token: globex.token, body: { userName: 'zed@acme.test' } }), 'scim_forbidden');
      const alice = await apiToken('usr_alice', 'org_acme', ['scim']);
      await expectScimError(await acme('GET', '/Users', { token: alice.token }), 'scim_forbidden');
      // Nothing was made by the refused POST.
      expect(await (await getDb()).select().from(users).where(eq(users.email, 'zed@acme.test'))).toEqual([]);
    });

    it('a body over 1 MiB is 413, as a SCIM error', async () => {
      await expectScimError(await acme('POST', '/Users', { token, raw: JSON.stringify({ userName: 'big@acme.test', displayName: 'x'.repeat(1024 * 1024) }) }), 'scim_payload_too_large');
    });

    it('POST creates an account with no password at the verified domain: 201, Location, a per-org id, a member, audited with the service account', async () => {
      const u = await create({ userName: 'Nina@acme.test', name: { givenName: 'Nina', familyName: 'Novak' }, emails: [{ value: 'Nina@acme.test', type: 'work', primary: true }], externalId: 'okta-00u1' });
      expect(u).toMatchObject({ userName: 'Nina@acme.test', active: true, externalId: 'okta-00u1', name: { givenName: 'Nina', familyName: 'Novak' }, displayName: 'Nina Novak' });
      expect(u.id).toMatch(/^scu_/);
      const db = await getDb();
      const [account] = await db.select().from(users).where(eq(users.email, 'nina@acme.test'));
      expect(account!.passwordHash).toBeNull();
      expect(u.id).not.toBe(account!.id);
      expect(await roleIn('org_acme', account!.id)).toBe('member');
      const got = await scimBody<Doc>(await acme('GET', `/Users/${u.id}`, { token }), 200);
      expect(got).toEqual(u);
      expect((got.meta as { location: string }).location).toBe(`${APP_URL}/scim/v2/orgs/org_acme/Users/${u.id}`);
      const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, 'org_acme'), eq(auditEvents.code, 'scim_user_created')));
      expect(audit).toMatchObject({ serviceAccountId, authVia: 'service_account', result: 'changed' });
    });

    it('any userName outside the verified domain is 400 invalidValue, whether or not an account exists there; nothing changes', async () => {
      const bodies = new Set<string>();
      for (const userName of ['bob@globex.test', 'nobody@globex.test', 'carol@example.test', 'dave@example.test', 'not-an-email', 'eve@acme.test.evil.example']) {
        const body = await expectScimError(await acme('POST', '/Users', { token, body: { userName } }), 'scim_invalid_value');
        bodies.add(JSON.stringify(body));
      }
      expect(bodies.size).toBe(1);
      expect(await roleIn('org_acme', 'usr_bob')).toBeNull();
      expect(await roleIn('org_acme', 'usr_dave')).toBeNull();
      // An org with no verified domain provisions nobody.
      const globex = await serviceAccountToken('org_globex', ['scim']);
      await expectScimError(await scimApi(gw.url, 'org_globex')('POST', '/Users', { token: globex.token, body: { userName: 'bob@globex.test' } }), 'scim_invalid_value');
    });

    it('POST of an existing account at the domain claims it; the same userName again, in any case, is 409 uniqueness', async () => {
      await person('usr_omar', 'omar@acme.test');
      const u = await create({ userName: 'omar@acme.test' });
      expect(await roleIn('org_acme', 'usr_omar')).toBe('member');
      expect(u.displayName).toBe('omar');
      await expectScimError(await acme('POST', '/Users', { token, body: { userName: 'OMAR@ACME.TEST' } }), 'scim_uniqueness');
      await expectScimError(await acme('POST', '/Users', { token, raw: '{"userName": ' }), 'scim_invalid_syntax');
      await expectScimError(await acme('POST', '/Users', { token, body: { userName: 'x@acme.test', active: 'maybe' } }), 'scim_invalid_value');
      await expectScimError(await acme('POST', '/Users', { token, body: { userName: 'x@acme.test', favouriteColour: 'blue' } }), 'scim_invalid_path');
    });

    it('filters over the org’s own SCIM users only: userName case-insensitively, displayName; no match is an empty ListResponse', async () => {
      const byName = await scimBody<List>(await acme('GET', `/Users?filter=${encodeURIComponent('userName eq "NINA@Acme.Test"')}`, { token }), 200);
      expect(byName).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
      expect(byName.Resources[0]!.userName).toBe('Nina@acme.test');
      const byDisplay = await scimBody<List>(await acme('GET', `/Users?filter=${encodeURIComponent('displayName eq "Nina Novak"')}`, { token }), 200);
      expect(byDisplay.totalResults).toBe(1);
      // Other orgs' people, and the org's members SCIM never provisioned, are not found.
      for (const f of ['userName eq "bob@globex.test"', 'userName eq "alice@acme.test"', 'userName eq "nobody@acme.test"']) {
        const none = await scimBody<List>(await acme('GET', `/Users?filter=${encodeURIComponent(f)}`, { token }), 200);
        expect(none).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
      }
      const globex = await serviceAccountToken('org_globex', ['scim']);
      const fromGlobex = await scimBody<List>(await scimApi(gw.url, 'org_globex')('GET', `/Users?filter=${encodeURIComponent('userName eq "nina@acme.test"')}`, { token: globex.token }), 200);
      expect(fromGlobex.totalResults).toBe(0);
    });

    it('filter injection and unsupported filters are 400 invalidFilter', async () => {
      for (const f of ['userName eq "x" or userName ne "x"', 'userName eq "x") or (1=1', `userName eq "x' or '1'='1"`, 'userName co "acme"', 'password eq "x"', 'userName eq x']) {
        const res = await acme('GET', `/Users?filter=${encodeURIComponent(f)}`, { token });
        if (f.includes("'1'='1")) {
          // A well-formed string value, compared as a parameter: it matches nobody.
          expect((await scimBody<List>(res, 200)).totalResults).toBe(0);
        } else await expectScimError(res, 'scim_invalid_filter');
      }
    });

    it('pages with startIndex and count (count at most 200)', async () => {
      for (const n of [1, 2, 3]) await create({ userName: `page${n}@acme.test` });
      const all = await scimBody<List>(await acme('GET', '/Users', { token }), 200);
      expect(all.totalResults).toBeGreaterThanOrEqual(5);
      const second = await scimBody<List>(await acme('GET', '/Users?startIndex=2&count=2', { token }), 200);
      expect(second).toMatchObject({ startIndex: 2, itemsPerPage: 2, totalResults: all.totalResults });
      expect(second.Resources.map((r) => r.id)).toEqual(all.Resources.slice(1, 3).map((r) => r.id));
      const big = await scimBody<List>(await acme('GET', '/Users?count=5000', { token }), 200);
      expect(big.itemsPerPage).toBe(all.totalResults);
      expect((await scimBody<List>(await acme('GET', '/Users?count=0', { token }), 200)).Resources).toEqual([]);
      await expectScimError(await acme('GET', '/Users?count=lots', { token }), 'scim_invalid_value');
    });

    it('PUT replaces; userName changes only for accounts the org created (another case is no change)', async () => {
      const created = await create({ userName: 'rename@acme.test', displayName: 'Ren' });
      const put = await scimBody<Doc>(await acme('PUT', `/Users/${created.id}`, { token, body: { userName: 'renamed@acme.test', name: { givenName: 'Ren', familyName: 'Amed' } } }), 200);
      expect(put).toMatchObject({ userName: 'renamed@acme.test', displayName: 'Ren Amed', active: true });
      expect(await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, 'renamed@acme.test'))).toHaveLength(1);
      await expectScimError(await acme('PUT', `/Users/${created.id}`, { token, body: { userName: 'renamed@globex.test' } }), 'scim_invalid_value');
      await expectScimError(await acme('PUT', `/Users/${created.id}`, { token, body: { userName: 'omar@acme.test' } }), 'scim_uniqueness');
      const omar = (await scimBody<List>(await acme('GET', `/Users?filter=${encodeURIComponent('userName eq "omar@acme.test"')}`, { token }), 200)).Resources[0]!;
      await expectScimError(await acme('PUT', `/Users/${omar.id}`, { token, body: { userName: 'omar2@acme.test' } }), 'scim_mutability');
      await expectScimError(await acme('PATCH', `/Users/${omar.id}`, { token, body: { Operations: [{ op: 'replace', path: 'userName', value: 'omar2@acme.test' }] } }), 'scim_mutability');
      const cased = await scimBody<Doc>(await acme('PATCH', `/Users/${omar.id}`, { token, body: { Operations: [{ op: 'replace', path: 'userName', value: 'Omar@Acme.test' }] } }), 200);
      expect(cased.userName).toBe('Omar@Acme.test');
      const [account] = await (await getDb()).select({ email: users.email }).from(users).where(eq(users.id, 'usr_omar'));
      expect(account!.email).toBe('omar@acme.test');
    });

    it('PATCH with a bad operation anywhere changes nothing (all-or-nothing)', async () => {
      const u = await create({ userName: 'atomic@acme.test', displayName: 'Before' });
      const patches = [
        [{ op: 'replace', path: 'displayName', value: 'After' }, { op: 'frobnicate', path: 'displayName', value: 'x' }],
        [{ op: 'replace', path: 'displayName', value: 'After' }, { op: 'replace', path: 'active', value: false }, { op: 'replace', path: 'active', value: 'perhaps' }],
        [{ op: 'replace', value: { displayName: 'After', active: false } }, { op: 'replace', path: 'userName', value: 'atomic@globex.test' }],
        [{ op: 'replace', path: 'displayName', value: 'After' }, { op: 'remove' }],
      ];
      const codes = ['scim_invalid_syntax', 'scim_invalid_value', 'scim_invalid_value', 'scim_no_target'] as const;
      for (const [i, Operations] of patches.entries()) await expectScimError(await acme('PATCH', `/Users/${u.id}`, { token, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations } }), codes[i]!);
      expect(await scimBody<Doc>(await acme('GET', `/Users/${u.id}`, { token }), 200)).toMatchObject({ displayName: 'Before', active: true });
      const account = await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, 'atomic@acme.test'));
      expect(await roleIn('org_acme', account[0]!.id)).toBe('member');
    });

    it('active false suspends (mint refused, feed { sub, org_id }, grants and guest sessions end, GET still shows it); active true restores role and app lists', async () => {
      await person('usr_sam', 'sam@acme.test');
      const u = await create({ userName: 'sam@acme.test' });
      const db = await getDb();
      await db.update(memberships).set({ role: 'admin' }).where(and(eq(memberships.userId, 'usr_sam'), eq(memberships.orgId, 'org_acme')));
      await db.update(runs).set({ accessRule: 'members' }).where(eq(runs.id, 'run_acme_onboarding'));
      await db.insert(appAccessMembers).values({ appId: 'run_acme_onboarding', orgId: 'org_acme', userId: 'usr_sam' });
      await db.insert(appGrants).values({ id: 'grt_sam', appId: 'run_acme_public', orgId: 'org_acme', userId: 'usr_sam' });
      const cookie = await gw.client.signIn('sam@acme.test');
      expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(200);
      const { cursor } = await readFeed(gw.url);

      // Okta: PATCH replace active false.
      const suspended = await scimBody<Doc>(await acme('PATCH', `/Users/${u.id}`, { token, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] } }), 200);
      expect(suspended.active).toBe(false);
      expect(await newEntries(gw.url, cursor)).toContainEqual({ sub: 'usr_sam', org_id: 'org_acme' });
      expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(404);
      expect(await roleIn('org_acme', 'usr_sam')).toBeNull();
      const [grant] = await db.select().from(appGrants).where(eq(appGrants.id, 'grt_sam'));
      expect(grant!.endedAt).not.toBeNull();
      expect(await scimBody<Doc>(await acme('GET', `/Users/${u.id}`, { token }), 200)).toMatchObject({ active: false, userName: 'sam@acme.test' });
      const listed = await scimBody<List>(await acme('GET', `/Users?filter=${encodeURIComponent('userName eq "sam@acme.test"')}`, { token }), 200);
      expect(listed.Resources[0]!.active).toBe(false);
      // The session itself goes on (other orgs are untouched).
      const [session] = await db.select().from(sessions).where(eq(sessions.userId, 'usr_sam'));
      expect(session!.endedAt).toBeNull();

      // Entra: "Replace", no path, active as the string "True".
      const restored = await scimBody<Doc>(await acme('PATCH', `/Users/${u.id}`, { token, body: { Operations: [{ op: 'Replace', value: { active: 'True' } }] } }), 200);
      expect(restored.active).toBe(true);
      expect(await roleIn('org_acme', 'usr_sam')).toBe('admin');
      expect(await db.select().from(appAccessMembers).where(eq(appAccessMembers.userId, 'usr_sam'))).toHaveLength(1);
      expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(200);
      const codes = (await db.select({ code: auditEvents.code }).from(auditEvents).where(eq(auditEvents.serviceAccountId, serviceAccountId))).map((r) => r.code);
      expect(codes).toEqual(expect.arrayContaining(['scim_user_suspended', 'scim_user_restored']));
    });

    it('DELETE removes the membership as member removal does (feed entry, 404 after); other orgs and the account stay', async () => {
      await person('usr_tia', 'tia@acme.test', { org_globex: 'member' });
      const u = await create({ userName: 'tia@acme.test' });
      const globexToken = await createApiToken({ userId: 'usr_tia', orgId: 'org_globex' });
      const { cursor } = await readFeed(gw.url);
      expect((await acme('DELETE', `/Users/${u.id}`, { token })).status).toBe(204);
      expect(await newEntries(gw.url, cursor)).toContainEqual({ sub: 'usr_tia', org_id: 'org_acme' });
      await expectScimError(await acme('GET', `/Users/${u.id}`, { token }), 'scim_not_found');
      await expectScimError(await acme('DELETE', `/Users/${u.id}`, { token }), 'scim_not_found');
      expect(await roleIn('org_acme', 'usr_tia')).toBeNull();
      expect(await roleIn('org_globex', 'usr_tia')).toBe('member');
      expect((await gw.client.mint('run_globex_tracker', { bearer: globexToken.token })).status).toBe(200);
    });

    it('unknown ids, and another org’s user ids, are 404', async () => {
      const nina = (await scimBody<List>(await acme('GET', `/Users?filter=${encodeURIComponent('userName eq "nina@acme.test"')}`, { token }), 200)).Resources[0]!;
      const globex = scimApi(gw.url, 'org_globex');
      const globexToken = (await serviceAccountToken('org_globex', ['scim'])).token;
      for (const [method, body] of [['GET'], ['PUT', { userName: 'nina@acme.test' }], ['PATCH', { Operations: [{ op: 'replace', path: 'active', value: false }] }], ['DELETE']] as const) {
        await expectScimError(await globex(method, `/Users/${nina.id}`, { token: globexToken, body }), 'scim_not_found');
        await expectScimError(await acme(method, '/Users/scu_nope', { token, body }), 'scim_not_found');
      }
      expect((await scimBody<Doc>(await acme('GET', `/Users/${nina.id}`, { token }), 200)).active).toBe(true);
    });

    it('a SCIM-created account binds to the first OIDC sign-in at its email (issuer’s subject), and to no other identity', async () => {
      await create({ userName: 'vera@acme.test' });
      const [vera] = await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, 'vera@acme.test'));
      const signIn = (provider: string, sub: string) =>
        linkExternalUser({ provider, providerAccountId: sub, type: provider === 'oidc' ? 'oidc' : 'oauth' }, { email: 'vera@acme.test', email_verified: true }, {});
      expect(await signIn('github', 'gh-1')).toBeNull();
      expect(await signIn('oidc', 'subject-1')).toBe(vera!.id);
      expect(await signIn('oidc', 'subject-1')).toBe(vera!.id);
      expect(await signIn('oidc', 'subject-2')).toBeNull();
      const links = await (await getDb()).select({ provider: accounts.provider, sub: accounts.providerAccountId }).from(accounts).where(eq(accounts.userId, vera!.id));
      expect(links).toEqual([{ provider: 'oidc', sub: 'subject-1' }]);
    });

    it('deprovisioning: a live app session token is refused by the SDK verifier at its next poll, and the next mint is refused', async () => {
      await person('usr_una', 'una@acme.test');
      const u = await create({ userName: 'una@acme.test' });
      const cookie = await gw.client.signIn('una@acme.test');
      const minted = await gw.client.mint('run_acme_dashboard', { cookie });
      const { token: appToken } = (await minted.json()) as { token: string };
      const verifier = createVerifier({
        issuer: APP_URL,
        jwksUri: `${gw.url}/.well-known/jwks.json`,
        revocations: true,
        revocationEndpoint: `${gw.url}/v1/app-gateway/revocations`,
        revocationPollSeconds: 1,
      });
      try {
        expect(await verifier.verify(appToken, { audience: 'run_acme_dashboard' })).toMatchObject({ sub: 'usr_una', org_id: 'org_acme' });
        const { cursor } = await readFeed(gw.url);
        await scimBody(await acme('PATCH', `/Users/${u.id}`, { token, body: { Operations: [{ op: 'replace', path: 'active', value: 'False' }] } }), 200);
        await newEntries(gw.url, cursor); // on PostgreSQL, the entry shows once older transactions of the server end
        const written = Date.now();
        // The verifier's next read of the feed after the entry is visible: until then it may still accept.
        while ((verifier.revocationStatus()?.syncedAt?.getTime() ?? 0) <= written) await new Promise((r) => setTimeout(r, 50));
        await expect(verifier.verify(appToken, { audience: 'run_acme_dashboard' })).rejects.toMatchObject({ code: 'token_revoked' });
        expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(404);
      } finally {
        verifier.close();
      }
    });
  });
}
