import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { LoadResult } from './load';
import type { ViewerTiming } from './viewer-timing';

type Row = { server: string; auth: string; conns: number } & LoadResult;
type Meta = { smoke: boolean; database: string; seconds: number; scales: number[]; partial: boolean };

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? 'n/a' : String(n));

/** The results table, printed and written to bench/results.md with the machine and the command. */
export function writeReport(rows: Row[], results: Record<string, unknown>, meta: Meta): string {
  const lines: string[] = [];
  lines.push('| server | auth | conns | req/s | p50 ms | p95 ms | p99 ms | errors |', '|---|---|---|---|---|---|---|---|');
  for (const r of rows) lines.push(`| ${r.server} | ${r.auth} | ${r.conns} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} |`);

  const at = (server: string, auth: string, conns: number) => rows.find((r) => r.server === server && r.auth === auth && r.conns === conns)?.rps;
  const maxConns = Math.max(...rows.map((r) => r.conns));
  const small = `next@${meta.scales[0]! / 1000}k`;
  const large = meta.scales[1] ? `next@${meta.scales[1] / 1000}k` : null;
  const summary: string[] = ['', '| measure | value |', '|---|---|'];
  for (const auth of rows.length ? ['api_token', 'session'] : []) {
    const endpoint = at(small, auth, maxConns);
    const reference = at('reference', auth, maxConns);
    summary.push(`| endpoint / reference at ${maxConns} conns (${auth}) | ${endpoint && reference ? `${Math.round((endpoint / reference) * 100)}% (${endpoint} / ${reference} req/s)` : 'n/a'} |`);
    if (large) {
      const big = at(large, auth, maxConns);
      summary.push(`| throughput at ${meta.scales[1]!.toLocaleString()} apps / at ${meta.scales[0]!.toLocaleString()} (${auth}, ${maxConns} conns) | ${big && endpoint ? `${Math.round((big / endpoint) * 100)}% (${big} / ${endpoint} req/s)` : 'n/a'} |`);
    }
  }
  const minimal = results.minimal as import('./minimal-route').EndpointVsMinimal | undefined;
  for (const auth of ['api_token', 'session'] as const) {
    const c = minimal?.[auth];
    const list = (rs: { rps: number }[]) => rs.map((r) => r.rps).join(', ');
    summary.push(
      `| endpoint ÷ minimal Next.js route doing the same mint, ${minimal?.connections ?? 32} conns (${auth}): mints/s, p99, gateway CPU per mint (medians over pairs of alternating rounds) | ${c ? `×${c.rps}, ×${c.p99}, ×${c.cpu} (${list(c.endpoint)} : ${list(c.minimal)} req/s; p99 ${c.endpoint.map((r) => r.p99).join(', ')} : ${c.minimal.map((r) => r.p99).join(', ')} ms; ${c.endpoint.map((r) => r.cpuUs).join(', ')} : ${c.minimal.map((r) => r.cpuUs).join(', ')} µs)` : 'n/a'} |`,
    );
  }
  const floor = rows.find((r) => r.server === 'next, GET jwks' && r.conns === maxConns);
  if (floor) summary.push(`| the framework's floor: GET /.well-known/jwks.json (from memory) at ${maxConns} conns | ${floor.rps} req/s, p99 ${floor.p99} ms |`);
  const rt = results[`roundTrips_next_${meta.scales[0]}`] as Record<string, number | null> | undefined;
  const rtRef = results.roundTrips_reference as Record<string, number | null> | undefined;
  summary.push(`| database round trips per mint, endpoint (api_token / session) | ${fmt(rt?.api_token)} / ${fmt(rt?.session)} |`);
  summary.push(`| database round trips per mint, reference (api_token / session) | ${fmt(rtRef?.api_token)} / ${fmt(rtRef?.session)} |`);
  const viewerRow = (key: string, what: string) => {
    const v = results[key] as ViewerTiming | undefined;
    const error = results[`${key}Error`] as string | undefined;
    const phases = v?.phases ? ` (p50 of each step: gateway page ${v.phases.gateway}, bootstrap ${v.phases.bootstrap}, session POST ${v.phases.session}, app page ${v.phases.page} ms)` : '';
    summary.push(`| ${what}, Chromium, 20 loads | ${v ? `p50 ${v.p50} ms, p95 ${v.p95} ms${phases}` : error ? `failed: ${error}` : 'n/a'} |`);
  };
  viewerRow('viewer', 'viewer: navigation → verified artifact (SDK, run_acme_dashboard)');
  viewerRow('proxiedViewer', 'viewer: navigation → verified proxied app (run_acme_plain, proxy session kept)');
  viewerRow('proxiedViewerFirstVisit', 'viewer: navigation → verified proxied app, first visit (bootstrap and session exchange each load)');
  const proxy = results.proxy as import('./proxy-overhead').ProxyOverhead | undefined;
  if (!proxy) summary.push(`| artifact proxy: page direct vs through the proxy | n/a${meta.smoke ? ' (smoke)' : ''} |`);
  for (const p of proxy?.pages ?? []) {
    summary.push(
      `| artifact proxy: ${p.page} (${p.bytes} B), ${proxy!.connections} conns: direct / bare node:http hop / proxy (req/s; mean ms; server CPU µs/req; proxy ÷ direct, ÷ hop; proxy req/s ÷ hop's; proxy CPU/req ÷ hop's; errors) | ${p.direct.rps} / ${p.hop.rps} / ${p.proxied.rps}; ${p.direct.meanMs} / ${p.hop.meanMs} / ${p.proxied.meanMs} ms; ${p.direct.cpuUsPerRequest} / ${p.hop.cpuUsPerRequest} / ${p.proxied.cpuUsPerRequest} µs; ×${p.ratio}, ×${p.ratioToHop}; ${p.throughputToHop}; ${p.cpuToHop}; ${p.errors} errors |`,
    );
  }
  const features = results.features as import('./features').FeaturesOnOff | undefined;
  summary.push(
    `| mints/s with metrics, tracing and audit webhooks on / off (API token, 8 conns, alternating rounds; on: off) | ${features ? `${features.ratio} (${features.on.join(', ')} : ${features.off.join(', ')}; CPU per mint outside the load generator ${features.cpuPerMintUs.on} vs ${features.cpuPerMintUs.off} µs; ${features.webhooksReceived} webhooks and ${features.spansPosted} span exports received, ${features.scrapes} scrapes${features.errors ? `; ${features.errors} errors` : ''})` : `n/a${meta.smoke ? ' (smoke)' : ''}`} |`,
  );
  const exchange = results.exchange as import('./exchange').ExchangeBench | undefined;
  for (const r of exchange?.rounds ?? []) {
    summary.push(`| token exchange / mint at ${r.conns} conns (API token, alternating rounds: exchanges/s : mints/s; exchange p99; errors) | ${r.ratio} (${r.exchange.join(', ')} : ${r.mint.join(', ')}; p99 ${r.exchangeP99} ms; ${r.errors} errors) |`);
  }
  if (!exchange) summary.push('| token exchange / mint | n/a |');
  summary.push(`| database round trips per token exchange | ${fmt(exchange?.roundTrips)} |`);
  const mg = results.management as import('./management').ManagementResult | undefined;
  summary.push(
    `| management API: apps registered by ${mg?.clients ?? 8} clients (POST /v1/orgs/{orgId}/apps, service-account token) | ${mg ? `${mg.apps} apps in ${mg.seconds} s: ${mg.appsPerSecond} apps/s, p50 ${mg.p50} ms, p95 ${mg.p95} ms, p99 ${mg.p99} ms, ${mg.errors} errors; listed back ${mg.listed} (${mg.listedTwice} twice) in ${mg.listSeconds} s` : 'n/a'} |`,
  );
  const signing = results.signing as { project: number; nodeCrypto: number } | undefined;
  summary.push(`| signing alone: project signer / node:crypto (tokens/s) | ${signing ? `${signing.project} / ${signing.nodeCrypto}` : 'n/a'} |`);

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const table = [...lines, ...summary].join('\n');
  const doc = [
    '# Benchmark results',
    '',
    `Run: \`npm run bench${meta.smoke ? ' -- --smoke' : ''}\` on ${new Date().toISOString()}.`,
    `Machine: ${machine}; gateway, database (${meta.database}) and load generator (autocannon) share it.`,
    `Each measurement: ${meta.seconds} s after a warm-up; viewers rotate over their org's apps so the per-viewer rate limit (30/min) is not what is measured.`,
    'Round trips are counted: `pg_stat_database` transactions per mint for the Next.js server on PostgreSQL, the drizzle statement counter for the reference server.',
    '',
    table,
    '',
  ].join('\n');
  if (!meta.smoke && !meta.partial) writeFileSync('bench/results.md', `${doc}\n${earlierRuns()}`);
  return table;
}

/**
 * What bench/results.md held, kept under the new table: its table (as the run before this one) and the
 * sections below it (the earlier runs, each change's measured section).
 */
function earlierRuns(): string {
  if (!existsSync('bench/results.md')) return '';
  const old = readFileSync('bench/results.md', 'utf8').replace(/^# Benchmark results\n+/, '');
  const at = old.indexOf('\n## ');
  const [latest, sections] = at >= 0 ? [old.slice(0, at), old.slice(at + 1)] : [old, ''];
  return `## The run before this one\n\n${latest.trimEnd()}\n\n${sections}`;
}
