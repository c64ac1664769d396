import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { accounts, memberships, scimUsers, users } from '@/db/schema';
import type { DbKind } from './harness/databases';
import { expectProblem } from './harness/expect-problem';
import { APP_URL, startGateway, type Gateway } from './harness/gateway-fixture';
import { oidcSignIn, startOidcIdp, type IdpPerson } from './harness/oidc-idp';
import { acmeScimClient, scimApi, scimBody } from './harness/scim';

// Two accounts at the provider with one email: Vera's own, and another subject claiming her address.
const people: Record<string, IdpPerson> = {
  'vera-sso': { email: 'vera@acme.test', email_verified: true, name: 'Vera Valdez' },
  'vera-impostor': { email: 'Vera@acme.test', email_verified: true, name: 'Not Vera' },
};
// Pairs of subjects with one email each, signing in for the first time at the same moment.
const RACES = 5;
for (let i = 0; i < RACES; i++) for (const who of ['a', 'b']) people[`ray${i}-${who}`] = { email: `ray${i}@acme.test`, email_verified: true, name: `Ray ${i}` };

/** SPEC §18: a SCIM-created account binds to the first OIDC sign-in at its email, through a real OpenID provider. */
export function describeScimOidcBinding(kind: DbKind) {
  describe(`SCIM-created accounts and OIDC sign-in on ${kind}`, () => {
    let gw: Gateway;
    let idp: Awaited<ReturnType<typeof startOidcIdp>>;
    let acme: ReturnType<typeof scimApi>;
    let token: string;
    let scimId: string;
    let veraId: string;
    let cookie: string;

    beforeAll(async () => {
      idp = await startOidcIdp(people, APP_URL);
      gw = await startGateway(kind, { AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_ID: 'gateway', AUTH_OIDC_SECRET: 'gateway-secret', AUTH_OIDC_NAME: 'Company SSO' });
      ({ scim: acme, token } = await acmeScimClient(gw.url, 'Entra'));
    });
    afterAll(async () => {
      await gw?.stop();
      idp?.close();
    });

    const linksOf = async (userId: string) =>
      (await getDb()).select({ provider: accounts.provider, sub: accounts.providerAccountId }).from(accounts).where(eq(accounts.userId, userId));

    it('SCIM creates the account: no password, a member of the org, no identity bound yet', async () => {
      const created = await scimBody<{ id: string }>(
        await acme('POST', '/Users', { token, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'vera@acme.test', name: { givenName: 'Vera', familyName: 'Valdez' } } }),
        201,
      );
      scimId = created.id;
      const db = await getDb();
      const [row] = await db.select({ userId: scimUsers.userId }).from(scimUsers).where(eq(scimUsers.id, scimId));
      veraId = row!.userId;
      const [vera] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, veraId));
      expect(vera!.passwordHash).toBeNull();
      expect(await linksOf(veraId)).toEqual([]);
    });

    it('her first sign-in through the provider is that account: its id in the token, the org’s member, minting for an org app', async () => {
      const signedIn = await oidcSignIn(gw.url, APP_URL, 'vera-sso');
      expect(signedIn.landed.href).toBe(`${APP_URL}/`);
      expect(signedIn.cookie).toBeTruthy();
      cookie = signedIn.cookie!;
      const minted = await gw.client.mint('run_acme_dashboard', { cookie });
      expect(minted.status).toBe(200);
      const claims = await gw.verify(((await minted.json()) as { token: string }).token, 'run_acme_dashboard');
      expect(claims).toMatchObject({ sub: veraId, org_id: 'org_acme', email: 'vera@acme.test', auth_via: 'session' });
      // The role SCIM gave (SCIM makes members), and the provider's subject now bound to the account.
      const [m] = await (await getDb()).select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, 'org_acme'), eq(memberships.userId, veraId)));
      expect(m?.role).toBe('member');
      expect(await linksOf(veraId)).toEqual([{ provider: 'oidc', sub: 'vera-sso' }]);
      expect(await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, 'vera@acme.test'))).toEqual([{ id: veraId }]);
    });

    it('another subject at the provider with her email is refused: no session, not bound, no account of its own', async () => {
      const other = await oidcSignIn(gw.url, APP_URL, 'vera-impostor');
      // linkExternalUser refuses a bound SCIM-created account to any other identity: Auth.js's AccessDenied.
      expect(other.landed.pathname).toBe('/signin');
      expect(other.landed.searchParams.get('error')).toBe('AccessDenied');
      expect(other.cookie).toBeNull();
      expect(await linksOf(veraId)).toEqual([{ provider: 'oidc', sub: 'vera-sso' }]);
      expect(await (await getDb()).select({ id: accounts.userId }).from(accounts).where(eq(accounts.providerAccountId, 'vera-impostor'))).toEqual([]);
      expect(await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, 'vera@acme.test'))).toEqual([{ id: veraId }]);
      // Vera herself still signs in to her account.
      const again = await oidcSignIn(gw.url, APP_URL, 'vera-sso');
      expect(again.cookie).toBeTruthy();
      const minted = await gw.client.mint('run_acme_dashboard', { cookie: again.cookie! });
      expect(await gw.verify(((await minted.json()) as { token: string }).token, 'run_acme_dashboard')).toMatchObject({ sub: veraId });
    });

    it('two first sign-ins with different subjects at once: one binds the account, the other is refused', async () => {
      // Each round: both sign-ins pass the provider, then reach the gateway's callback together.
      for (let i = 0; i < RACES; i++) {
        const created = await scimBody<{ id: string }>(await acme('POST', '/Users', { token, body: { userName: `ray${i}@acme.test` } }), 201);
        const [row] = await (await getDb()).select({ userId: scimUsers.userId }).from(scimUsers).where(eq(scimUsers.id, created.id));
        let arrived = 0;
        let release!: () => void;
        const bothThere = new Promise<void>((resolve) => (release = resolve));
        const atCallback = async () => {
          if (++arrived === 2) release();
          await bothThere;
        };
        const results = await Promise.all(['a', 'b'].map((who) => oidcSignIn(gw.url, APP_URL, `ray${i}-${who}`, atCallback)));
        expect(results.filter((r) => r.cookie).length, `round ${i}`).toBe(1);
        expect(results.map((r) => r.landed.pathname).sort()).toEqual(['/', '/signin']);
        const links = await linksOf(row!.userId);
        expect(links).toHaveLength(1);
        expect(links[0]!.sub).toBe(results[0]!.cookie ? `ray${i}-a` : `ray${i}-b`);
      }
    });

    it('after SCIM sets active to "False" (Entra’s form), her signed-in session’s next mint is refused', async () => {
      const patched = await scimBody<{ active: boolean }>(
        await acme('PATCH', `/Users/${scimId}`, { token, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] } }),
        200,
      );
      expect(patched.active).toBe(false);
      await expectProblem(await gw.client.mint('run_acme_dashboard', { cookie }), 'not_found');
    });
  });
}
