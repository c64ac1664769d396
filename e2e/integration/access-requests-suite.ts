import { and, eq } from 'drizzle-orm';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, observeStatements } from '@/db/client';
import { accessRequestAttempts, accessRequests, appGrants, auditEvents, memberships } from '@/db/schema';
import { setAppAccessRule } from '@/lib/gateway/access/app-access';
import { endDueGrants } from '@/lib/gateway/access-requests/end-grants';
import { REQUEST_ANSWER, requestAccess } from '@/lib/gateway/access-requests/request-access';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { listAppsForUser } from '@/lib/gateway/apps/viewer-apps';
import { changeMembership } from '@/lib/gateway/orgs/org-members';
import type { DbKind } from './harness/databases';
import { expectProblem } from './harness/expect-problem';
import { newEntries, readFeed } from './harness/feed';
import { gatewayForSuite } from './harness/gateway-fixture';
import { apiToken, managementApi, serviceAccountToken } from './harness/management';

const DASHBOARD = 'run_acme_dashboard';
const ONBOARDING = 'run_acme_onboarding';
const REQUESTS = '/v1/orgs/org_acme/access-requests';
const grantsOf = (appId: string) => `/v1/orgs/org_acme/apps/${appId}/grants`;
type Pending = { id: string; app_id: string; user: { id: string; email: string }; member: boolean; note: string | null };
type GrantDoc = { id: string; app_id: string; user_id: string; ends_at: string | null };

