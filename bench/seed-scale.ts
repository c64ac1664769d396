import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';

export type Scale = { apps: number; orgs: number; users: number; auditRows: number };

export const scaleFor = (apps: number): Scale => ({
  apps,
  orgs: Math.max(2, Math.round(apps / 100)),
  users: Math.max(200, Math.round(apps / 5)),
  // Ten audit rows per app at 1k apps; a hundred at 100k (ten times the first release's bench), so
  // the large run also shows what a long-kept audit log costs the mint.
  auditRows: apps >= 100_000 ? apps * 100 : apps * 10,
});

/** Audit rows are spread over this many days: a full retention period, one partition per month. */
const AUDIT_SPREAD_DAYS = 395;

/** Bulk-seeds `s` apps with proportional orgs, workflows, users, memberships and past audit rows. */
export function scaleSeedSql(s: Scale): string[] {
  return [
    `insert into orgs (id, name) select 'org_b_' || i, 'Bench org ' || i from generate_series(0, ${s.orgs - 1}) i on conflict do nothing`,
    `insert into workflows (id, org_id, name) select 'wf_b_' || i || '_' || w, 'org_b_' || i, 'Workflow ' || w from generate_series(0, ${s.orgs - 1}) i, generate_series(0, 1) w on conflict do nothing`,
    `insert into runs (id, org_id, workflow_id, title, access, artifact_url)
       select 'run_b_' || i, 'org_b_' || (i % ${s.orgs}), 'wf_b_' || (i % ${s.orgs}) || '_' || ((i / ${s.orgs}) % 2), 'Bench app ' || i, 'login_required', 'http://run-b-' || i || '.apps.localhost:3100/'
       from generate_series(0, ${s.apps - 1}) i on conflict do nothing`,
    `insert into users (id, email, name, last_active_org_id) select 'usr_b_' || i, 'bench' || i || '@bench.test', 'Bench user ' || i, 'org_b_' || (i % ${s.orgs}) from generate_series(0, ${s.users - 1}) i on conflict do nothing`,
    `insert into memberships (user_id, org_id, role) select 'usr_b_' || i, 'org_b_' || (i % ${s.orgs}), 'member' from generate_series(0, ${s.users - 1}) i on conflict do nothing`,
    // The monthly partitions a gateway in service for that long has (the retention job creates them ahead).
    `do $$ declare m date := date_trunc('month', now() - interval '${AUDIT_SPREAD_DAYS} days')::date; begin
       while m < date_trunc('month', now())::date loop
         if to_regclass('audit_events_p' || to_char(m, 'YYYYMM')) is null then
           execute format('create table %I partition of audit_events for values from (%L) to (%L)',
             'audit_events_p' || to_char(m, 'YYYYMM'), m::timestamptz, (m + interval '1 month')::timestamptz);
         end if;
         m := (m + interval '1 month')::date;
       end loop; end $$`,
    `insert into audit_events (at, result, code, user_id, auth_via, app_id, org_id, workflow_id, jti)
       select now() - interval '2 minutes' - (i % ${AUDIT_SPREAD_DAYS * 1440}) * interval '1 minute', 'minted', 'minted', 'usr_b_' || (i % ${s.users}), 'api_token',
              'run_b_' || (i % ${s.apps}), 'org_b_' || (i % ${s.orgs}), 'wf_b_0_0', md5(i::text)
       from generate_series(0, ${s.auditRows - 1}) i`,
  ];
}

/**
 * Ends every seed: a database in service has its rows vacuumed (visibility map, hint bits) and its
 * statistics current. Without it autovacuum works through the fresh rows during the measurement, and
 * a server's first connections plan the mint against tables they believe empty and keep that plan.
 */
export const SETTLE_SQL = 'vacuum (analyze)';

export async function runSql(target: { url?: string; dir?: string }, statements: string[]): Promise<void> {
  if (target.url) {
    const sql = postgres(target.url, { max: 1, onnotice: () => {} });
    for (const s of statements) await sql.unsafe(s);
    await sql.end();
  } else {
    const db = new PGlite(target.dir!);
    for (const s of statements) await db.exec(s);
    await db.close();
  }
}
