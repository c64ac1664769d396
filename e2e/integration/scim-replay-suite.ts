import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships, users } from '@/db/schema';
import type { DbKind } from './harness/databases';
import { gatewayForSuite } from './harness/gateway-fixture';
import { acmeScimClient, scimApi, scimBody } from './harness/scim';

type Doc = Record<string, unknown> & { id: string; userName: string; active: boolean };
type List = { totalResults: number; Resources: Doc[] };

/** The person's role in Acme (by email, any case), or null when not a member. */
async function member(email: string): Promise<string | null> {
  const [m] = await (await getDb())
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, 'org_acme'), sql`lower(${users.email}) = lower(${email})`));
  return m?.role ?? null;
}

/**
 * The requests Okta's and Microsoft Entra's SCIM clients send, as they send them (bodies from their
 * published SCIM guides), replayed against the Users endpoint.
 */
export function describeScimReplay(kind: DbKind) {
  describe(`SCIM clients' requests replayed on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let scim: ReturnType<typeof scimApi>;
    let token: string;

    beforeAll(async () => {
      ({ scim, token } = await acmeScimClient(gw.url, 'IdP'));
    });

    it('Okta: look up by userName, POST /Users with name and emails, GET, PATCH replace active false, PUT back active', async () => {
      const filter = encodeURIComponent('userName eq "okta.user@acme.test"');
      const none = await scimBody<List>(await scim('GET', `/Users?filter=${filter}&startIndex=1&count=100`, { token }), 200);
      expect(none.totalResults).toBe(0);
      const created = await scimBody<Doc>(
        await scim('POST', '/Users', {
          token,
          contentType: 'application/scim+json; charset=utf-8',
          body: {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
            userName: 'okta.user@acme.test',
            name: { givenName: 'Okta', familyName: 'User' },
            emails: [{ primary: true, value: 'okta.user@acme.test', type: 'work' }],
            displayName: 'Okta User',
            locale: 'en-US',
            externalId: '00ujl29u0le5T6Aj10h7',
            groups: [],
            password: '1mz050nq',
            active: true,
          },
        }),
        201,
      );
      expect(created).toMatchObject({ userName: 'okta.user@acme.test', active: true, externalId: '00ujl29u0le5T6Aj10h7', name: { givenName: 'Okta', familyName: 'User' } });
      expect(await member('okta.user@acme.test')).toBe('member');
      const found = await scimBody<List>(await scim('GET', `/Users?filter=${filter}&startIndex=1&count=100`, { token }), 200);
      expect(found.Resources.map((r) => r.id)).toEqual([created.id]);
      const deactivated = await scimBody<Doc>(
        await scim('PATCH', `/Users/${created.id}`, {
          token,
          body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] },
        }),
        200,
      );
      expect(deactivated.active).toBe(false);
      expect(await member('okta.user@acme.test')).toBeNull();
      // Okta's profile push is a PUT of the whole user.
      const pushed = await scimBody<Doc>(
        await scim('PUT', `/Users/${created.id}`, {
          token,
          body: {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
            id: created.id,
            userName: 'okta.user@acme.test',
            name: { givenName: 'Okta', familyName: 'Person' },
            emails: [{ primary: true, value: 'okta.user@acme.test', type: 'work' }],
            active: true,
            meta: { resourceType: 'User' },
          },
        }),
        200,
      );
      expect(pushed).toMatchObject({ active: true, name: { familyName: 'Person' } });
      expect(await member('okta.user@acme.test')).toBe('member');
    });

    it('Microsoft Entra: a probe for a random userName, POST, userName in another case, PATCH "Replace" with no path and "False", then "Add"/"Replace" with paths', async () => {
      // Entra's connection test: a filter for a random GUID userName → an empty ListResponse, 200.
      const probe = await scimBody<List & { schemas: string[] }>(await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "8c2d0d60-1c2f-4e8b-9ba9-5b2f6a1f0c3e"')}`, { token }), 200);
      expect(probe).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });
      const created = await scimBody<Doc>(
        await scim('POST', '/Users', {
          token,
          body: {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
            externalId: 'Entra.Person',
            userName: 'Entra.Person@acme.test',
            active: true,
            emails: [{ primary: true, type: 'work', value: 'Entra.Person@acme.test' }],
            meta: { resourceType: 'User' },
            name: { formatted: 'Entra Person', familyName: 'Person', givenName: 'Entra' },
            roles: [],
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales', manager: { value: '' } },
          },
        }),
        201,
      );
      // Entra looks people up with its own spelling of the userName.
      const lookedUp = await scimBody<List>(await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "entra.person@ACME.test"')}`, { token }), 200);
      expect(lookedUp.Resources.map((r) => r.id)).toEqual([created.id]);
      const disabled = await scimBody<Doc>(
        await scim('PATCH', `/Users/${created.id}`, {
          token,
          body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', value: { active: 'False' } }] },
        }),
        200,
      );
      expect(disabled.active).toBe(false);
      expect(await member('entra.person@acme.test')).toBeNull();
      const updated = await scimBody<Doc>(
        await scim('PATCH', `/Users/${created.id}`, {
          token,
          body: {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
            Operations: [
              { op: 'Add', path: 'displayName', value: 'Entra P.' },
              { op: 'Replace', path: 'emails[type eq "work"].value', value: 'Entra.Person@acme.test' },
              { op: 'Replace', path: 'name.familyName', value: 'Persson' },
              { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Finance' },
              { op: 'Replace', path: 'active', value: 'True' },
            ],
          },
        }),
        200,
      );
      expect(updated).toMatchObject({ displayName: 'Entra P.', active: true, name: { familyName: 'Persson', givenName: 'Entra' } });
      expect(await member('entra.person@acme.test')).toBe('member');
      expect((await scim('DELETE', `/Users/${created.id}`, { token })).status).toBe(204);
      expect(await member('entra.person@acme.test')).toBeNull();
    });

    it('Entra and Okta group pushes: POST /Groups, a lookup without members, PATCH "Add" members, removals by members[value eq "…"] and by value, Okta’s rename', async () => {
      const user = async (userName: string) => (await scimBody<Doc>(await scim('POST', '/Users', { token, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true } }), 201)).id;
      const [ada, ben] = [await user('ada@acme.test'), await user('ben@acme.test')];
      // Entra: a lookup by displayName without members, then the create.
      const lookup = await scimBody<List>(await scim('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Entra Group"')}`, { token }), 200);
      expect(lookup.totalResults).toBe(0);
      const group = await scimBody<Doc & { displayName: string }>(
        await scim('POST', '/Groups', {
          token,
          body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'], externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'Entra Group', meta: { resourceType: 'Group' } },
        }),
        201,
      );
      const members = async () => ((await scimBody<{ members: Array<{ value: string }> }>(await scim('GET', `/Groups/${group.id}`, { token }), 200)).members.map((m) => m.value).sort());
      const patch = async (Operations: unknown[]) => scimBody(await scim('PATCH', `/Groups/${group.id}`, { token, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations } }), 200);
      await patch([{ op: 'Add', path: 'members', value: [{ value: ada }, { value: ben }] }]);
      expect(await members()).toEqual([ada, ben].sort());
      await patch([{ op: 'Remove', path: 'members', value: [{ value: ben }] }]);
      expect(await members()).toEqual([ada]);
      // Okta: members added with their display, removed by a value filter; a rename as replace with { id, displayName }.
      await patch([{ op: 'add', path: 'members', value: [{ value: ben, display: 'ben@acme.test' }] }]);
      await patch([{ op: 'remove', path: `members[value eq "${ada}"]` }]);
      expect(await members()).toEqual([ben]);
      await patch([{ op: 'replace', value: { id: group.id, displayName: 'Okta Renamed' } }]);
      expect((await scimBody<{ displayName: string }>(await scim('GET', `/Groups/${group.id}`, { token }), 200)).displayName).toBe('Okta Renamed');
      expect((await scim('DELETE', `/Groups/${group.id}`, { token })).status).toBe(204);
    });
  });
}
