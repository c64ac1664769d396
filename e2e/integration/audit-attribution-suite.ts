import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import type { DbKind } from './harness/databases';
import { signInDemoPeople } from './harness/people';
import { APP_URL, gatewayForSuite } from './harness/gateway-fixture';

/** Who an audit row belongs to (issue #11 item 2, #12 item 1), against one kind of database. */
export function describeAuditAttribution(kind: DbKind) {
  describe(`audit attribution on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    const cookies: Record<string, string> = {};
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      Object.assign(cookies, await signInDemoPeople(gw));
      tokens.alice = (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).token;
    });

    it('attributes a denial to the app’s org only when the caller is an authenticated member of it', async () => {
      const db = await getDb();
      const last = async () => (await db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0]!;
      const outsider = { 'user-agent': 'Mozilla;=cmd|calc', origin: APP_URL };
      // Outsiders: unknown and malformed bearer tokens, no credentials, another org's member, a stranger, a CSRF attempt.
      for (const init of [
        { bearer: `agw_${'B'.repeat(43)}`, body: '{"workflowId":"wf_attacker_chosen"}' },
        { bearer: 'not-even-a-token' },
        {},
        { cookie: cookies.bob },
        { cookie: cookies.dave },
        { cookie: cookies.alice, headers: { origin: 'https://evil.example' } },
      ]) {
        const res = await gw.client.mint('run_acme_dashboard', { ...init, headers: { ...outsider, ...init.headers } });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(await last()).toMatchObject({ result: 'denied', appId: 'run_acme_dashboard', orgId: null });
      }
      // Members of Acme: their own denials are Acme's to see.
      await gw.client.mint('run_acme_dashboard', { cookie: cookies.carol });
      expect(await last()).toMatchObject({ code: 'org_mismatch', userId: 'usr_carol', orgId: 'org_acme' });
      await gw.client.mint('run_acme_dashboard', { bearer: tokens.alice, body: '{"workflowId":"wf_acme_onboarding"}' });
      expect(await last()).toMatchObject({ code: 'not_found', userId: 'usr_alice', orgId: 'org_acme' });
      const acme = await db.select().from(auditEvents).where(eq(auditEvents.orgId, 'org_acme'));
      expect(acme.some((r) => r.userAgent === outsider['user-agent'] || r.workflowId === 'wf_attacker_chosen')).toBe(false);
    });

    it('a copy of a signed-out member’s cookie is no longer a member: its denial is the platform’s', async () => {
      const db = await getDb();
      const copied = await gw.client.signIn('alice@acme.test');
      await gw.client.signOut(copied);
      expect((await gw.client.mint('run_acme_dashboard', { cookie: copied })).status).toBe(401);
      const [row] = await db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
      expect(row).toMatchObject({ result: 'denied', code: 'unauthenticated', appId: 'run_acme_dashboard', orgId: null });
    });

    it('records a malformed app id the same way before the mint statement and in it', async () => {
      const db = await getDb();
      const last = async () => (await db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0]!;
      await gw.client.mint('run acme\u0007', { cookie: cookies.alice, body: '{' });
      const before = await last();
      await gw.client.mint('run acme\u0007', { cookie: cookies.alice });
      const inStatement = await last();
      expect(before).toMatchObject({ code: 'invalid_request', appId: '!run acme?' });
      expect(inStatement).toMatchObject({ code: 'not_found', appId: '!run acme?' });
    });
  });
}
