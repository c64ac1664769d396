// npm run bench [-- --smoke] [-- --no-build] [-- --only=viewer,proxy]: the mint endpoint vs a bare
// node:http reference and vs a minimal Next.js route doing the same mint, round trips, scale (1k vs 100k
// apps), the viewer in Chromium (SDK artifact and proxied app), signing alone, and the artifact proxy's
// overhead. Prints a table, writes bench/results.md.
// --only=<parts> runs some of `mint` (load, round trips, reference, 100k apps, the minimal route), `minimal`
// (the endpoint vs the minimal route alone), `viewer`, `signing`, `proxy`, `features` (metrics, tracing and
// webhooks on vs off), `exchange` (the token exchange beside the mint), `management` (10,000 apps
// registered through the management API by 8 clients, PostgreSQL only), and prints their rows without
// writing bench/results.md (a partial run would overwrite it).
// With BENCH_CPU_PROF=<dir> every gateway server writes a CPU profile there when it stops; the endpoint and
// the minimal route are then loaded on a server each (its pid is printed), so each profile holds one route.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from '../e2e/integration/harness/built-server';
import { GatewayClient } from '../e2e/integration/harness/client';
import { getLoad, mintLoad, type LoadResult } from './load';
import { runSql, scaleFor, scaleSeedSql, SETTLE_SQL, type Scale } from './seed-scale';
import { signingBench } from './signing';
import { proxyOverhead, type Side } from './proxy-overhead';
import { start, startGatewayServer, stop, waitFor } from './processes';
import { BENCH_ARTIFACT_DOMAINS, viewerTimings } from './viewer-stack';
import { makeViewers } from './viewers';
import { webhookSeedSql } from './webhooks';
import { featuresOnOff } from './features';
import { exchangeBench, exchangeSeed } from './exchange';
import { managementBench, type ManagementResult } from './management';
import { writeReport } from './report';
import { roundTripCounter, type RoundTripCounter } from './round-trips';
import { BENCH_FIXTURES_ENV, buildHasMinimalRoute, endpointVsMinimal, type EndpointVsMinimal, type Served } from './minimal-route';

const smoke = process.argv.includes('--smoke');
const PARTS = ['mint', 'minimal', 'viewer', 'signing', 'proxy', 'features', 'exchange', 'management'] as const;
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg ? onlyArg.split(',') : null;
for (const part of only ?? []) if (!PARTS.includes(part as (typeof PARTS)[number])) throw new Error(`--only: unknown part ${part} (${PARTS.join(', ')})`);
const runs = (part: (typeof PARTS)[number]) => only === null || only.includes(part);
const SECONDS = smoke ? 2 : 10;
const WARMUP = smoke ? 1 : 3;
// The smoke (CI) checks that every part still runs, mints without a failure and keeps its round trips: one
// concurrency is enough for that, and the CPU it spares is the other lanes' (npm test runs beside it).
const CONNECTIONS = smoke ? [8] : [1, 8, 32];
const SCALES = smoke || !runs('mint') ? [1000] : [1000, 100_000];
const MINIMAL_ROUNDS = smoke ? 1 : Number(process.env.BENCH_MINIMAL_ROUNDS ?? 5);
// Short rounds follow the machine's other load more closely (alternating sides see the same): on a shared machine, more and shorter.
const MINIMAL_SECONDS = smoke ? SECONDS : Number(process.env.BENCH_MINIMAL_SECONDS ?? SECONDS);
const secrets = { AUTH_SECRET: 'bench-auth-secret-'.padEnd(48, 'a'), APP_TOKEN_KEY_SECRET: 'bench-key-secret-'.padEnd(48, 'k') };
const adminUrl = process.env.DATABASE_URL;
const log = (s: string) => console.log(s);

type Target = { url?: string; dir?: string; cleanup: () => Promise<void> };

async function freshTarget(): Promise<Target> {
  if (adminUrl) {
    const name = `agw_bench_${Date.now().toString(36)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      cleanup: async () => {
        const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agw-bench-'));
  return { dir: path.join(dir, 'pglite'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

function serverEnv(t: Target, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env, ...secrets, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), APP_URL: `http://localhost:${port}`,
    DATABASE_URL: t.url ?? '', PGLITE_DIR: t.dir ?? path.join(os.tmpdir(), 'agw-unused'), DATABASE_POOL_MAX: '20', LOG_LEVEL: 'info', AUTH_CREDENTIALS: 'true',
    ...BENCH_ARTIFACT_DOMAINS,
    ...BENCH_FIXTURES_ENV,
    // Every bench server may deliver to the bench's loopback webhook receiver (features on vs off).
    WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  };
}

