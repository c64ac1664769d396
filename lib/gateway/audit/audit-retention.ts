import { sql } from 'drizzle-orm';
import { databaseOpen, getDb, rowsOf } from '@/db/client';
import { env } from '@/lib/platform/config/env';
import type { PeriodicJob } from '@/lib/platform/jobs/background-jobs';
import { log } from '@/lib/platform/log';

const MONTHS_AHEAD = 3;
const LOCK_ID = 727275;

export type RetentionRun = { ran: boolean; created: string[]; dropped: string[]; deletedFromDefault: number };

const monthStart = (d: Date, add = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1));
const partitionName = (month: Date) => `audit_events_p${month.toISOString().slice(0, 7).replace('-', '')}`;

/**
 * Keeps the audit table's monthly partitions: creates the coming months', drops every month that
 * ended more than AUDIT_RETENTION_DAYS ago (whole tables, no row-by-row delete), bulk-deletes old
 * rows that fell into the default partition, and deletes outbox rows left for webhook endpoints that
 * were removed (delivery deletes each row it delivers, so nothing else accumulates). One instance at
 * a time (transaction advisory lock, safe behind PgBouncer); short lock timeout so a busy table is
 * retried next run, never waited on.
 */
export async function maintainAuditRetention(now = new Date()): Promise<RetentionRun> {
  const db = await getDb();
  const cutoff = new Date(now.getTime() - env().AUDIT_RETENTION_DAYS * 86_400_000);
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_ID}) as ok`));
    if (!lock?.ok) return { ran: false, created: [], dropped: [], deletedFromDefault: 0 };
    await tx.execute(sql`set local lock_timeout = '2s'`);
    const existing = new Set(
      rowsOf<{ name: string }>(
        await tx.execute(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'audit_events'::regclass`),
      ).map((r) => r.name),
    );
    const created: string[] = [];
    for (let i = 0; i <= MONTHS_AHEAD; i++) {
      const from = monthStart(now, i);
      const to = monthStart(now, i + 1);
      const name = partitionName(from);
      if (existing.has(name)) continue;
      // Rows of that month already in the default partition would make the new partition invalid.
      const [taken] = rowsOf<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from audit_events_default where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz`),
      );
      if (taken!.n > 0) continue;
      await tx.execute(sql.raw(`create table "${name}" partition of audit_events for values from ('${from.toISOString()}') to ('${to.toISOString()}')`));
      created.push(name);
    }
    const dropped: string[] = [];
    for (const name of existing) {
      const m = /^audit_events_p(\d{4})(\d{2})$/.exec(name);
      if (!m) continue;
      const end = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1)); // first day of the next month
      if (end > cutoff) continue;
      await tx.execute(sql.raw(`drop table "${name}"`));
      dropped.push(name);
    }
    const deleted = rowsOf<{ n: number }>(
      await tx.execute(sql`with d as (delete from audit_events_default where at < ${cutoff.toISOString()}::timestamptz returning 1) select count(*)::int as n from d`),
    );
    // Rows a mint wrote for an endpoint removed at that moment (the outbox has no foreign key).
    await tx.execute(sql`delete from webhook_deliveries d where not exists (select 1 from webhook_endpoints e where e.id = d.endpoint_id)`);
    return { ran: true, created, dropped, deletedFromDefault: deleted[0]!.n };
  });
}

/** Runs the retention at start and then every hour; logs what it changed. */
export const auditRetentionJob: PeriodicJob = {
  name: 'audit_retention',
  firstMs: 0,
  everyMs: 3_600_000,
  run: async () => {
    if (!databaseOpen()) return;
    const r = await maintainAuditRetention();
    if (r.ran && (r.created.length || r.dropped.length || r.deletedFromDefault)) {
      log.info('audit_retention', { created: r.created.join(' '), dropped: r.dropped.join(' '), deletedFromDefault: r.deletedFromDefault });
    }
  },
};
