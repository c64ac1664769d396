// npx tsx bench/registration-cost.ts --servers=before:<dir>,after:<dir> [--rounds=3 --apps=2000 --clients=8]
// (via the Node 24 launcher): the management API's registration (POST /v1/orgs/{orgId}/apps, a
// service-account token, 8 clients, the body of `npm run bench -- --only=management`) on built bundles
// (`npm run bundle`'s dist/app-gateway, copied aside: one per version compared), each on a fresh
// database of the PostgreSQL server at DATABASE_URL, all servers up at once and loaded in alternating
// rounds, so that a shared machine's drifting load weighs on every side alike. Per round: apps/s,
// p50, and CPU per registration from /proc — the gateway process (all its threads), the PostgreSQL
// backends of its database, the load generator (this process) — and the machine's load average.
// Where pg_stat_statements is preloaded: each statement's calls and executor time per registration,
// and the WAL's syncs (pg_stat_wal, track_wal_io_timing); the backends' wait events are sampled
// every 20 ms. With BENCH_CPU_PROF=<dir> each server writes a CPU profile there when it stops.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { freePort } from '../e2e/integration/harness/built-server';
import { createManagementClient, type ManagementClient } from '../lib/management-client/client';
import { registerAll, WORKFLOW } from './management';
import { processCpuUs } from './process-cpu';
import { stop, waitFor } from './processes';
import { median, percentile } from './stats';
import { exitWhenDone } from './exit-when-done';

const { values } = parseArgs({
  options: { servers: { type: 'string' }, rounds: { type: 'string', default: '3' }, apps: { type: 'string', default: '2000' }, clients: { type: 'string', default: '8' }, statements: { type: 'string', default: '12' } },
  strict: true,
});
if (!values.servers) throw new Error('--servers=<name>:<bundle dir>,… (a bundle: npm run bundle, dist/app-gateway copied aside)');
// `name:dir:identity`: that side's clients send Accept-Encoding: identity (fetch's default asks for gzip, which the server then spends CPU on).
const SIDES = values.servers.split(',').map((s) => {
  const [name, dir, identity] = s.split(':');
  return { name: name!, dir: path.resolve(dir!), identity: identity === 'identity' };
});
const ROUNDS = Number(values.rounds);
const APPS = Number(values.apps);
const CLIENTS = Number(values.clients);
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ORG = 'org_acme';

const secrets = { AUTH_SECRET: 'bench-auth-secret-'.padEnd(48, 'a'), APP_TOKEN_KEY_SECRET: 'bench-key-secret-'.padEnd(48, 'k') };

type Side = { name: string; dir: string; db: string; url: string; origin: string; child: ChildProcess; client: ManagementClient; stats: postgres.Sql };

async function startSide(name: string, dir: string, identity: boolean): Promise<Side> {
  const db = `agw_regcost_${name.replace(/\W/g, '_')}_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${db}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${db}`;
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, ...secrets, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), APP_URL: origin,
    DATABASE_URL: url.toString(), DATABASE_POOL_MAX: '20', LOG_LEVEL: 'info', AUTH_CREDENTIALS: 'true',
  };
  const cli = (...args: string[]) => {
    const out = spawnSync(process.execPath, [path.join(dir, 'cli.mjs'), ...args], { env, cwd: dir, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`${name}: cli ${args.join(' ')} failed: ${out.stderr || out.stdout}`);
    return out.stdout;
  };
  cli('seed');
  const token = cli('service-account', 'create', '--org', ORG, '--name', 'Bench pipeline', '--scope', 'apps:read', '--scope', 'apps:write').trim().split('\n').at(-1)!;
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=registration-${name}-${Date.now()}.cpuprofile`] : [];
  // As `npm start` runs it (package.json), from the bundle's folder.
  const child = spawn(process.execPath, [...prof, '--max-semi-space-size=16', 'server.mjs'], { env, cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(`${origin}/healthz`, child);
  const identityFetch: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    request.headers.set('accept-encoding', 'identity');
    return fetch(request);
  };
  const client = createManagementClient({ baseUrl: origin, token, ...(identity ? { fetch: identityFetch } : {}) });
  const wf = await client.PUT('/v1/orgs/{orgId}/workflows/{workflowId}', { params: { path: { orgId: ORG, workflowId: WORKFLOW } }, body: { name: 'Bench runs' } });
  if (!wf.response.ok) throw new Error(`${name}: PUT workflow ${wf.response.status}`);
  const stats = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return { name, dir, db, url: url.toString(), origin, child, client, stats };
}

const register = (side: Side, prefix: string, apps: number) => registerAll(side.client, prefix, apps, CLIENTS);

async function backendPids(side: Side): Promise<number[]> {
  return (await side.stats`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`).map((r) => Number(r.pid));
}

/** Samples the wait events of the side's busy backends every 20 ms until stopped. */
function sampleWaits(side: Side) {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await side.stats`select state, coalesce(wait_event_type || ':' || wait_event, 'CPU') as wait, count(*)::int as n
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle' group by 1, 2`;
      samples += 1;
      for (const r of rows) counts.set(`${r.state} ${r.wait}`, (counts.get(`${r.state} ${r.wait}`) ?? 0) + Number(r.n));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { samples, counts };
  };
}