/**
 * A fresh database, migrated and seeded through the CLI, and the env of a gateway server over it on
 * a free port (`origin`); `use` runs on them, then the database goes.
 */
async function onSeededDatabase(use: (t: Target, env: NodeJS.ProcessEnv, origin: string) => Promise<void>) {
  const t = await freshTarget();
  try {
    const port = await freePort();
    const env = serverEnv(t, port);
    spawnSync('npm', ['run', '--silent', 'cli', '--', 'seed'], { env, stdio: 'inherit' });
    await use(t, env, `http://localhost:${port}`);
  } finally {
    await t.cleanup();
  }
}

type Row = { server: string; auth: string; conns: number } & LoadResult;

async function measure(label: string, url: string, viewers: Awaited<ReturnType<typeof makeViewers>>['viewers'], origin: string, rows: Row[]) {
  for (const auth of ['api_token', 'session'] as const) {
    await mintLoad(url, viewers, auth, 8, WARMUP, origin);
    for (const conns of CONNECTIONS) {
      const r = await mintLoad(url, viewers, auth, conns, SECONDS, origin);
      rows.push({ server: label, auth, conns, ...r });
      log(`  ${label.padEnd(9)} ${auth.padEnd(9)} ${String(conns).padStart(2)} conns: ${r.rps} req/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  errors ${r.errors}`);
    }
  }
}

/** The framework's own cost on this machine: a route handler of the same server that answers from memory. */
async function measureFloor(origin: string, rows: Row[]) {
  const url = `${origin}/.well-known/jwks.json`;
  await getLoad(url, 8, WARMUP);
  for (const conns of CONNECTIONS) {
    const r = await getLoad(url, conns, SECONDS);
    rows.push({ server: 'next, GET jwks', auth: '(none)', conns, ...r });
    log(`  next GET /.well-known/jwks.json ${String(conns).padStart(2)} conns: ${r.rps} req/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  errors ${r.errors}`);
  }
}

/** The endpoint vs the minimal Next.js route, same server (with BENCH_CPU_PROF: a server per side, same database). */
async function compareWithMinimal(env: NodeJS.ProcessEnv, server: Served, viewers: Awaited<ReturnType<typeof makeViewers>>['viewers'], origin: string) {
  log(`\nThe mint endpoint vs a minimal Next.js route doing the same mint (${MINIMAL_ROUNDS} alternating rounds of ${MINIMAL_SECONDS} s, 32 conns)`);
  const own = async (side: string): Promise<Served & { stop: () => Promise<void> }> => {
    const port = await freePort();
    const child = startGatewayServer({ ...env, PORT: String(port) }); // APP_URL (and so the cookies' Origin) stays the first server's
    await waitFor(`http://localhost:${port}/healthz`, child);
    log(`  ${side}: its own server, pid ${child.pid} (its CPU profile: ${process.env.BENCH_CPU_PROF}/CPU.*.${child.pid}.*.cpuprofile)`);
    return { url: `http://localhost:${port}`, pid: child.pid!, stop: () => stop(child) };
  };
  const apart = process.env.BENCH_CPU_PROF ? [await own('endpoint'), await own('minimal route')] : null;
  try {
    return await endpointVsMinimal({
      endpoint: apart?.[0] ?? server, minimal: apart?.[1] ?? server, viewers, origin, seconds: MINIMAL_SECONDS, warmup: WARMUP, rounds: MINIMAL_ROUNDS, connections: 32, log,
    });
  } finally {
    for (const s of apart ?? []) await s.stop();
  }
}

async function roundTrips(counter: RoundTripCounter | null, url: string, viewers: Awaited<ReturnType<typeof makeViewers>>['viewers'], origin: string, statsUrl?: string) {
  const auths = ['api_token', 'session'] as const;
  // Enough mints that what the subtraction leaves of the background stays in the hundredths.
  const n = 1000;
  const probe = (auth: (typeof auths)[number]) => async () => {
    const client = new GatewayClient(url, origin);
    for (let i = 0; i < n; i++) {
      const v = viewers[i % viewers.length]!;
      const res = await client.mint(v.apps[i % v.apps.length]!, auth === 'api_token' ? { bearer: v.apiToken } : { cookie: v.cookie, headers: { origin } });
      if (res.status !== 200) throw new Error(`round-trip probe got ${res.status}`);
    }
  };
  const out: Record<string, number | null> = {};
  if (statsUrl) {
    // The reference server counts the statements it sent (drizzle's logger).
    const statements = async () => ((await (await fetch(statsUrl)).json()) as { statements: number }).statements;
    for (const auth of auths) {
      const before = await statements();
      await probe(auth)();
      out[auth] = Math.round((((await statements()) - before) / n) * 100) / 100;
    }
    return out;
  }
  const counted = counter ? await counter(auths.map((auth) => ({ calls: n, run: probe(auth) }))) : null;
  auths.forEach((auth, i) => (out[auth] = counted?.[i] ?? null));
  return out;
}

