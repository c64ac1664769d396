import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { appCredentials, auditEvents, revocations } from '@/db/schema';
import { createOrgApp } from '@/lib/gateway/apps/org-apps';
import { OPERATOR, sessionActor } from '@/lib/gateway/audit/actor';
import { listAppAllowances, removeAppAllowance, setAppAllowance } from '@/lib/gateway/exchange/allowances';
import { createAppCredential, listAppCredentials, revokeAppCredential } from '@/lib/gateway/exchange/credentials';
import { addResource, listResources, removeResource } from '@/lib/gateway/exchange/resources';
import type { DbKind } from './harness/databases';
import { basic, exchangeFields, expectOAuthError, mintedToken, RESOURCE, setUpExchangeWorld, tokenRequest, type Secrets } from './harness/exchange';
import { gatewayForSuite } from './harness/gateway-fixture';

/** Resources, allowances and client secrets (SPEC §17): their rules, their audit rows and the feed entries their removal writes. */
export function describeExchangeAdministration(kind: DbKind) {
  describe(`token exchange administration on ${kind}`, () => {
    const gw = gatewayForSuite(kind, { RATE_LIMIT_MINTS_PER_MINUTE: '0' });
    let secrets: Secrets;
    let alice: string;

    beforeAll(async () => {
      secrets = await setUpExchangeWorld();
      alice = await mintedToken(gw, 'run_acme_dashboard', await gw.client.signIn('alice@acme.test'));
    });

    /** Feed entries written since `since` (the table, read directly: the HTTP feed's own tests are revocations-suite's). */
    const entriesSince = async (since: Date) =>
      (await (await getDb()).select({ sid: revocations.sid, sub: revocations.sub, orgId: revocations.orgId, aud: revocations.aud }).from(revocations).where(gt(revocations.at, since)));
    const dbNow = async () => new Date(rowsOf<{ now: string | Date }>(await (await getDb()).execute(sql`select clock_timestamp() as now`))[0]!.now);

    describe('resource ids and app ids never meet', () => {
      it('a resource cannot take an app’s id, nor a deleted app’s', async () => {
        expect(await addResource({ id: 'run_acme_dashboard', scopes: ['x'], actor: OPERATOR })).toEqual({ ok: false, reason: 'id_is_an_app' });
        expect(await addResource({ id: 'run_acme_building', scopes: ['x'], actor: OPERATOR })).toEqual({ ok: false, reason: 'id_is_an_app' });
      });

      it('an app cannot take a resource’s id, nor a removed resource’s', async () => {
        const input = { title: 'Clash', workflowId: 'wf_acme_reports', access: 'login_required' as const, hosting: 'artifact_url' as const, artifactUrl: null, upstreamUrl: null };
        expect(await createOrgApp('org_acme', input, { id: RESOURCE })).toEqual({ ok: false, reason: 'id_exists' });
        expect((await addResource({ id: 'old-api', scopes: ['a'], actor: OPERATOR })).ok).toBe(true);
        expect(await removeResource({ id: 'old-api', actor: OPERATOR })).toBe(true);
        expect(await createOrgApp('org_acme', input, { id: 'old-api' })).toEqual({ ok: false, reason: 'id_exists' });
      });

      it('the database refuses either way even past the checks (the trigger of migration 0011)', async () => {
        const db = await getDb();
        await expect(db.execute(sql`insert into resources (id, scopes) values ('run_globex_tracker', '{a}')`)).rejects.toThrow();
        await expect(db.execute(sql`insert into runs (id, org_id, workflow_id, title) values (${RESOURCE}, 'org_acme', 'wf_acme_reports', 'x')`)).rejects.toThrow();
      });
    });

    describe('resources', () => {
      it('ids and scopes are checked; a live id cannot be added twice; a removed one comes back without allowances', async () => {
        expect(await addResource({ id: 'bad id', scopes: ['a'], actor: OPERATOR })).toMatchObject({ ok: false, reason: 'invalid' });
        expect(await addResource({ id: 'x-api', scopes: ['has space'], actor: OPERATOR })).toMatchObject({ ok: false, reason: 'invalid' });
        expect(await addResource({ id: 'x-api', scopes: [], actor: OPERATOR })).toMatchObject({ ok: false, reason: 'invalid' });
        expect(await addResource({ id: RESOURCE, scopes: ['a'], actor: OPERATOR })).toEqual({ ok: false, reason: 'exists' });
        expect(await addResource({ id: 'x-api', scopes: ['a:read', 'a:read', 'a:write'], actor: sessionActor('usr_alice') })).toEqual({ ok: true, id: 'x-api', scopes: ['a:read', 'a:write'], restored: false });
        expect((await setAppAllowance({ appId: 'run_acme_dashboard', resourceId: 'x-api', scopes: ['a:read'], guests: false, orgId: 'org_acme', actor: OPERATOR })).ok).toBe(true);
        expect(await removeResource({ id: 'x-api', actor: OPERATOR })).toBe(true);
        expect(await removeResource({ id: 'x-api', actor: OPERATOR })).toBe(false);
        expect((await listResources()).map((r) => r.id)).not.toContain('x-api');
        expect(await addResource({ id: 'x-api', scopes: ['a:read'], actor: OPERATOR })).toMatchObject({ ok: true, restored: true });
        expect((await listAppAllowances('run_acme_dashboard')).map((a) => a.resourceId)).toEqual([RESOURCE]);
        const [row] = await (await getDb()).select().from(auditEvents).where(eq(auditEvents.code, 'resource_added')).orderBy(desc(auditEvents.id)).limit(1);
        expect(row).toMatchObject({ result: 'changed', orgId: null, detail: 'x-api: a:read' });
      });

      it('removing a resource writes { aud: <resource> } and its access tokens stop', async () => {
        expect((await addResource({ id: 'gone-api', scopes: ['g'], actor: OPERATOR })).ok).toBe(true);
        const since = await dbNow();
        expect(await removeResource({ id: 'gone-api', actor: OPERATOR })).toBe(true);
        expect(await entriesSince(since)).toEqual([{ sid: null, sub: null, orgId: null, aud: 'gone-api' }]);
        await expectOAuthError(await tokenRequest(gw, exchangeFields(alice, { audience: 'gone-api', scope: 'g' }), { authorization: basic('run_acme_dashboard', secrets.run_acme_dashboard!) }), 'invalid_target');
      });
    });

    describe('allowances', () => {
      it('only scopes the resource offers, only the admin’s own org’s apps; the change is audited in the app’s org', async () => {
        expect(await setAppAllowance({ appId: 'run_acme_dashboard', resourceId: RESOURCE, scopes: ['runs:delete'], guests: false, orgId: null, actor: OPERATOR })).toEqual({ ok: false, reason: 'scopes_not_offered', scopes: ['runs:delete'] });
        expect(await setAppAllowance({ appId: 'run_acme_dashboard', resourceId: 'nope', scopes: ['a'], guests: false, orgId: null, actor: OPERATOR })).toEqual({ ok: false, reason: 'resource_not_found' });
        expect(await setAppAllowance({ appId: 'run_globex_tracker', resourceId: RESOURCE, scopes: ['runs:read'], guests: false, orgId: 'org_acme', actor: OPERATOR })).toEqual({ ok: false, reason: 'app_not_found' });
        const set = await setAppAllowance({ appId: 'run_acme_dashboard', resourceId: RESOURCE, scopes: ['runs:read', 'runs:write'], guests: true, orgId: 'org_acme', actor: sessionActor('usr_alice') });
        expect(set).toMatchObject({ ok: true, changed: true, revoked: false, allowance: { scopes: ['runs:read', 'runs:write'], guests: true } });
        const [row] = await (await getDb()).select().from(auditEvents).where(eq(auditEvents.code, 'allowance_set')).orderBy(desc(auditEvents.id)).limit(1);
        expect(row).toMatchObject({ orgId: 'org_acme', userId: 'usr_alice', appId: 'run_acme_dashboard', detail: `${RESOURCE}: runs:read runs:write (guests too) (was runs:read)` });
        expect((await tokenRequest(gw, exchangeFields(alice, { scope: 'runs:write' }), { authorization: basic('run_acme_dashboard', secrets.run_acme_dashboard!) })).status).toBe(200);
      });

      it('narrowing an allowance, or removing it, writes { aud: <app> } (what it stops); widening writes nothing', async () => {
        let since = await dbNow();
        expect(await setAppAllowance({ appId: 'run_acme_onboarding', resourceId: RESOURCE, scopes: ['runs:read', 'runs:write'], guests: false, orgId: null, actor: OPERATOR })).toMatchObject({ ok: true, revoked: false });
        expect(await entriesSince(since)).toEqual([]);
        since = await dbNow();
        expect(await setAppAllowance({ appId: 'run_acme_onboarding', resourceId: RESOURCE, scopes: ['runs:read'], guests: false, orgId: null, actor: OPERATOR })).toMatchObject({ ok: true, revoked: true });
        expect(await entriesSince(since)).toEqual([{ sid: null, sub: null, orgId: null, aud: 'run_acme_onboarding' }]);
        since = await dbNow();
        expect(await removeAppAllowance({ appId: 'run_acme_onboarding', resourceId: RESOURCE, orgId: 'org_acme', actor: OPERATOR })).toBe(true);
        expect(await removeAppAllowance({ appId: 'run_acme_onboarding', resourceId: RESOURCE, orgId: 'org_acme', actor: OPERATOR })).toBe(false);
        expect(await entriesSince(since)).toEqual([{ sid: null, sub: null, orgId: null, aud: 'run_acme_onboarding' }]);
      });
    });

    describe('client secrets', () => {
      it('at most two live per app, each 1–365 days; shown once, stored as a hash; revoking one frees a place', async () => {
        const app = 'run_acme_public';
        expect(await createAppCredential({ appId: app, orgId: null, expiresInDays: 366, actor: OPERATOR })).toMatchObject({ ok: false, reason: 'invalid' });
        expect(await createAppCredential({ appId: app, orgId: 'org_globex', actor: OPERATOR })).toEqual({ ok: false, reason: 'app_not_found' });
        const first = await createAppCredential({ appId: app, orgId: 'org_acme', expiresInDays: 365, actor: sessionActor('usr_alice') });
        const second = await createAppCredential({ appId: app, orgId: null, actor: OPERATOR });
        expect(first.ok && second.ok).toBe(true);
        if (!first.ok || !second.ok) return;
        expect(first.secret).toMatch(/^agw_cs_[A-Za-z0-9_-]{43}$/);
        expect(Math.round((first.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(365);
        expect(Math.round((second.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(90);
        expect(await createAppCredential({ appId: app, orgId: null, actor: OPERATOR })).toEqual({ ok: false, reason: 'credential_limit' });
        const stored = await (await getDb()).select().from(appCredentials).where(eq(appCredentials.appId, app));
        expect(JSON.stringify(stored)).not.toContain(first.secret);
        const listed = await listAppCredentials(app, 'org_acme');
        expect(listed.map((c) => [c.id, c.live])).toEqual([[second.id, true], [first.id, true]]);
        expect(JSON.stringify(listed)).not.toContain(first.secret.slice(12));
        expect(await revokeAppCredential({ id: first.id, orgId: 'org_globex', actor: OPERATOR })).toBeNull();
        expect(await revokeAppCredential({ id: first.id, orgId: 'org_acme', actor: OPERATOR })).toEqual({ appId: app });
        expect(await revokeAppCredential({ id: first.id, orgId: null, actor: OPERATOR })).toBeNull();
        expect((await createAppCredential({ appId: app, orgId: null, actor: OPERATOR })).ok).toBe(true);
      });

      it('revoking one writes { aud: <app> } in the same transaction, audited in the app’s org', async () => {
        const created = await createAppCredential({ appId: 'run_acme_onboarding', orgId: null, actor: OPERATOR });
        if (!created.ok) throw new Error(created.reason);
        const since = await dbNow();
        await revokeAppCredential({ id: created.id, orgId: null, actor: sessionActor('usr_alice') });
        expect(await entriesSince(since)).toEqual([{ sid: null, sub: null, orgId: null, aud: 'run_acme_onboarding' }]);
        const [row] = await (await getDb()).select().from(auditEvents).where(and(eq(auditEvents.code, 'credential_revoked'), eq(auditEvents.appId, 'run_acme_onboarding'))).orderBy(desc(auditEvents.id)).limit(1);
        expect(row).toMatchObject({ orgId: 'org_acme', userId: 'usr_alice', detail: expect.stringContaining(created.id) });
      });
    });
  });
}
