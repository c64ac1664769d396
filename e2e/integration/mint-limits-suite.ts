// The mint endpoint's other refusals (404, 405/413/415, 429, 503), its audit rows and round trips;
// run by mint-suite.ts inside its gateway, on both databases.
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, observeStatements } from '@/db/client';
import { auditEvents, memberships, mintRateWindow, runs, users, workflows } from '@/db/schema';
import { expectProblem } from './harness/expect-problem';
import type { Gateway } from './harness/gateway-fixture';

/** The suite's rate limit (mint-suite.ts starts the gateway with it). */
export const RATE_LIMIT = 25;

export type MintSuiteContext = { readonly gw: Gateway; cookies: Record<string, string>; tokens: Record<string, string> };

export function describeMintLimits(ctx: MintSuiteContext) {
  describe('404 not_found, one identical body', () => {
    it('for a missing app, another org’s app, a deleted app and a foreign or wrong workflow', async () => {
      const db = await getDb();
      await db.insert(runs).values({ id: 'run_acme_deleted', orgId: 'org_acme', workflowId: 'wf_acme_reports', title: 'Old', deletedAt: new Date() });
      const bodies = await Promise.all([
        ctx.gw.client.mint('run_does_not_exist', { cookie: ctx.cookies.alice }),
        ctx.gw.client.mint('run_globex_tracker', { cookie: ctx.cookies.alice }),
        ctx.gw.client.mint('run_acme_dashboard', { cookie: ctx.cookies.bob }),
        ctx.gw.client.mint('run_acme_dashboard', { cookie: ctx.cookies.dave }),
        ctx.gw.client.mint('run_acme_deleted', { cookie: ctx.cookies.alice }),
        ctx.gw.client.mint('run_acme_dashboard', { cookie: ctx.cookies.alice, body: '{"workflowId":"wf_acme_onboarding"}' }),
        ctx.gw.client.mint('run_acme_dashboard', { cookie: ctx.cookies.alice, body: '{"workflowId":"wf_globex_ops"}' }),
        ctx.gw.client.mint('run_acme_dashboard', { bearer: ctx.tokens.alice, body: '{"workflowId":"wf_nope"}' }),
        ctx.gw.client.mint('..%2F..%2Fetc%2Fpasswd', { cookie: ctx.cookies.alice }),
        ctx.gw.client.mint('run_acme_dashboard%00', { cookie: ctx.cookies.alice }),
      ].map(async (p) => {
        const res = await p;
        expect(res.status).toBe(404);
        const text = await res.text();
        // The one per-request difference: the request id, same length, last, unrelated to the cause.
        const instance = `"instance":"urn:uuid:${res.headers.get('x-request-id')}"}`;
        expect(text.endsWith(instance)).toBe(true);
        return { text, rest: text.slice(0, -instance.length) };
      }));
      expect(new Set(bodies.map((b) => b.rest)).size).toBe(1);
      expect(new Set(bodies.map((b) => b.text.length)).size).toBe(1);
      expect(JSON.parse(bodies[0]!.text)).toMatchObject({ code: 'not_found', status: 404 });
    });

    it('a removed member is refused at the very next mint', async () => {
      const db = await getDb();
      await db.insert(users).values({ id: 'usr_temp', email: 'temp@acme.test', name: 'Temp', passwordHash: (await db.select().from(users).where(eq(users.id, 'usr_alice')))[0]!.passwordHash, lastActiveOrgId: 'org_acme' });
      await db.insert(memberships).values({ userId: 'usr_temp', orgId: 'org_acme', role: 'member' });
      const cookie = await ctx.gw.client.signIn('temp@acme.test');
      expect((await ctx.gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(200);
      await db.delete(memberships).where(and(eq(memberships.userId, 'usr_temp'), eq(memberships.orgId, 'org_acme')));
      await expectProblem(await ctx.gw.client.mint('run_acme_dashboard', { cookie }), 'not_found');
    });
  });

  describe('405, 413, 415', () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      it(`${method} → 405 with Allow: POST`, async () => {
        const res = await ctx.gw.client.mint('run_acme_dashboard', { method, cookie: ctx.cookies.alice });
        expect(res.headers.get('allow')).toBe('POST');
        await expectProblem(res, 'method_not_allowed');
      });
    }
    it('a body over 4 KiB → 413', async () => {
      const body = JSON.stringify({ workflowId: 'x'.repeat(5000) });
      await expectProblem(await ctx.gw.client.mint('run_acme_dashboard', { cookie: ctx.cookies.alice, body }), 'payload_too_large');
    });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      it(`${type} → 415`, async () => {
        await expectProblem(await ctx.gw.client.mint('run_acme_dashboard', { cookie: ctx.cookies.alice, headers: { 'content-type': type } }), 'unsupported_media_type');
      });
    }
  });

  describe('429 rate_limited', () => {
    it(`after ${RATE_LIMIT} mints a minute per viewer and app, with Retry-After`, async () => {
      for (let i = 0; i < RATE_LIMIT; i++) expect((await ctx.gw.client.mint('run_acme_onboarding', { bearer: ctx.tokens.carolAcme })).status).toBe(200);
      const res = await ctx.gw.client.mint('run_acme_onboarding', { bearer: ctx.tokens.carolAcme });
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      await expectProblem(res, 'rate_limited');
      // another app of the same viewer is not limited
      expect((await ctx.gw.client.mint('run_acme_public', { bearer: ctx.tokens.carolAcme })).status).toBe(200);
    });

    it('counts in a window that keeps only the last minutes: pruning drops older rows, never the current minute', async () => {
      const { pruneRateWindow } = await import('@/lib/gateway/mint/rate-window');
      const db = await getDb();
      await db.insert(mintRateWindow).values({ userId: 'usr_carol', appId: 'run_acme_onboarding', at: new Date(Date.now() - 10 * 60_000) });
      await pruneRateWindow();
      const left = await db.select().from(mintRateWindow).where(eq(mintRateWindow.userId, 'usr_carol'));
      expect(left.every((r) => r.at.getTime() > Date.now() - 2 * 60_000 - 5_000)).toBe(true);
      // The minute's mints are still counted after pruning: carol stays limited on that app.
      await expectProblem(await ctx.gw.client.mint('run_acme_onboarding', { bearer: ctx.tokens.carolAcme }), 'rate_limited');
    });
  });

  describe('503 unavailable: fail closed', () => {
    it('when the signing key was revoked and none replaced it, then recovers once one is', async () => {
      const { signingKeys } = await import('@/db/schema');
      const { ensureSigningKey } = await import('@/lib/gateway/keys/rotation');
      const db = await getDb();
      await db.update(signingKeys).set({ revokedAt: new Date() });
      const res = await ctx.gw.client.mint('run_acme_dashboard', { cookie: ctx.cookies.alice });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      await expectProblem(res, 'unavailable');
      const again = await ctx.gw.client.mint('run_acme_dashboard', { cookie: ctx.cookies.alice });
      await expectProblem(again, 'unavailable');
      await ensureSigningKey();
      expect((await ctx.gw.client.mint('run_acme_dashboard', { cookie: ctx.cookies.alice })).status).toBe(200);
    });
  });

  describe('audit and round trips', () => {
    it('writes one audit row per mint and per denial, never the token', async () => {
      const db = await getDb();
      const before = (await db.select({ n: count() }).from(auditEvents))[0]!.n;
      const ok = await ctx.gw.client.mint('run_acme_dashboard', { bearer: ctx.tokens.alice, headers: { 'user-agent': 'audit-test' } });
      const { token } = (await ok.json()) as { token: string };
      await ctx.gw.client.mint('run_globex_tracker', { bearer: ctx.tokens.alice });
      await ctx.gw.client.mint('run_acme_dashboard', { body: '{' });
      await ctx.gw.client.mint('run_acme_dashboard', {});
      const rows = await db.select().from(auditEvents).orderBy(auditEvents.id);
      expect(rows.length - before).toBe(4);
      const [minted, notFound, bad, anon] = rows.slice(-4);
      const claims = await ctx.gw.verify(token, 'run_acme_dashboard');
      expect(minted).toMatchObject({ result: 'minted', code: 'minted', userId: 'usr_alice', authVia: 'api_token', appId: 'run_acme_dashboard', orgId: 'org_acme', workflowId: 'wf_acme_reports', jti: claims.jti, userAgent: 'audit-test' });
      expect(minted!.apiTokenId).toMatch(/^tok_/);
      expect(minted!.ip).toBeTruthy();
      expect(notFound).toMatchObject({ result: 'denied', code: 'not_found', userId: 'usr_alice', appId: 'run_globex_tracker', orgId: null });
      expect(bad).toMatchObject({ result: 'denied', code: 'invalid_request', orgId: null });
      expect(anon).toMatchObject({ result: 'denied', code: 'unauthenticated', orgId: null });
      expect(JSON.stringify(rows)).not.toContain(token.split('.')[2]);
    });

    it('one database round trip per mint, with an API token and with a session cookie', async () => {
      await ctx.gw.client.mint('run_acme_public', { bearer: ctx.tokens.alice });
      let statements = 0;
      observeStatements(() => statements++);
      try {
        expect((await ctx.gw.client.mint('run_acme_public', { bearer: ctx.tokens.alice })).status).toBe(200);
        expect(statements).toBe(1);
        statements = 0;
        expect((await ctx.gw.client.mint('run_acme_public', { cookie: ctx.cookies.alice })).status).toBe(200);
        expect(statements).toBe(1);
      } finally {
        observeStatements(null);
      }
    });
  });

  describe('workflows belong to the org', () => {
    it('a workflow of the org that is not the run’s is refused', async () => {
      const [wf] = await (await getDb()).select().from(workflows).where(eq(workflows.id, 'wf_acme_onboarding'));
      expect(wf!.orgId).toBe('org_acme');
      await expectProblem(await ctx.gw.client.mint('run_acme_dashboard', { bearer: ctx.tokens.alice, body: JSON.stringify({ workflowId: wf!.id }) }), 'not_found');
    });
  });
}