async function benchScale(apps: number, rows: Row[], results: Record<string, unknown>) {
  const scale: Scale = scaleFor(apps);
  log(`\nScale ${apps.toLocaleString()} apps: ${scale.users.toLocaleString()} users, ${scale.orgs} orgs, ${scale.auditRows.toLocaleString()} audit rows (${adminUrl ? 'PostgreSQL' : 'embedded PGlite'})`);
  await onSeededDatabase(async (t, env, origin) => {
    const counter = roundTripCounter(t.url);
    // Then the scale and the demo world.
    const { viewers, sql } = await makeViewers(scale, smoke ? 200 : 1000, secrets.AUTH_SECRET);
    const exchange = apps === SCALES[0] && runs('exchange') ? exchangeSeed(viewers, smoke ? 100 : 1000) : null;
    await runSql(t, [...scaleSeedSql(scale), ...sql, ...webhookSeedSql(scale.orgs, secrets.APP_TOKEN_KEY_SECRET), ...(exchange?.sql ?? []), SETTLE_SQL]);

    const next = startGatewayServer(env); // PORT is in env
    await waitFor(`${origin}/healthz`, next);
    // The rate window was empty when the server planned the mint: give it rows and statistics, as in a
    // gateway in service (its own pruning job analyzes the table once a minute).
    await mintLoad(origin, viewers, 'api_token', 8, WARMUP, origin);
    await runSql(t, ['analyze mint_rate_window']);
    try {
      if (runs('mint')) {
        await measure(`next@${apps >= 1000 ? `${apps / 1000}k` : apps}`, origin, viewers, origin, rows);
        if (apps === SCALES[0]) await measureFloor(origin, rows);
        results[`roundTrips_next_${apps}`] = await roundTrips(counter, origin, viewers, origin);
      }
      if (exchange) {
        log('\nToken exchange beside the mint (API token), alternating rounds:');
        results.exchange = await exchangeBench({
          origin, viewers, pairs: exchange.pairs, seconds: SECONDS, warmup: WARMUP, rounds: smoke ? 1 : 3, connections: smoke ? [8] : [8, 32], roundTrips: counter, log,
        });
      }
      if (apps === SCALES[0] && (runs('mint') || runs('minimal'))) {
        if (buildHasMinimalRoute()) results.minimal = await compareWithMinimal(env, { url: origin, pid: next.pid! }, viewers, origin);
        else log('\nThe minimal route is not in this build (a build made without the bench, reused with --no-build): its comparison is skipped.');
      }
      if (apps === SCALES[0] && !smoke && runs('viewer')) Object.assign(results, await viewerTimings(env, origin));
      if (apps === SCALES[0] && !smoke && t.url && runs('features')) {
        results.features = await featuresOnOff({
          databaseUrl: t.url, orgs: scale.orgs, keySecret: secrets.APP_TOKEN_KEY_SECRET, offUrl: origin, viewers, origin, seconds: SECONDS,
          startOn: async (extra) => {
            const onPort = await freePort();
            const on = startGatewayServer({ ...env, ...extra, PORT: String(onPort), APP_URL: `http://localhost:${onPort}` });
            await waitFor(`http://localhost:${onPort}/healthz`, on);
            return { url: `http://localhost:${onPort}`, stop: () => stop(on) };
          },
        });
        log(`  features on / off: ${JSON.stringify(results.features)}`);
      }
    } finally {
      await stop(next);
    }

    if (apps === SCALES[0] && runs('mint')) {
      const refPort = await freePort();
      const ref = start('npx', ['tsx', 'bench/reference-server.ts', String(refPort)], { ...env, APP_URL: origin });
      const refUrl = `http://127.0.0.1:${refPort}`;
      await waitFor(`${refUrl}/__stats`, ref);
      try {
        await measure('reference', refUrl, viewers, origin, rows);
        results.roundTrips_reference = await roundTrips(null, refUrl, viewers, origin, `${refUrl}/__stats`);
      } finally {
        await stop(ref);
      }
    }
  });
}

