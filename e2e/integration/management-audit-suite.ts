import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS } from '@/lib/gateway/audit/audit-filters';
import { auditCsvStream } from '@/lib/gateway/audit/audit-csv';
import { listAuditEvents } from '@/lib/gateway/audit/audit-log';
import { deliverDueWebhooks } from '@/lib/gateway/webhooks/deliver';
import { addWebhook } from '@/lib/gateway/webhooks/endpoints';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { createAppCredential, listAppCredentials } from '@/lib/gateway/exchange/credentials';
import { openPublicApp } from '@/lib/gateway/sharing/public-guests';
import { createShareLink, listShareLinks } from '@/lib/gateway/sharing/share-links';
import type { DbKind } from './harness/databases';
import { expectProblem } from './harness/expect-problem';
import { newEntries, readFeed } from './harness/feed';
import { expectLateCommitsPaged } from './harness/late-commits';
import { startGateway, type Gateway } from './harness/gateway-fixture';
import { apiToken, managementApi, serviceAccountToken } from './harness/management';
import { startWebhookReceiver } from './harness/webhook-receiver';

type Event = Record<string, string | null> & { id: string; code: string };
type Page = { events: Event[]; cursor: string };

const ORG = '/v1/orgs/org_acme';

/** SPEC §14's audit endpoint and what every write leaves behind: actor in the log, CSV and webhooks; the feed entry of a deleted app. */
export function describeManagementAudit(kind: DbKind) {
  describe(`management API: audit and revocations on ${kind}`, () => {
    let gw: Gateway;
    let api: ReturnType<typeof managementApi>;
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
    let pipeline: { id: string; tokenId: string; token: string };
    let auditor: string;
    const page = async (after?: string, limit?: number): Promise<Page> => {
      const q = new URLSearchParams();
      if (after !== undefined) q.set('after', after);
      if (limit !== undefined) q.set('limit', String(limit));
      const res = await api('GET', `${ORG}/audit?${q}`, { token: auditor });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as Page;
    };

    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      gw = await startGateway(kind, { LOG_LEVEL: 'error' });
      api = managementApi(gw.url);
      pipeline = await serviceAccountToken('org_acme', ['apps:read', 'apps:write'], 'Run registrar');
      auditor = (await serviceAccountToken('org_acme', ['audit:read'])).token;
    });
    afterAll(async () => {
      await gw?.stop();
      await receiver?.close();
    });

    it('every write names its actor: a service account or a person, in the API, the console’s log, the CSV and the webhooks', async () => {
      await addWebhook({ orgId: 'org_acme', url: receiver.url('/acme') });
      const start = (await page()).cursor;
      const id = `run_audit_${kind}`;
      expect((await api('POST', `${ORG}/apps`, { token: pipeline.token, body: { id, workflow_id: 'wf_acme_reports', title: 'Audited', artifact_url: `http://run-audit-${kind}.apps.localhost:3100/` } })).status).toBe(201);
      const alice = await apiToken('usr_alice', 'org_acme', ['apps:write']);
      expect((await api('PATCH', `${ORG}/apps/${id}`, { token: alice.token, body: { title: 'Audited twice', access: { rule: 'admins' } } })).status).toBe(200);

      const events = (await page(start)).events;
      expect(events.map((e) => e.code)).toEqual(['app_registered', 'app_updated', 'access_rule_changed']);
      expect(events[0]).toMatchObject({ result: 'changed', auth_via: 'service_account', service_account_id: pipeline.id, api_token_id: pipeline.tokenId, user_id: null, app_id: id, org_id: 'org_acme' });
      expect(events[0]!.detail).toContain('Registered “Audited”');
      for (const e of events.slice(1)) expect(e).toMatchObject({ auth_via: 'api_token', user_id: 'usr_alice', api_token_id: alice.id, service_account_id: null });
      expect(events[1]!.detail).toBe('Saved: title “Audited” → “Audited twice”');
      expect(events[2]!.detail).toBe('Who can open: everyone in the org → admins only');

      const consoleRows = (await listAuditEvents('org_acme', { ...NO_FILTERS, appId: id }, null)).rows;
      expect(consoleRows.at(-1)).toMatchObject({ code: 'app_registered', serviceAccountId: pipeline.id, serviceAccountName: 'Run registrar', authVia: 'service_account', userId: null });
      const csv = await new Response(auditCsvStream('org_acme', { ...NO_FILTERS, appId: id })).text();
      expect(csv.split('\r\n')[0]).toContain('"service_account_id","service_account_name"');
      expect(csv).toMatch(new RegExp(`"app_registered".*"${pipeline.id}","Run registrar"`));

      await deliverDueWebhooks();
      const delivered = receiver.state.received.map((r) => JSON.parse(r.body) as { type: string; data: Event });
      const mine = delivered.filter((d) => d.data.app_id === id);
      expect(mine.map((d) => [d.type, d.data.code, d.data.service_account_id ?? d.data.user_id])).toEqual([
        ['audit.changed', 'app_registered', pipeline.id],
        ['audit.changed', 'app_updated', 'usr_alice'],
        ['audit.changed', 'access_rule_changed', 'usr_alice'],
      ]);
      expect(mine.map((d) => d.data.id)).toEqual(events.map((e) => e.id));
    });

    it('pages of any size, walked by cursor, give every event once, in order; only the org’s own', async () => {
      await gw.client.mint('run_globex_tracker', { bearer: (await apiToken('usr_bob', 'org_globex', ['mint'])).token });
      const everything = (await page()).events;
      expect(everything.length).toBeGreaterThan(3);
      expect(everything.every((e) => e.org_id === 'org_acme')).toBe(true);
      for (const size of [1, 2]) {
        const seen: Event[] = [];
        let cursor: string | undefined;
        for (;;) {
          const p = await page(cursor, size);
          if (p.events.length === 0) {
            expect(p.cursor).toBe(cursor);
            break;
          }
          expect(p.events.length).toBeLessThanOrEqual(size);
          seen.push(...p.events);
          cursor = p.cursor;
        }
        expect(seen).toEqual(everything);
      }
    });

    it('a malformed cursor or limit is 400; audit:read is needed; 404 for another org', async () => {
      for (const q of ['after=x', 'after=1_', 'after=01_2', 'after=1_2&after=3_4', 'limit=0', 'limit=1001', 'limit=abc', `after=${'9'.repeat(5000)}`]) {
        await expectProblem(await api('GET', `${ORG}/audit?${q}`, { token: auditor }), 'invalid_request');
      }
      await expectProblem(await api('GET', `${ORG}/audit`, { token: pipeline.token }), 'insufficient_scope');
      await expectProblem(await api('GET', '/v1/orgs/org_globex/audit', { token: auditor }), 'not_found');
      const max = '9223372036854775807_9223372036854775807';
      expect(await page(max)).toEqual({ events: [], cursor: max });
    });

    it('deleting an app writes its { "aud" } revocation entry in the same transaction', async () => {
      const id = `run_feed_${kind}`;
      expect((await api('POST', `${ORG}/apps`, { token: pipeline.token, body: { id, workflow_id: 'wf_acme_reports', title: 'Short-lived' } })).status).toBe(201);
      const { cursor } = await readFeed(gw.url);
      expect((await api('DELETE', `${ORG}/apps/${id}`, { token: pipeline.token })).status).toBe(204);
      expect(await newEntries(gw.url, cursor)).toEqual([{ aud: id }]);
      const last = (await page()).events.at(-1)!;
      expect(last).toMatchObject({ code: 'app_deleted', app_id: id, service_account_id: pipeline.id });
    });

    it('deleting an app ends its share links, public guest sessions and client secrets, with their feed entries; making it private ends its public guests', async () => {
      const sharer = (await serviceAccountToken('org_acme', ['apps:write', 'shares:write'])).token;
      const id = `run_ends_${kind}`;
      expect((await api('POST', `${ORG}/apps`, { token: sharer, body: { id, workflow_id: 'wf_acme_reports', title: 'Shown around', visibility: 'public' } })).status).toBe(201);
      const guest = async () => (await openPublicApp({ appId: id, userId: null, currentGuestSecret: null, ip: null, userAgent: null }))!.guestSessionId;
      const first = await guest();
      let { cursor } = await readFeed(gw.url);
      expect((await api('PATCH', `${ORG}/apps/${id}`, { token: sharer, body: { visibility: null } })).status).toBe(200);
      expect(await newEntries(gw.url, cursor)).toEqual([{ sid: first }]);
      expect((await page()).events.at(-1)).toMatchObject({ code: 'app_updated', detail: 'Saved: public → login required (1 public guest session ended)' });

      expect((await api('PATCH', `${ORG}/apps/${id}`, { token: sharer, body: { visibility: 'public' } })).status).toBe(200);
      const second = await guest();
      const link = await createShareLink({ orgId: 'org_acme', appId: id, input: { expiresInSeconds: 3600, maxUses: null }, actor: OPERATOR, ip: null, userAgent: null });
      expect(link.ok).toBe(true);
      const secret = await createAppCredential({ appId: id, orgId: 'org_acme', actor: OPERATOR });
      expect(secret.ok).toBe(true);
      ({ cursor } = await readFeed(gw.url));
      expect((await api('DELETE', `${ORG}/apps/${id}`, { token: sharer })).status).toBe(204);
      expect(await newEntries(gw.url, cursor)).toEqual([{ sid: second }, { aud: id }]);
      expect((await listShareLinks('org_acme', id))?.map((l) => l.state) ?? []).not.toContain('active');
      expect((await listAppCredentials(id, 'org_acme')).every((c) => c.revokedAt !== null)).toBe(true);
      expect((await page()).events.at(-1)).toMatchObject({ code: 'app_deleted', detail: 'Deleted “Shown around”; ended 1 share link, 1 guest session, 1 client secret' });
    });

    if (kind === 'postgres') {
      it('two writers at once: a late commit of an earlier id is neither skipped nor repeated', async () => {
        await expectLateCommitsPaged(
          (sql, code) => sql`insert into audit_events (result, code, org_id) values ('changed', ${code}, 'org_acme')`,
          async (cursor) => {
            const p = await page(cursor);
            return { names: p.events.map((e) => e.code), cursor: p.cursor };
          },
        );
      });
    }
  });
}
