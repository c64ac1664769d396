import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { apiTokens, memberships, serviceAccountTokens, users } from '@/db/schema';
import { ApiTokenError, createApiToken, revokeApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { deleteUser } from '@/lib/auth/delete-user';
import { OPERATOR, sessionActor } from '@/lib/gateway/audit/actor';
import { changeMembership } from '@/lib/gateway/orgs/org-members';
import {
  createServiceAccount,
  issueServiceAccountToken,
  listServiceAccounts,
  revokeServiceAccount,
  revokeServiceAccountToken,
} from '@/lib/gateway/service-accounts/service-accounts';
import type { DbKind } from './harness/databases';
import { expectProblem } from './harness/expect-problem';
import { gatewayForSuite } from './harness/gateway-fixture';
import { apiToken, managementApi, serviceAccountToken } from './harness/management';

const APPS = '/v1/orgs/org_acme/apps';

/** SPEC §14's credentials: RFC 6750 refusals, scopes, the admin check read at every call, another org's paths, service-account tokens' life. */
export function describeManagementAuth(kind: DbKind) {
  describe(`management API credentials on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let api: ReturnType<typeof managementApi>;
    const list = (token?: string, path = APPS) => api('GET', path, token === undefined ? {} : { token });

    beforeAll(async () => {
      api = managementApi(gw.url);
      const db = await getDb();
      const hash = (await db.select().from(users).where(eq(users.id, 'usr_alice')))[0]!.passwordHash;
      await db.insert(users).values({ id: 'usr_mina', email: 'mina@acme.test', name: 'Mina Admin', passwordHash: hash, lastActiveOrgId: 'org_acme' });
      await db.insert(memberships).values({ userId: 'usr_mina', orgId: 'org_acme', role: 'admin' });
    });

    it('no credentials: 401 with a bare `WWW-Authenticate: Bearer` (a cookie or another scheme counts for nothing)', async () => {
      const headerSets: Record<string, string>[] = [{}, { authorization: 'Basic YWxpY2U6eA==' }, { cookie: await gw.client.signIn('alice@acme.test') }];
      for (const headers of headerSets) {
        const res = await api('GET', APPS, { headers });
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        await expectProblem(res, 'unauthenticated');
      }
    });

    it('a malformed, unknown, revoked or expired token, a revoked account’s, a deleted user’s: one 401 with error="invalid_token"', async () => {
      const revokedSa = await serviceAccountToken('org_acme', ['apps:read']);
      await revokeServiceAccountToken({ orgId: 'org_acme', tokenId: revokedSa.tokenId, actor: OPERATOR });
      const closedSa = await serviceAccountToken('org_acme', ['apps:read']);
      await revokeServiceAccount({ orgId: 'org_acme', serviceAccountId: closedSa.id, actor: OPERATOR });
      const expiredSa = await serviceAccountToken('org_acme', ['apps:read']);
      await (await getDb()).update(serviceAccountTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(serviceAccountTokens.id, expiredSa.tokenId));
      const revokedApi = await apiToken('usr_alice', 'org_acme', ['apps:read']);
      await revokeApiToken(revokedApi.id);
      const expiredApi = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme', scopes: ['apps:read'], expiresAt: new Date(Date.now() + 60_000) });
      const db = await getDb();
      await db.update(apiTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiTokens.id, expiredApi.id));
      const hash = (await db.select().from(users).where(eq(users.id, 'usr_alice')))[0]!.passwordHash;
      await db.insert(users).values({ id: 'usr_gone', email: 'gone@acme.test', name: 'Gone', passwordHash: hash });
      await db.insert(memberships).values({ userId: 'usr_gone', orgId: 'org_acme', role: 'admin' });
      const gone = await apiToken('usr_gone', 'org_acme', ['apps:read']);
      await deleteUser('usr_gone');
      const tokens = ['agw_sa_nope', 'agw_sa_' + 'A'.repeat(43), 'agw_' + 'A'.repeat(43), 'not a token', revokedSa.token, closedSa.token, expiredSa.token, revokedApi.token, expiredApi.token, gone.token];
      const details = new Set<string>();
      for (const token of tokens) {
        const res = await api('GET', APPS, { headers: { authorization: `Bearer ${token}` } });
        expect(res.headers.get('www-authenticate'), token).toBe('Bearer error="invalid_token"');
        const body = await expectProblem(res, 'unauthenticated');
        details.add(JSON.stringify({ ...body, instance: null }));
      }
      expect(details.size).toBe(1);
    });

    it('another org’s paths are 404, the same as an org that does not exist, whatever the scopes', async () => {
      const acme = await serviceAccountToken('org_acme', ['apps:read', 'apps:write', 'audit:read']);
      const bodies = new Set<string>();
      for (const path of ['/v1/orgs/org_globex/apps', '/v1/orgs/org_nope/apps', '/v1/orgs/org_globex/apps/run_globex_tracker', '/v1/orgs/org_globex/audit']) {
        const body = await expectProblem(await list(acme.token, path), 'not_found');
        bodies.add(JSON.stringify({ ...body, instance: null }));
      }
      await expectProblem(await api('DELETE', '/v1/orgs/org_globex/apps/run_globex_tracker', { token: acme.token }), 'not_found');
      await expectProblem(await api('PUT', '/v1/orgs/org_globex/workflows/wf_new', { token: acme.token, body: { name: 'x' } }), 'not_found');
      expect(bodies.size).toBe(1);
      // Even a token without the scope: 404 first, so a 403 never tells that an org exists.
      const none = await serviceAccountToken('org_acme', ['audit:read']);
      await expectProblem(await list(none.token, '/v1/orgs/org_globex/apps'), 'not_found');
    });

    it('a missing scope is 403 insufficient_scope, naming it in WWW-Authenticate and the body', async () => {
      const auditor = await serviceAccountToken('org_acme', ['audit:read']);
      for (const [method, path, scope] of [['GET', APPS, 'apps:read'], ['POST', APPS, 'apps:write'], ['GET', `${APPS}/run_acme_dashboard`, 'apps:read'], ['DELETE', `${APPS}/run_acme_dashboard`, 'apps:write']] as const) {
        const res = await api(method, path, { token: auditor.token, body: method === 'POST' ? {} : undefined });
        expect(res.headers.get('www-authenticate')).toBe(`Bearer error="insufficient_scope", scope="${scope}"`);
        expect(await expectProblem(res, 'insufficient_scope')).toMatchObject({ scope });
      }
      expect((await api('GET', '/v1/orgs/org_acme/audit', { token: auditor.token })).status).toBe(200);
      // An API token with only `mint` (the default) opens nothing here.
      const minter = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
      expect(minter.record.scopes).toEqual(['mint']);
      await expectProblem(await list(minter.token), 'insufficient_scope');
    });

    it('an API token’s management scope works only while its person is an admin, read at every call', async () => {
      const mina = await apiToken('usr_mina', 'org_acme', ['apps:read', 'mint']);
      expect((await list(mina.token)).status).toBe(200);
      expect(await changeMembership('org_acme', 'usr_mina', 'member')).toBe('ok');
      const demoted = await list(mina.token);
      expect(await expectProblem(demoted, 'insufficient_scope')).toMatchObject({ scope: 'apps:read', detail: expect.stringContaining('admin') });
      expect((await gw.client.mint('run_acme_dashboard', { bearer: mina.token })).status).toBe(200); // still a member: it mints
      expect(await changeMembership('org_acme', 'usr_mina', 'admin')).toBe('ok');
      expect((await list(mina.token)).status).toBe(200);
      expect(await changeMembership('org_acme', 'usr_mina', null)).toBe('ok');
      await expectProblem(await list(mina.token), 'insufficient_scope');
    });

    it('at the mint: an API token without `mint` is 403 insufficient_scope, a service account’s token 403 forbidden, each audited; neither mints', async () => {
      const db = await getDb();
      const readOnly = await apiToken('usr_alice', 'org_acme', ['apps:read']);
      const noMint = await gw.client.mint('run_acme_dashboard', { bearer: readOnly.token });
      expect(noMint.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="mint"');
      expect(await expectProblem(noMint, 'insufficient_scope')).toMatchObject({ scope: 'mint' });
      // Nothing about the app leaks to it: an app that does not exist gets the same answer.
      await expectProblem(await gw.client.mint('run_does_not_exist', { bearer: readOnly.token }), 'insufficient_scope');

      const pipeline = await serviceAccountToken('org_acme', ['apps:read', 'apps:write']);
      const bySa = await gw.client.mint('run_acme_dashboard', { bearer: pipeline.token });
      expect(bySa.status).toBe(403);
      expect(await expectProblem(bySa, 'forbidden')).toMatchObject({ detail: expect.stringContaining('service-account') });
      // A revoked service account's token is no credential at all: 401, like any bad token.
      await revokeServiceAccount({ orgId: 'org_acme', serviceAccountId: pipeline.id, actor: OPERATOR });
      const revoked = await gw.client.mint('run_acme_dashboard', { bearer: pipeline.token });
      expect(revoked.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      await expectProblem(revoked, 'unauthenticated');

      const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
        select code, result::text, auth_via::text, api_token_id, service_account_id, org_id, jti from audit_events
        where (api_token_id = ${readOnly.id} or service_account_id = ${pipeline.id}) and app_id in ('run_acme_dashboard', 'run_does_not_exist') order by id`));
      expect(rows).toEqual([
        { code: 'insufficient_scope', result: 'denied', auth_via: 'api_token', api_token_id: readOnly.id, service_account_id: null, org_id: 'org_acme', jti: null },
        { code: 'insufficient_scope', result: 'denied', auth_via: 'api_token', api_token_id: readOnly.id, service_account_id: null, org_id: null, jti: null },
        { code: 'service_account', result: 'denied', auth_via: 'service_account', api_token_id: null, service_account_id: pipeline.id, org_id: 'org_acme', jti: null },
      ]);
    });

    it('management scopes are for admins only at creation; scopes are checked words', async () => {
      await expect(createApiToken({ userId: 'usr_carol', orgId: 'org_acme', scopes: ['apps:write'] })).rejects.toThrow(ApiTokenError);
      await expect(createApiToken({ userId: 'usr_alice', orgId: 'org_acme', scopes: ['apps:everything'] })).rejects.toThrow(/Not a scope: apps:everything/);
      await expect(createApiToken({ userId: 'usr_alice', orgId: 'org_acme', scopes: [] })).rejects.toThrow(/at least one scope/);
      expect((await createApiToken({ userId: 'usr_carol', orgId: 'org_acme', scopes: ['mint'] })).record.scopes).toEqual(['mint']);
    });

    it('a service account: scopes and expiry are checked; at most two live tokens; rotation; last use shown; revoking ends every token', async () => {
      const bad = await createServiceAccount({ orgId: 'org_acme', name: ' ', scopes: ['mint', 'apps:read'], expiresInDays: 366, actor: OPERATOR });
      expect(bad).toEqual({ ok: false, reason: 'invalid', errors: { name: expect.any(String), scopes: expect.stringContaining('mint'), expiresInDays: expect.stringContaining('365') } });
      expect(await createServiceAccount({ orgId: 'org_nope', name: 'x', scopes: ['apps:read'], actor: OPERATOR })).toEqual({ ok: false, reason: 'not_found' });
      const created = await createServiceAccount({ orgId: 'org_acme', name: 'Rotating', scopes: ['apps:read'], expiresInDays: 30, actor: sessionActor('usr_alice') });
      if (!created.ok) throw new Error('not created');
      const first = created.token;
      expect(first.token).toMatch(/^agw_sa_[A-Za-z0-9_-]{43}$/);
      expect(Math.round((first.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(30);
      expect(created.account).toMatchObject({ name: 'Rotating', scopes: ['apps:read'], createdBy: { id: 'usr_alice', name: 'Alice Anders' }, lastUsedAt: null });
      expect((await list(first.token)).status).toBe(200);
      const [used] = await listServiceAccounts('org_acme', [created.account.id]);
      expect(used!.lastUsedAt).toBeInstanceOf(Date);
      expect(used!.tokens[0]!.lastUsedAt).toBeInstanceOf(Date);
      expect(JSON.stringify(used)).not.toContain(first.token);
      // At rest: only the SHA-256 of the token, and its first 13 characters to recognise it.
      const stored = await (await getDb()).select().from(serviceAccountTokens).where(eq(serviceAccountTokens.id, first.id));
      expect(stored[0]!.tokenHash).toBe(createHash('sha256').update(first.token).digest('hex'));
      expect(JSON.stringify(stored)).not.toContain(first.token);
      expect(stored[0]!.prefix).toBe(first.token.slice(0, 13));

      const second = await issueServiceAccountToken({ orgId: 'org_acme', serviceAccountId: created.account.id, actor: OPERATOR });
      if (!second.ok) throw new Error('not issued');
      expect(await issueServiceAccountToken({ orgId: 'org_acme', serviceAccountId: created.account.id, actor: OPERATOR })).toEqual({ ok: false, reason: 'token_limit' });
      expect(await issueServiceAccountToken({ orgId: 'org_globex', serviceAccountId: created.account.id, actor: OPERATOR })).toEqual({ ok: false, reason: 'not_found' });
      expect((await list(second.token.token)).status).toBe(200);
      expect(await revokeServiceAccountToken({ orgId: 'org_globex', tokenId: first.id, actor: OPERATOR })).toBe(false);
      expect(await revokeServiceAccountToken({ orgId: 'org_acme', tokenId: first.id, actor: OPERATOR })).toBe(true);
      await expectProblem(await list(first.token), 'unauthenticated');
      expect((await list(second.token.token)).status).toBe(200);
      const third = await issueServiceAccountToken({ orgId: 'org_acme', serviceAccountId: created.account.id, expiresInDays: 1, actor: OPERATOR });
      expect(third.ok).toBe(true);

      expect(await revokeServiceAccount({ orgId: 'org_globex', serviceAccountId: created.account.id, actor: OPERATOR })).toBe(false);
      expect(await revokeServiceAccount({ orgId: 'org_acme', serviceAccountId: created.account.id, actor: OPERATOR })).toBe(true);
      await expectProblem(await list(second.token.token), 'unauthenticated');
      if (third.ok) await expectProblem(await list(third.token.token), 'unauthenticated');
      expect(await issueServiceAccountToken({ orgId: 'org_acme', serviceAccountId: created.account.id, actor: OPERATOR })).toEqual({ ok: false, reason: 'not_found' });
      const [revoked] = await listServiceAccounts('org_acme', [created.account.id]);
      expect(revoked!.revokedAt).toBeInstanceOf(Date);
      expect(revoked!.tokens.map((t) => t.state)).toEqual(['revoked', 'revoked', 'revoked']);
      expect(await listServiceAccounts('org_globex')).toEqual([]);
    });
  });
}