/** SPEC §14 at scale: apps registered through the management API by concurrent clients, on a fresh database. */
async function benchManagement(results: Record<string, unknown>) {
  const apps = smoke ? 200 : 10_000;
  log(`\nManagement API: ${apps.toLocaleString()} apps registered by 8 clients (${adminUrl ? 'PostgreSQL' : 'embedded PGlite'})`);
  await onSeededDatabase(async (_t, env, origin) => {
    const next = startGatewayServer(env);
    await waitFor(`${origin}/healthz`, next);
    try {
      const r = await managementBench(env, origin, apps, 8);
      results.management = r;
      log(`  registered ${r.apps} apps in ${r.seconds} s: ${r.appsPerSecond} apps/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors}; listed ${r.listed} (${r.listedTwice} twice) in ${r.listSeconds} s`);
    } finally {
      await stop(next);
    }
  });
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    log('Building the production server…');
    // With the bench's fixture (the minimal route), which no other build has.
    if (spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...BENCH_FIXTURES_ENV } }).status !== 0) process.exit(1);
  }
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  if (runs('mint') || runs('minimal') || runs('viewer') || runs('features') || runs('exchange')) for (const apps of SCALES) await benchScale(apps, rows, results);
  // PGlite serves one connection at a time: the registration's concurrency is PostgreSQL's to show.
  if (runs('management') && (adminUrl || smoke)) await benchManagement(results);
  if (runs('signing')) {
    results.signing = await signingBench(smoke ? 1 : 3);
    log(`  signing: ${JSON.stringify(results.signing)}`);
  }
  if (!smoke && runs('proxy')) {
    const proxy = await proxyOverhead(SECONDS);
    results.proxy = proxy;
    for (const p of proxy.pages) {
      const side = (s: Side) => `${s.rps} req/s, mean ${s.meanMs} ms, CPU ${s.cpuUsPerRequest} µs/req, failures ${JSON.stringify(s.failures)}`;
      log(`  artifact proxy, ${p.page} (${p.bytes} B), ${proxy.connections} conns: direct ${side(p.direct)}; hop ${side(p.hop)}; proxied ${side(p.proxied)}; ×${p.ratio} direct, ×${p.ratioToHop} hop; req/s ${p.throughputToHop}× the hop's; CPU per request ${p.cpuToHop}× the hop's`);
    }
  }
  const report = writeReport(rows, results, { smoke, database: adminUrl ? 'PostgreSQL' : 'embedded PGlite', seconds: SECONDS, scales: SCALES, partial: only !== null });
  console.log(`\n${report}`);
  if (smoke) {
    const problems = smokeProblems(rows, results);
    for (const p of problems) console.error(`smoke: ${p}`);
    if (problems.length) process.exit(1);
    console.log('smoke: every mint succeeded and the round trips are within the contract');
  }
}

/** What the smoke run (CI) insists on: no failed mint, and the round trips of the contract. Never a speed. */
function smokeProblems(rows: Row[], results: Record<string, unknown>): string[] {
  const problems = rows.filter((r) => r.errors > 0 || r.total === 0).map((r) => `${r.server} ${r.auth} ${r.conns} conns: ${r.errors} errors in ${r.total} requests`);
  const minimal = results.minimal as EndpointVsMinimal | undefined;
  for (const auth of ['api_token', 'session'] as const) {
    for (const [side, rounds] of Object.entries({ endpoint: minimal?.[auth].endpoint ?? [], 'minimal route': minimal?.[auth].minimal ?? [] })) {
      for (const r of rounds) if (r.errors > 0 || r.total === 0) problems.push(`${side} vs minimal, ${auth}: ${r.errors} errors in ${r.total} requests`);
    }
  }
  const mg = results.management as ManagementResult | undefined;
  if (mg && (mg.errors > 0 || mg.listed !== mg.apps || mg.listedTwice > 0)) {
    problems.push(`management API: ${mg.errors} failed registrations of ${mg.apps}; listed back ${mg.listed} (${mg.listedTwice} twice)`);
  }
  const rt = results[`roundTrips_next_${SCALES[0]}`] as Record<string, number | null> | undefined;
  // A few hundredths above 1 are the keyring's 30 s refresh.
  if (rt && rt.api_token !== null && rt.api_token! > 1.05) problems.push(`${rt.api_token} round trips per mint with an API token (≤ 1)`);
  if (rt && rt.session !== null && rt.session! > 2.05) problems.push(`${rt.session} round trips per mint with a session (≤ 2)`);
  const exchange = results.exchange as import('./exchange').ExchangeBench | undefined;
  for (const r of exchange?.rounds ?? []) if (r.errors > 0) problems.push(`token exchange at ${r.conns} conns: ${r.errors} errors`);
  if (exchange?.roundTrips != null && exchange.roundTrips > 1.05) problems.push(`${exchange.roundTrips} round trips per token exchange (≤ 1)`);
  return problems;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
