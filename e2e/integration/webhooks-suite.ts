import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { deliverDueWebhooks } from '@/lib/gateway/webhooks/deliver';
import { webhookPolicy } from '@/lib/gateway/webhooks/endpoint-url';
import { addWebhook, listWebhooks, removeWebhook } from '@/lib/gateway/webhooks/endpoints';
import { DeliveryFailureLog } from '@/lib/gateway/webhooks/failure-log';
import type { DbKind } from './harness/databases';
import { startGateway, type Gateway } from './harness/gateway-fixture';
import { logged } from './harness/logged';
import { webhookRowCells } from './harness/webhooks-page';
import { ok } from './harness/ok';

type Received = { headers: Record<string, string>; body: string };

/** A webhook receiver that can be down (503), slow, or hold its answers until something happens, keeping what it accepted. */
async function startReceiver() {
  const state = {
    down: false, delayMs: 0, received: [] as Received[], arrived: 0, inFlight: 0, maxInFlight: 0,
    holdUntil: null as null | (() => boolean), held: [] as ('released' | 'gave up')[],
  };
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    state.arrived++;
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((r) => setTimeout(r, state.delayMs));
    if (state.holdUntil) {
      const giveUpAt = Date.now() + 5000;
      while (!state.holdUntil() && Date.now() < giveUpAt) await new Promise((r) => setTimeout(r, 10));
      state.held.push(state.holdUntil() ? 'released' : 'gave up');
    }
    state.inFlight--;
    if (state.down) return void res.writeHead(503).end();
    state.received.push({ headers: req.headers as Record<string, string>, body });
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/audit`, close: () => new Promise((r) => server.close(r)) };
}

export function describeWebhooks(kind: DbKind) {
  describe(`audit webhooks (${kind})`, () => {
    let gw: Gateway;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let hook: { id: string; secret: string };
    let apiToken = '';
    const timePasses = async () => (await getDb()).execute(sql`update webhook_deliveries set next_attempt_at = now()`);
    const mint = () => gw.client.mint('run_acme_dashboard', { bearer: apiToken });
    const auditIds = async () =>
      rowsOf<{ event_id: string }>(await (await getDb()).execute(sql`select id::text as event_id from audit_events where org_id = 'org_acme' order by id`)).map((r) => r.event_id);
    const receivedIds = () => receiver.state.received.map((r) => (JSON.parse(r.body) as { data: { id: string } }).data.id);

    beforeAll(async () => {
      receiver = await startReceiver();
      gw = await startGateway(kind, { RATE_LIMIT_MINTS_PER_MINUTE: '0', LOG_LEVEL: 'warn' });
      hook = ok(await addWebhook({ orgId: 'org_acme', url: receiver.url }));
      apiToken = (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).token;
    });
    afterAll(async () => {
      await gw?.stop();
      await receiver?.close();
    });

    it('a receiver that is down gets nothing and the console shows why; back up, it gets every event once, in order, signed per Standard Webhooks', async () => {
      receiver.state.down = true;
      for (let i = 0; i < 3; i++) expect((await mint()).status).toBe(200);
      expect(await deliverDueWebhooks()).toBe(0);
      expect(await deliverDueWebhooks()).toBe(0); // retried later, not at once
      const [failing] = await listWebhooks('org_acme');
      expect(failing).toMatchObject({ id: hook.id, pending: 3, lastError: 'HTTP 503', lastSuccessAt: null });

      receiver.state.down = false;
      await timePasses();
      expect(await deliverDueWebhooks()).toBe(3);
      expect(receivedIds()).toEqual(await auditIds());
      const verifier = new Webhook(hook.secret);
      for (const r of receiver.state.received) {
        expect(verifier.verify(r.body, r.headers)).toMatchObject({ type: 'audit.minted', data: { org_id: 'org_acme', user_id: 'usr_alice', result: 'minted' } });
        expect(r.headers['webhook-id']).toBe(`evt_${(JSON.parse(r.body) as { data: { id: string } }).data.id}`);
        expect(r.body).not.toContain('alice@acme.test');
      }
      expect(() => verifier.verify(receiver.state.received[0]!.body.replace('minted', 'denied'), receiver.state.received[0]!.headers)).toThrow();
      const [ok] = await listWebhooks('org_acme');
      expect(ok).toMatchObject({ pending: 0 });
      expect(ok!.lastSuccessAt).not.toBeNull();
    });

    it('an instance killed mid-delivery leaves its lease: nobody else delivers until it expires, then every event goes out once', async () => {
      receiver.state.received = [];
      for (let i = 0; i < 2; i++) expect((await mint()).status).toBe(200);
      const db = await getDb();
      await db.execute(sql`update webhook_endpoints set lease_owner = 'killed-instance', lease_until = now() + interval '60 seconds' where id = ${hook.id}`);
      expect(await deliverDueWebhooks()).toBe(0);
      await db.execute(sql`update webhook_endpoints set lease_until = now() - interval '1 second' where id = ${hook.id}`);
      expect(await deliverDueWebhooks()).toBe(2);
      expect(receivedIds()).toEqual((await auditIds()).slice(-2));
    });

    it('two deliverers at once never send the same event twice nor out of order', async () => {
      receiver.state.received = [];
      receiver.state.maxInFlight = 0;
      receiver.state.delayMs = 20;
      for (let i = 0; i < 12; i++) expect((await mint()).status).toBe(200);
      const [a, b] = await Promise.all([deliverDueWebhooks(), deliverDueWebhooks()]);
      expect(a + b).toBe(12);
      expect(receivedIds()).toEqual((await auditIds()).slice(-12));
      expect(receiver.state.maxInFlight).toBe(1);
      receiver.state.delayMs = 0;
    });

    it('another org\'s events never reach the endpoint; removing it drops its undelivered events', async () => {
      receiver.state.received = [];
      const carolGlobex = (await createApiToken({ userId: 'usr_carol', orgId: 'org_globex' })).token;
      expect((await gw.client.mint('run_globex_tracker', { bearer: carolGlobex })).status).toBe(200);
      expect(await deliverDueWebhooks()).toBe(0);
      expect(receiver.state.received).toEqual([]);
      expect((await mint()).status).toBe(200);
      expect(await removeWebhook(hook.id, 'org_globex')).toBe(false);
      expect(await removeWebhook(hook.id, 'org_acme')).toBe(true);
      expect(await deliverDueWebhooks()).toBe(0);
      expect(await listWebhooks('org_acme')).toEqual([]);
    });

    it('endpoints are delivered to side by side, each in order: one holding its answer or down holds up no other', async () => {
      const [holding, down, quick] = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
      try {
        // Each of these two answers its first request only once the other has had one: delivering one endpoint after the other never gets there.
        holding.state.holdUntil = () => quick.state.arrived > 0;
        quick.state.holdUntil = () => holding.state.arrived > 0;
        down.state.down = true;
        const hooks = [];
        for (const r of [holding, down, quick]) hooks.push(ok(await addWebhook({ orgId: 'org_acme', url: r.url })));
        for (let i = 0; i < 6; i++) expect((await mint()).status).toBe(200);
        const expected = (await auditIds()).slice(-6);
        expect(await deliverDueWebhooks()).toBe(12);
        const ids = (r: typeof quick) => r.state.received.map((x) => (JSON.parse(x.body) as { data: { id: string } }).data.id);
        expect(ids(quick)).toEqual(expected);
        expect(ids(holding)).toEqual(expected);
        expect([holding.state.held[0], quick.state.held[0]]).toEqual(['released', 'released']);
        const listed = new Map((await listWebhooks('org_acme')).map((w) => [w.id, w]));
        expect(listed.get(hooks[1]!.id)).toMatchObject({ pending: 6, lastError: 'HTTP 503' });
        expect(listed.get(hooks[2]!.id)).toMatchObject({ pending: 0 });
        for (const h of hooks) await removeWebhook(h.id, 'org_acme');
      } finally {
        await Promise.all([holding, down, quick].map((r) => r.close()));
      }
    });

    it('an endpoint whose secret cannot be opened fails alone: the others get each event once, pass after pass', async () => {
      const good = await startReceiver();
      try {
        const broken = ok(await addWebhook({ orgId: 'org_acme', url: good.url.replace('/audit', '/broken') }));
        const working = ok(await addWebhook({ orgId: 'org_acme', url: good.url }));
        const db = await getDb();
        await db.execute(sql`update webhook_endpoints set secret_sealed = 'v1.bm90.YQ.YQ' where id = ${broken.id}`);
        for (let i = 0; i < 3; i++) expect((await mint()).status).toBe(200);
        const expected = (await auditIds()).slice(-3);
        expect(await deliverDueWebhooks()).toBe(3);
        await timePasses();
        expect(await deliverDueWebhooks()).toBe(0);
        expect(good.state.received.map((x) => (JSON.parse(x.body) as { data: { id: string } }).data.id)).toEqual(expected);
        const listed = new Map((await listWebhooks('org_acme')).map((w) => [w.id, w]));
        expect(listed.get(broken.id)).toMatchObject({ pending: 3 });
        expect(listed.get(broken.id)!.lastError).toContain('secret cannot be opened');
        expect(listed.get(working.id)).toMatchObject({ pending: 0 });
        for (const h of [broken, working]) await removeWebhook(h.id, 'org_acme');
      } finally {
        await good.close();
      }
    });

    it('a receiver the network policy refuses (loopback, production) gets nothing: a warning is logged, and the webhooks page shows the refusal and when', async () => {
      const refused = await startReceiver();
      try {
        const target = ok(await addWebhook({ orgId: 'org_acme', url: refused.url })); // loopback is accepted outside production
        expect((await mint()).status).toBe(200);
        const production = { ...webhookPolicy(), production: true, allowHttp: true, allowPrivate: false };
        const lines = await logged(async () => {
          expect(await deliverDueWebhooks(production)).toBe(0);
        });
        expect(refused.state.arrived).toBe(0);
        expect(lines.filter((l) => l.event === 'webhook_delivery_failed')).toEqual([
          { time: expect.any(String), level: 'warn', event: 'webhook_delivery_failed', endpointId: target.id, orgId: 'org_acme', reason: 'address_refused', detail: 'loopback', attempt: 1, suppressed: 0 },
        ]);
        const text = JSON.stringify(lines);
        for (const secretOrBody of [target.secret, target.secret.slice(6), 'audit.minted', 'usr_alice']) expect(text).not.toContain(secretOrBody);

        const listing = await listWebhooks('org_acme');
        const shown = webhookRowCells(listing, target.id)!;
        expect(shown['State']).toBe('Retrying');
        expect(shown['Last error']).toMatch(/^refused by the network policy: loopback address \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
        await removeWebhook(target.id, 'org_acme');
      } finally {
        await refused.close();
      }
    });

    it('failed deliveries are logged at most once a minute per endpoint: the next minute\'s line says how many were left out', async () => {
      const down = await startReceiver();
      down.state.down = true;
      try {
        const target = ok(await addWebhook({ orgId: 'org_acme', url: down.url }));
        expect((await mint()).status).toBe(200);
        let now = Date.parse('2026-03-01T12:00:00Z');
        const failureLog = new DeliveryFailureLog({ now: () => now });
        const warningsOfAPass = async () => {
          await timePasses();
          const lines = await logged(async () => {
            expect(await deliverDueWebhooks(webhookPolicy(), undefined, failureLog)).toBe(0);
          });
          return lines.filter((l) => l.event === 'webhook_delivery_failed');
        };
        expect(await warningsOfAPass()).toEqual([expect.objectContaining({ level: 'warn', endpointId: target.id, reason: 'http_status', status: 503, attempt: 1, suppressed: 0 })]);
        now += 30_000;
        expect(await warningsOfAPass()).toEqual([]);
        now += 31_000;
        expect(await warningsOfAPass()).toEqual([expect.objectContaining({ level: 'warn', endpointId: target.id, reason: 'http_status', status: 503, attempt: 3, suppressed: 1 })]);
        expect(down.state.arrived).toBe(3);
        await removeWebhook(target.id, 'org_acme');
      } finally {
        await down.close();
      }
    });
  });
}
