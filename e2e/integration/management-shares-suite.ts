import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { setOrgSharing } from '@/lib/gateway/sharing/sharing-switch';
import type { DbKind } from './harness/databases';
import { expectProblem } from './harness/expect-problem';
import { APP_URL, gatewayForSuite } from './harness/gateway-fixture';
import { apiToken, managementApi, serviceAccountToken } from './harness/management';

const SHARES = '/v1/orgs/org_acme/apps/run_acme_dashboard/shares';
type Share = { id: string; url: string; expires_at: string; max_uses: number | null; app_id: string };

/** SPEC §15's share links through the management API (scope shares:write): create, list, revoke, and every refusal. */
export function describeManagementShares(kind: DbKind) {
  describe(`management API: share links on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let api: ReturnType<typeof managementApi>;
    let sharer: string;
    let appsOnly: string;

    beforeAll(async () => {
      api = managementApi(gw.url);
      sharer = (await serviceAccountToken('org_acme', ['shares:write'])).token;
      appsOnly = (await serviceAccountToken('org_acme', ['apps:read', 'apps:write'])).token;
    });

    it('POST creates a link (201, Location, the URL once, 7 days by default); GET lists it with uses and state; DELETE revokes it (204)', async () => {
      const res = await api('POST', SHARES, { token: sharer, body: {} });
      expect(res.status).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const share = (await res.json()) as Share;
      expect(share).toMatchObject({ app_id: 'run_acme_dashboard', max_uses: null });
      expect(share.id).toMatch(/^shr_/);
      expect(share.url).toMatch(new RegExp(`^${APP_URL}/s/[A-Za-z0-9_-]{43}$`));
      expect(res.headers.get('location')).toBe(`${APP_URL}${SHARES}/${share.id}`);
      expect(Math.round((Date.parse(share.expires_at) - Date.now()) / 86400_000)).toBe(7);

      const listed = await api('GET', SHARES, { token: sharer });
      expect(listed.status).toBe(200);
      const { shares } = (await listed.json()) as { shares: Array<Record<string, unknown>> };
      const mine = shares.find((s) => s.id === share.id)!;
      expect(mine).toMatchObject({ state: 'active', uses: 0, last_used_at: null, revoked_at: null, expires_at: share.expires_at });
      expect(JSON.stringify(shares)).not.toContain(share.url.split('/s/')[1]);

      expect((await api('DELETE', `${SHARES}/${share.id}`, { token: sharer })).status).toBe(204);
      const after = ((await (await api('GET', SHARES, { token: sharer })).json()) as { shares: Array<Record<string, unknown>> }).shares;
      expect(after.find((s) => s.id === share.id)).toMatchObject({ state: 'revoked' });
      expect((await fetch(`${gw.url}/s/${share.url.split('/s/')[1]}`)).status).toBe(404);
      // Again: still revoked, the same answer.
      expect((await api('DELETE', `${SHARES}/${share.id}`, { token: sharer })).status).toBe(204);
    });

    it('expiry and a maximum are checked: 422 names each bad field; an unknown field too', async () => {
      const ok = await api('POST', SHARES, { token: sharer, body: { expires_in: 60, max_uses: 2 } });
      expect(ok.status).toBe(201);
      expect(await ok.json()).toMatchObject({ max_uses: 2 });
      const bad = await expectProblem(await api('POST', SHARES, { token: sharer, body: { expires_in: 59, max_uses: 0 } }), 'validation_failed');
      expect((bad.errors as Array<{ pointer: string }>).map((e) => e.pointer).sort()).toEqual(['#/expires_in', '#/max_uses']);
      const tooLong = await expectProblem(await api('POST', SHARES, { token: sharer, body: { expires_in: 30 * 86400 + 1 } }), 'validation_failed');
      expect(tooLong.errors).toEqual([{ pointer: '#/expires_in', detail: expect.any(String) }]);
      const unknown = await expectProblem(await api('POST', SHARES, { token: sharer, body: { secret: 'mine' } }), 'validation_failed');
      expect(unknown.errors).toEqual([{ pointer: '#/secret', detail: 'Unknown field.' }]);
    });

    it('needs shares:write (403 insufficient_scope), a token (401), the org’s own paths (404) and its sharing switch (409 sharing_disabled)', async () => {
      const scope = await api('POST', SHARES, { token: appsOnly, body: {} });
      expect(scope.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="shares:write"');
      await expectProblem(scope, 'insufficient_scope');
      await expectProblem(await api('GET', SHARES, { token: appsOnly }), 'insufficient_scope');
      await expectProblem(await api('POST', SHARES, { body: {} }), 'unauthenticated');
      await expectProblem(await api('POST', '/v1/orgs/org_globex/apps/run_globex_tracker/shares', { token: sharer, body: {} }), 'not_found');
      await expectProblem(await api('POST', '/v1/orgs/org_acme/apps/run_globex_tracker/shares', { token: sharer, body: {} }), 'not_found');
      await expectProblem(await api('DELETE', `${SHARES}/shr_${'x'.repeat(24)}`, { token: sharer }), 'not_found');
      // An admin's API token with shares:write works too.
      const alice = (await apiToken('usr_alice', 'org_acme', ['shares:write'])).token;
      expect((await api('POST', SHARES, { token: alice, body: {} })).status).toBe(201);

      await setOrgSharing({ orgId: 'org_acme', level: 'off', actor: OPERATOR });
      await expectProblem(await api('POST', SHARES, { token: sharer, body: {} }), 'sharing_disabled');
      await setOrgSharing({ orgId: 'org_acme', level: 'links_and_public', actor: OPERATOR });
    });
  });
}
