import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { maintainAuditRetention } from '@/lib/gateway/audit/audit-retention';
import type { DbKind } from './harness/databases';
import { gatewayForSuite } from './harness/gateway-fixture';
import { ok } from './harness/ok';

const DAY = 86_400_000;

/** Audit retention (AUDIT_RETENTION_DAYS=400): monthly partitions of audit_events dropped whole. */
export function describeAuditRetention(kind: DbKind) {
  describe(`audit retention (${kind})`, () => {
    const gw = gatewayForSuite(kind, { AUDIT_RETENTION_DAYS: '400' });

    const partitions = async () =>
      rowsOf<{ name: string }>(
        await (await getDb()).execute(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'audit_events'::regclass order by 1`),
      ).map((r) => r.name);
    const insertAt = async (code: string, at: Date) =>
      (await getDb()).execute(sql`insert into audit_events (at, result, code, org_id) values (${at.toISOString()}::timestamptz, 'denied', ${code}, 'org_acme')`);
    const codes = async () =>
      rowsOf<{ code: string }>(await (await getDb()).execute(sql`select code from audit_events where code like 'retention_%' order by code`)).map((r) => r.code);

    it('the audit table is partitioned by month, three months ahead, with a default partition', async () => {
      const names = await partitions();
      expect(names).toContain('audit_events_default');
      const month = (add: number) => {
        const d = new Date();
        return `audit_events_p${new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1)).toISOString().slice(0, 7).replace('-', '')}`;
      };
      for (const add of [0, 1, 2, 3]) expect(names).toContain(month(add));
    });

    it('drops months past the retention whole, bulk-deletes old rows of the default partition, keeps the rest; mints still work and are audited', async () => {
      const now = new Date();
      await insertAt('retention_a_now', now);
      await insertAt('retention_b_in_60_days', new Date(now.getTime() + 60 * DAY));
      await insertAt('retention_c_two_years_ago', new Date(now.getTime() - 730 * DAY));
      expect(await codes()).toEqual(['retention_a_now', 'retention_b_in_60_days', 'retention_c_two_years_ago']);
      const thisMonth = (await partitions()).find((n) => n === `audit_events_p${now.toISOString().slice(0, 7).replace('-', '')}`)!;

      // 450 days from now, the cutoff is 50 days from now: this month has ended before it, the month of B has not.
      const run = await maintainAuditRetention(new Date(now.getTime() + 450 * DAY));
      expect(run.ran).toBe(true);
      expect(run.dropped).toContain(thisMonth);
      expect(run.deletedFromDefault).toBeGreaterThanOrEqual(1);
      expect(await codes()).toEqual(['retention_b_in_60_days']);
      expect(await partitions()).not.toContain(thisMonth);

      const { token } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
      expect((await gw.client.mint('run_acme_dashboard', { bearer: token })).status).toBe(200);
      const [minted] = rowsOf<{ n: number }>(await (await getDb()).execute(sql`select count(*)::int as n from audit_events where result = 'minted'`));
      expect(minted!.n).toBe(1);
    });

    it('deletes outbox rows whose endpoint is gone (a mint racing the endpoint\'s removal) and keeps the others', async () => {
      const { addWebhook, removeWebhook } = await import('@/lib/gateway/webhooks/endpoints');
      const kept = ok(await addWebhook({ orgId: 'org_acme', url: 'http://127.0.0.1:9/kept' }));
      const db = await getDb();
      await db.execute(sql`insert into webhook_deliveries (endpoint_id, event_id, event_at) values (${kept.id}, 1, now()), ('whk_removed_meanwhile', 2, now())`);
      const pendingFor = async () =>
        rowsOf<{ endpoint_id: string }>(await db.execute(sql`select endpoint_id from webhook_deliveries order by endpoint_id`)).map((r) => r.endpoint_id);
      // Endpoint ids are random: compare as sets.
      expect((await pendingFor()).sort()).toEqual([kept.id, 'whk_removed_meanwhile'].sort());
      await maintainAuditRetention();
      expect(await pendingFor()).toEqual([kept.id]);
      expect(await removeWebhook(kept.id)).toBe(true);
      expect(await pendingFor()).toEqual([]);
    });

    it('a second run at the same date creates and drops nothing more', async () => {
      const run = await maintainAuditRetention(new Date(Date.now() + 450 * DAY));
      expect(run).toMatchObject({ ran: true, created: [], dropped: [] });
    });
  });
}