type Round = { rate: number; p50: number; gatewayUs: number; databaseUs: number; loaderUs: number; errors: number; load: string };

/** Only where the server preloads it (shared_preload_libraries): the extension can exist without being loaded, and then its functions fail. */
async function hasPgss(sql: postgres.Sql) {
  return sql`create extension if not exists pg_stat_statements`.then(() => sql`select pg_stat_statements_reset()`).then(() => true, () => false);
}

async function round(side: Side, r: number, pgss: boolean): Promise<Round> {
  const pids0 = await backendPids(side);
  const db0 = new Map(pids0.map((p) => [p, processCpuUs(p) ?? 0]));
  const gw0 = processCpuUs(side.child.pid!)!;
  const me0 = process.cpuUsage();
  if (pgss) {
    await side.stats`select pg_stat_statements_reset()`;
    await side.stats`select pg_stat_reset_shared('wal')`;
  }
  const waits = sampleWaits(side);
  const run = await register(side, `r${r}${Date.now().toString(36)}`, APPS);
  const waited = await waits();
  const me = process.cpuUsage(me0);
  const gw = processCpuUs(side.child.pid!)! - gw0;
  let db = 0;
  for (const p of await backendPids(side)) db += (processCpuUs(p) ?? 0) - (db0.get(p) ?? 0);
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const result: Round = {
    rate: Math.round(APPS / run.seconds),
    p50: Math.round(percentile(sorted, 50) * 10) / 10,
    gatewayUs: Math.round(gw / APPS),
    databaseUs: Math.round(db / APPS),
    loaderUs: Math.round((me.user + me.system) / APPS),
    errors: run.errors,
    load,
  };
  console.log(
    `round ${r + 1} ${side.name.padEnd(8)}: ${result.rate} apps/s, p50 ${result.p50} ms, errors ${result.errors}; CPU per registration: gateway ${result.gatewayUs} µs, database backends ${result.databaseUs} µs, load generator ${result.loaderUs} µs; load average ${load}`,
  );
  const busy = [...waited.counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${(n / waited.samples).toFixed(2)}`);
  console.log(`  busy backends (mean over ${waited.samples} samples): ${busy.join(', ')}`);
  if (pgss) {
    const rows = await side.stats`select calls, total_exec_time, total_plan_time, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 110) as q
      from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_activity%' and query not like '%pg_stat_%reset%'
      order by total_exec_time desc limit ${Number(values.statements)}`;
    const total = rows.reduce((s, x) => s + Number(x.total_exec_time), 0);
    const planned = rows.reduce((s, x) => s + Number(x.total_plan_time), 0);
    console.log(`  statements (per registration: executor ms + planner ms where tracked; calls): total ${(total / APPS).toFixed(3)} + ${(planned / APPS).toFixed(3)} ms`);
    for (const x of rows) console.log(`    ${(Number(x.total_exec_time) / APPS).toFixed(3)} + ${(Number(x.total_plan_time) / APPS).toFixed(3)} ms  ${(Number(x.calls) / APPS).toFixed(2)}×  ${x.q}`);
    const [wal] = await side.stats`select wal_records, wal_bytes, wal_write, wal_sync, wal_write_time, wal_sync_time from pg_stat_wal`;
    console.log(`  WAL (whole server): ${wal!.wal_sync} syncs (${(Number(wal!.wal_sync) / APPS).toFixed(2)} per registration), sync time ${(Number(wal!.wal_sync_time) / APPS).toFixed(3)} ms per registration, ${Math.round(Number(wal!.wal_bytes) / APPS)} bytes per registration`);
  }
  return result;
}

async function main() {
  const sides: Side[] = [];
  try {
    for (const s of SIDES) sides.push(await startSide(s.name, s.dir, s.identity));
    const pgss = (await Promise.all(sides.map((s) => hasPgss(s.stats)))).every(Boolean);
    console.log(`${SIDES.map((s) => s.name).join(' / ')}: ${APPS} apps per round, ${CLIENTS} clients, ${ROUNDS} rounds, ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')}${pgss ? ', pg_stat_statements' : ''}`);
    // Warm-up: compiles and plans the registration path on every side, outside the measurement.
    for (const side of sides) await register(side, `warm${Date.now().toString(36)}`, 200);
    const rounds = new Map(sides.map((s) => [s.name, [] as Round[]]));
    for (let r = 0; r < ROUNDS; r++) {
      // Alternating order from round to round: neither side always runs first.
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) rounds.get(side.name)!.push(await round(side, r, pgss));
    }
    for (const [name, rs] of rounds) {
      const m = (k: keyof Omit<Round, 'load'>) => median(rs.map((x) => x[k]));
      console.log(
        `median ${name}: ${m('rate')} apps/s (${rs.map((x) => x.rate).join(', ')}), p50 ${m('p50')} ms; CPU per registration: gateway ${m('gatewayUs')} µs (${rs.map((x) => x.gatewayUs).join(', ')}), database ${m('databaseUs')} µs (${rs.map((x) => x.databaseUs).join(', ')}), load generator ${m('loaderUs')} µs; errors ${rs.reduce((s, x) => s + x.errors, 0)}`,
      );
    }
  } finally {
    for (const side of sides) {
      await side.stats.end();
      await stop(side.child);
      const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${side.db} with (force)`);
      await admin.end();
    }
  }
}

exitWhenDone(main());
