import type { Server } from 'node:http';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freePort, startBuiltServer } from './harness/built-server';
import { cli } from './harness/cli';
import { freshDatabase } from './harness/databases';
import { newEntries, readFeed } from './harness/feed';
import { launchChromium } from './harness/chromium';

const people: Record<string, { email: string; email_verified: boolean; name: string; groups?: string[] }> = {
  newbie: { email: 'newbie@newco.test', email_verified: true, name: 'Nina Newbie' },
  // SPEC §18: her groups claim changes between sign-ins (the test sets it).
  gwen: { email: 'gwen@acme-sso.test', email_verified: true, name: 'Gwen Groups' },
  dana: { email: 'dana@acme-sso.test', email_verified: true, name: 'Dana Domain' },
  sneaky: { email: 'alice@acme.test', email_verified: false, name: 'Not Alice' },
};

/** Sign-in through a real, certified OpenID provider (panva/oidc-provider) started by the test. */
describe('OIDC sign-in end to end', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let sql: postgres.Sql;
  let idp: Server;
  let gateway: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: Browser;
  let groupId = '';
  const GROUP_APP = 'run_acme_onboarding';

  beforeAll(async () => {
    assertBuilt();
    const [idpPort, gatewayPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${idpPort}`;
    const appUrl = `http://localhost:${gatewayPort}`;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'gateway', client_secret: 'gateway-secret', redirect_uris: [`${appUrl}/api/auth/callback/oidc`] }],
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test', alg: 'RS256', use: 'sig' }] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
      cookies: { keys: ['a-test-cookie-key-of-some-length'] },
      findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, ...people[id] }) }),
    });
    idp = provider.listen(idpPort);

    db = await freshDatabase('postgres');
    const env = { DATABASE_URL: db.url!, PGLITE_DIR: path.join(db.dir, 'unused'), AUTH_SECRET: 's'.repeat(48), APP_TOKEN_KEY_SECRET: 'k'.repeat(48) };
    expect((await cli(['seed'], env)).code).toBe(0);
    sql = postgres(db.url!, { max: 1, onnotice: () => {} });
    await sql`insert into invitations (id, org_id, email, role, expires_at) values ('inv_test', 'org_globex', 'Newbie@NewCo.test', 'admin', now() + interval '1 day')`;
    await sql`insert into invitations (id, org_id, email, role, expires_at) values ('inv_old', 'org_acme', 'newbie@newco.test', 'member', now() - interval '1 day')`;
    await sql`update orgs set auto_join_domain = 'acme-sso.test' where id = 'org_acme'`;
    // SPEC §18: Acme's oidc groups are set by this issuer's sign-ins (the operator's CLI, as in production).
    expect((await cli(['org', 'oidc-groups', 'org_acme', '--issuer', issuer], env)).code).toBe(0);
    const made = await cli(['group', 'create', '--org', 'org_acme', '--name', 'Engineers', '--oidc', 'eng'], env);
    groupId = /Created (grp_\S+)/.exec(made.stdout)![1]!;
    expect((await cli(['app', 'access', GROUP_APP, 'members', '--group', groupId], env)).code).toBe(0);
    gateway = await startBuiltServer(
      { ...env, APP_URL: appUrl, AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_ID: 'gateway', AUTH_OIDC_SECRET: 'gateway-secret', AUTH_OIDC_NAME: 'Company SSO' },
      gatewayPort,
    );
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    idp?.close();
    await sql?.end();
    await db?.cleanup();
  });

  async function signInAs(login: string) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${gateway.url}/signin`);
    await page.getByRole('button', { name: /Company SSO/ }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    const consent = page.getByRole('button', { name: /continue/i });
    if (await consent.isVisible({ timeout: 5000 }).catch(() => false)) await consent.click();
    await page.waitForURL((u) => u.origin === new URL(gateway.url).origin, { timeout: 15_000 });
    return page;
  }

  it('the first sign-in creates the user with a verified email and accepts the pending invitation', async () => {
    const page = await signInAs('newbie');
    await expect.poll(async () => (await page.locator('body').innerText()).includes('Nina Newbie'), { timeout: 15_000, message: `${page.url()}\n${gateway.output().slice(-3000)}` }).toBe(true);
    const [user] = await sql`select id, email, email_verified_at from users where lower(email) = 'newbie@newco.test'`;
    expect(user!.email_verified_at).toBeTruthy();
    const member = await sql`select org_id, role from memberships where user_id = ${user!.id}`;
    expect(member.map((m) => `${m.org_id}:${m.role}`)).toEqual(['org_globex:admin']); // the expired Acme invitation is not honoured
    const [inv] = await sql`select accepted_by from invitations where id = 'inv_test'`;
    expect(inv!.accepted_by).toBe(user!.id);
    const [link] = await sql`select provider, provider_account_id from accounts where user_id = ${user!.id}`;
    expect(link).toMatchObject({ provider: 'oidc', provider_account_id: 'newbie' });
    // Lands acting in the invited org, and can mint there.
    const minted = await page.evaluate(async () => (await fetch('/v1/app-gateway/run_globex_tracker/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
    expect(minted).toBe(200);
  });

  it('an org’s domain rule puts a new user at that domain into the org', async () => {
    await signInAs('dana');
    const rows = await sql`select m.org_id, m.role from memberships m join users u on u.id = m.user_id where u.email = 'dana@acme-sso.test'`;
    expect(rows.map((m) => `${m.org_id}:${m.role}`)).toEqual(['org_acme:member']);
  });

  it('an unverified email is refused and never linked to the existing user with that email', async () => {
    const page = await signInAs('sneaky');
    expect(new URL(page.url()).pathname).toBe('/signin');
    const links = await sql`select 1 from accounts where provider_account_id = 'sneaky'`;
    expect(links).toHaveLength(0);
  });

  it('the groups claim opens an app restricted to an oidc group; a sign-in without the claim changes nothing; one without the value closes it (mint 404, feed entry)', async () => {
    const mint = (page: Awaited<ReturnType<typeof signInAs>>) =>
      page.evaluate(async (app) => (await fetch(`/v1/app-gateway/${app}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, GROUP_APP);
    people.gwen!.groups = ['eng', 'staff'];
    const first = await signInAs('gwen');
    const [gwen] = await sql`select id from users where email = 'gwen@acme-sso.test'`;
    expect(await sql`select user_id from group_members where group_id = ${groupId}`).toEqual([{ user_id: gwen!.id }]);
    expect(await mint(first)).toBe(200);
    const [audit] = await sql`select user_id, auth_via, detail from audit_events where code = 'group_members_changed' and org_id = 'org_acme' order by id desc limit 1`;
    expect(audit).toMatchObject({ user_id: gwen!.id, auth_via: 'session' });
    expect(audit!.detail).toContain('sign-in through http://127.0.0.1:');

    delete people.gwen!.groups; // no claim at all: nothing changes
    expect(await mint(await signInAs('gwen'))).toBe(200);

    const { cursor } = await readFeed(gateway.url);
    people.gwen!.groups = ['staff'];
    const last = await signInAs('gwen');
    expect(await sql`select user_id from group_members where group_id = ${groupId}`).toEqual([]);
    expect(await mint(last)).toBe(404);
    expect(await mint(first)).toBe(404); // the earlier session too: the rule is read at every mint
    expect(await newEntries(gateway.url, cursor)).toEqual([{ sub: gwen!.id, aud: GROUP_APP }]);
  });
});