/** SPEC §16 on one kind of database: asking for access, the admins' inbox and API, app grants in the mint, and their ends. */
export function describeAccessRequests(kind: DbKind) {
  describe(`access requests and app grants on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let api: ReturnType<typeof managementApi>;
    let admin: string;
    let bobCookie = '';
    let bobGlobexToken = '';
    let carolAcmeToken = '';

    beforeAll(async () => {
      api = managementApi(gw.url);
      admin = (await serviceAccountToken('org_acme', ['access-requests:write'])).token;
      bobCookie = await gw.client.signIn('bob@globex.test'); // not a member of Acme
      bobGlobexToken = (await apiToken('usr_bob', 'org_globex', ['mint'])).token;
      carolAcmeToken = (await apiToken('usr_carol', 'org_acme', ['mint'])).token; // an Acme member
      // Onboarding opens to Acme's admins only: Carol, a member, is refused it.
      expect(await setAppAccessRule({ orgId: 'org_acme', appId: ONBOARDING, rule: 'admins', memberIds: [], actor: sessionActor('usr_alice') })).toMatchObject({ ok: true });
    });

    const db = () => getDb();
    const ask = (userId: string, appId: string, note: string | null = null) => requestAccess({ userId, appId, note, ip: '127.0.0.1', userAgent: 'test' });
    const pending = async (): Promise<Pending[]> => ((await (await api('GET', REQUESTS, { token: admin })).json()) as { access_requests: Pending[] }).access_requests;
    const pendingOf = async (userId: string, appId: string) => (await pending()).find((r) => r.user.id === userId && r.app_id === appId);
    const approve = (id: string, duration: number | null, token = admin) => api('POST', `${REQUESTS}/${id}/approve`, { token, body: { duration_seconds: duration } });
    const mintToken = async (res: Response) => {
      expect(res.status).toBe(200);
      return ((await res.json()) as { token: string }).token;
    };
    const auditCodes = async (code: string) => (await (await db()).select().from(auditEvents).where(eq(auditEvents.code, code)));

    it('one answer whether the app exists or not; only a live app’s request is stored, once per person and app, and audited in its org', async () => {
      for (const appId of [DASHBOARD, 'run_no_such_app', 'not a valid id!']) {
        expect(await ask('usr_bob', appId, 'For the quarterly review')).toEqual({ ok: true, answer: REQUEST_ANSWER });
      }
      expect(await ask('usr_bob', DASHBOARD, 'Again')).toEqual({ ok: true, answer: REQUEST_ANSWER });
      const rows = await (await db()).select().from(accessRequests).where(eq(accessRequests.userId, 'usr_bob'));
      expect(rows.map((r) => [r.appId, r.orgId, r.note])).toEqual([[DASHBOARD, 'org_acme', 'For the quarterly review']]);
      expect(JSON.stringify(await (await db()).select().from(accessRequestAttempts))).not.toContain('run_no_such_app');
      const audited = (await auditCodes('access_requested')).filter((a) => a.userId === 'usr_bob');
      expect(audited.map((a) => [a.orgId, a.appId])).toEqual([['org_acme', DASHBOARD]]);
      expect(await pendingOf('usr_bob', DASHBOARD)).toMatchObject({ member: false, note: 'For the quarterly review', user: { email: 'bob@globex.test' } });
    });

    it('a note is plain text of at most 500 characters', async () => {
      expect(await ask('usr_dave', DASHBOARD, 'x'.repeat(501))).toMatchObject({ ok: false, code: 'invalid_request' });
      expect(await ask('usr_dave', DASHBOARD, ` line one\u0007\nline two${'y'.repeat(400)} `)).toMatchObject({ ok: true });
      const [row] = await (await db()).select().from(accessRequests).where(eq(accessRequests.userId, 'usr_dave'));
      expect(row!.note).toBe(`line one \nline two${'y'.repeat(400)}`);
    });

    it('at most 20 requests a day per person, counted alike for apps that exist and apps that do not (the limit is no probe)', async () => {
      const userId = 'usr_dave';
      const [{ n }] = [{ n: (await (await db()).select().from(accessRequestAttempts).where(eq(accessRequestAttempts.userId, userId))).length }];
      for (let i = n; i < 20; i++) expect(await ask(userId, `run_probe_${i}`)).toMatchObject({ ok: true });
      const refusedReal = await ask(userId, ONBOARDING);
      const refusedFake = await ask(userId, 'run_probe_x');
      expect(refusedReal).toMatchObject({ ok: false, code: 'rate_limited', retryAfterSeconds: expect.any(Number) });
      expect({ ...refusedFake, retryAfterSeconds: 0 }).toEqual({ ...refusedReal, retryAfterSeconds: 0 });
      expect(await (await db()).select().from(accessRequests).where(and(eq(accessRequests.userId, userId), eq(accessRequests.appId, ONBOARDING)))).toEqual([]);
    });

    it('the inbox needs access-requests:write (403), an admin behind an API token (403 for a member’s), a token (401) and the org’s own path (404)', async () => {
      const appsOnly = (await serviceAccountToken('org_acme', ['apps:read'])).token;
      const scope = await api('GET', REQUESTS, { token: appsOnly });
      expect(scope.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="access-requests:write"');
      await expectProblem(scope, 'insufficient_scope');
      // Carol's token was made while she was an admin of Acme; a member now, its management scope does not work.
      expect(await changeMembership('org_acme', 'usr_carol', 'admin')).toBe('ok');
      const memberToken = (await apiToken('usr_carol', 'org_acme', ['access-requests:write'])).token;
      expect(await changeMembership('org_acme', 'usr_carol', 'member')).toBe('ok');
      const request = await pendingOf('usr_bob', DASHBOARD);
      await expectProblem(await approve(request!.id, null, memberToken), 'insufficient_scope');
      await expectProblem(await api('GET', REQUESTS, { token: memberToken }), 'insufficient_scope');
      await expectProblem(await api('GET', REQUESTS), 'unauthenticated');
      const globex = (await serviceAccountToken('org_globex', ['access-requests:write'])).token;
      await expectProblem(await api('GET', REQUESTS, { token: globex }), 'not_found');
      // Acme's request through Globex's own path: not found, untouched.
      await expectProblem(await api('POST', `/v1/orgs/org_globex/access-requests/${request!.id}/approve`, { token: globex, body: { duration_seconds: null } }), 'not_found');
      expect(await pendingOf('usr_bob', DASHBOARD)).toBeDefined();
    });

    it('approval checks duration_seconds (422) and is one answer: a second is 409', async () => {
      const request = (await pendingOf('usr_dave', DASHBOARD))!;
      for (const bad of [59, 1.5, '3600', 366 * 86400]) {
        const body = await expectProblem(await approve(request.id, bad as number), 'validation_failed');
        expect(body.errors).toEqual([{ pointer: '#/duration_seconds', detail: expect.any(String) }]);
      }
      await expectProblem(await api('POST', `${REQUESTS}/${request.id}/approve`, { token: admin, body: {} }), 'validation_failed');
      await expectProblem(await api('POST', `${REQUESTS}/${request.id}/approve`, { token: admin, body: { duration_seconds: null, extra: 1 } }), 'validation_failed');
      expect((await api('POST', `${REQUESTS}/${request.id}/deny`, { token: admin })).status).toBe(204);
      await expectProblem(await approve(request.id, null), 'conflict');
      await expectProblem(await api('POST', `${REQUESTS}/${request.id}/deny`, { token: admin }), 'conflict');
      await expectProblem(await approve('arq_AAAAAAAAAAAAAAAAAAAAAAAA', null), 'not_found');
      expect(await pendingOf('usr_dave', DASHBOARD)).toBeUndefined();
      expect((await auditCodes('access_request_denied')).map((a) => [a.orgId, a.appId, a.serviceAccountId !== null])).toEqual([['org_acme', DASHBOARD, true]]);
    });

    it('someone outside the org, approved, opens that app as a guest (app-guest+jwt, org_role guest, auth_via session, no org_id) and no other', async () => {
      const before = await mintToken(await gw.client.mint(DASHBOARD, { cookie: bobCookie })).catch(() => null);
      expect(before).toBeNull();
      const request = (await pendingOf('usr_bob', DASHBOARD))!;
      const res = await approve(request.id, 3600);
      expect(res.status).toBe(200);
      const { grant } = (await res.json()) as { grant: GrantDoc };
      expect(grant).toMatchObject({ id: expect.stringMatching(/^grt_/), app_id: DASHBOARD, user_id: 'usr_bob' });
      expect(Math.round((Date.parse(grant.ends_at!) - Date.now()) / 1000 / 60)).toBe(60);

      const token = await mintToken(await gw.client.mint(DASHBOARD, { cookie: bobCookie }));
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'app-guest+jwt' });
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({ sub: 'usr_bob', aud: DASHBOARD, org_role: 'guest', auth_via: 'session', name: 'Bob Bauer (guest)', email: 'bob@globex.test' });
      expect(claims.org_id).toBeUndefined();
      // A verifier written for members refuses it: another token type.
      await expect(gw.verify(token, DASHBOARD)).rejects.toThrow();
      // Only that app: another Acme app, and the same app with an API token of his own org, are the stranger's 404.
      expect((await gw.client.mint(ONBOARDING, { cookie: bobCookie })).status).toBe(404);
      expect((await gw.client.mint('run_acme_public', { cookie: bobCookie })).status).toBe(404);
      expect((await gw.client.mint(DASHBOARD, { bearer: bobGlobexToken })).status).toBe(404);
      expect((await listAppsForUser('usr_bob')).apps.map((a) => [a.id, a.guest])).toEqual(expect.arrayContaining([[DASHBOARD, true]]));
      const [approved] = (await auditCodes('access_request_approved')).filter((a) => a.appId === DASHBOARD);
      expect(approved).toMatchObject({ orgId: 'org_acme', authVia: 'service_account' });
      const [minted] = (await (await db()).select().from(auditEvents).where(and(eq(auditEvents.userId, 'usr_bob'), eq(auditEvents.result, 'minted'))));
      expect(minted).toMatchObject({ orgId: 'org_acme', appId: DASHBOARD, detail: `grant ${grant.id}` });
    });

    it('a member the rule leaves out, approved, opens it with her own role; a grant mint is still one database round trip', async () => {
      expect((await gw.client.mint(ONBOARDING, { bearer: carolAcmeToken })).status).toBe(404);
      await ask('usr_carol', ONBOARDING, 'I run onboarding now');
      const request = (await pendingOf('usr_carol', ONBOARDING))!;
      expect(request.member).toBe(true);
      expect((await approve(request.id, null)).status).toBe(200);
      await gw.client.mint(ONBOARDING, { bearer: carolAcmeToken });
      let statements = 0;
      observeStatements(() => statements++);
      let token: string;
      try {
        token = await mintToken(await gw.client.mint(ONBOARDING, { bearer: carolAcmeToken }));
      } finally {
        observeStatements(null);
      }
      expect(statements).toBe(1);
      expect(await gw.verify(token, ONBOARDING)).toMatchObject({ sub: 'usr_carol', org_id: 'org_acme', org_role: 'member' });
      const { grants } = (await (await api('GET', grantsOf(ONBOARDING), { token: admin })).json()) as { grants: Array<GrantDoc & { member: boolean }> };
      expect(grants).toEqual([expect.objectContaining({ user_id: 'usr_carol', member: true, ends_at: null })]);
    });

    it('a grant that ends while a token is live: the token’s exp is at most its end, the next mint is refused, and the feed names { sub, aud }', async () => {
      const token = await mintToken(await gw.client.mint(DASHBOARD, { cookie: bobCookie }));
      const [grant] = await (await db()).select().from(appGrants).where(and(eq(appGrants.userId, 'usr_bob'), eq(appGrants.appId, DASHBOARD)));
      expect(decodeJwt(token).exp!).toBeLessThanOrEqual(Math.floor(grant!.endsAt!.getTime() / 1000));
      const { cursor } = await readFeed(gw.url);
      // The grant reaches its end (its time moved, as the clock would).
      await (await db()).update(appGrants).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(appGrants.id, grant!.id));
      expect((await gw.client.mint(DASHBOARD, { cookie: bobCookie })).status).toBe(404);
      expect(await endDueGrants()).toBe(1);
      expect(await newEntries(gw.url, cursor)).toEqual([{ sub: 'usr_bob', aud: DASHBOARD }]);
      expect(await endDueGrants()).toBe(0);
      const [ended] = (await auditCodes('app_grant_ended')).filter((a) => a.detail?.startsWith(`Grant ${grant!.id}`));
      expect(ended).toMatchObject({ orgId: 'org_acme', appId: DASHBOARD, detail: `Grant ${grant!.id} of bob@globex.test ended on time` });
      expect((await listAppsForUser('usr_bob')).apps.map((a) => a.id)).not.toContain(DASHBOARD);
      const { grants } = (await (await api('GET', grantsOf(DASHBOARD), { token: admin })).json()) as { grants: GrantDoc[] };
      expect(grants.map((g) => g.id)).not.toContain(grant!.id);
    });

    it('an admin removes a grant: 204, the feed names { sub, aud } at once, the next mint is refused; again is 404', async () => {
      await ask('usr_bob', DASHBOARD, 'Once more');
      const { grant } = (await (await approve((await pendingOf('usr_bob', DASHBOARD))!.id, 86400)).json()) as { grant: GrantDoc };
      await mintToken(await gw.client.mint(DASHBOARD, { cookie: bobCookie }));
      const { cursor } = await readFeed(gw.url);
      expect((await api('DELETE', `${grantsOf(DASHBOARD)}/${grant.id}`, { token: admin })).status).toBe(204);
      expect(await newEntries(gw.url, cursor)).toEqual([{ sub: 'usr_bob', aud: DASHBOARD }]);
      expect((await gw.client.mint(DASHBOARD, { cookie: bobCookie })).status).toBe(404);
      await expectProblem(await api('DELETE', `${grantsOf(DASHBOARD)}/${grant.id}`, { token: admin }), 'not_found');
      await expectProblem(await api('DELETE', `${grantsOf(ONBOARDING)}/${grant.id}`, { token: admin }), 'not_found');
    });

    it('a member removed from the org loses her grants there: she does not come back as a guest', async () => {
      expect((await gw.client.mint(ONBOARDING, { bearer: carolAcmeToken })).status).toBe(200);
      const carolCookie = await gw.client.signIn('carol@example.test');
      expect(await changeMembership('org_acme', 'usr_carol', null)).toBe('ok');
      expect((await gw.client.mint(ONBOARDING, { cookie: carolCookie })).status).toBe(404);
      const [grant] = await (await db()).select().from(appGrants).where(and(eq(appGrants.userId, 'usr_carol'), eq(appGrants.appId, ONBOARDING)));
      expect(grant).toMatchObject({ endReason: 'member_removed', endedAt: expect.any(Date) });
      await (await db()).insert(memberships).values({ userId: 'usr_carol', orgId: 'org_acme', role: 'member' });
    });

    it('a deleted app: its grants end, its mint is 404, its requests are not taken any more', async () => {
      await ask('usr_bob', 'run_acme_plain');
      expect((await approve((await pendingOf('usr_bob', 'run_acme_plain'))!.id, null)).status).toBe(200);
      expect((await gw.client.mint('run_acme_plain', { cookie: bobCookie })).status).toBe(200);
      const apps = (await serviceAccountToken('org_acme', ['apps:write'])).token;
      expect((await api('DELETE', '/v1/orgs/org_acme/apps/run_acme_plain', { token: apps })).status).toBe(204);
      expect((await gw.client.mint('run_acme_plain', { cookie: bobCookie })).status).toBe(404);
      const [grant] = await (await db()).select().from(appGrants).where(and(eq(appGrants.userId, 'usr_bob'), eq(appGrants.appId, 'run_acme_plain')));
      expect(grant).toMatchObject({ endReason: 'app_deleted' });
      await expectProblem(await api('GET', grantsOf('run_acme_plain'), { token: admin }), 'not_found');
      expect(await ask('usr_dave', 'run_acme_plain')).toMatchObject({ ok: false, code: 'rate_limited' }); // Dave spent his day
      expect(await ask('usr_carol', 'run_acme_plain')).toMatchObject({ ok: true });
      expect(await (await db()).select().from(accessRequests).where(and(eq(accessRequests.userId, 'usr_carol'), eq(accessRequests.appId, 'run_acme_plain')))).toEqual([]);
    });
  });
}
