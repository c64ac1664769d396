import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { mintLoad, type LoadResult } from './load';
import { median } from './stats';
import type { Viewer } from './viewers';
import { webhookSeedSql } from './webhooks';

export type FeaturesOnOff = {
  off: number[];
  on: number[];
  ratio: number;
  /** CPU per mint of everything but the bench process (gateway, database, delivery), µs: median off, median on. */
  cpuPerMintUs: { off: number; on: number };
  scrapes: number;
  spansPosted: number;
  webhooksReceived: number;
  errors: number;
};

/** The machine's busy CPU time so far, in ms (/proc/stat, 100 Hz ticks). */
function machineBusyMs(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
}

/** One load round, with the CPU it cost outside the bench process (which runs autocannon and the sinks) per mint. */
async function measuredRound(run: () => Promise<LoadResult>): Promise<LoadResult & { cpuUs: number }> {
  const machine0 = machineBusyMs();
  const self0 = process.cpuUsage();
  const r = await run();
  const self = process.cpuUsage(self0);
  const othersMs = machineBusyMs() - machine0 - (self.user + self.system) / 1000;
  return { ...r, cpuUs: Math.round((othersMs * 1000) / Math.max(1, r.total)) };
}

/** A sink that answers every request at once and counts them: the OTLP collector or the webhook receiver. */
async function sink(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => n,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const FEATURES_METRICS_TOKEN = 'bench-metrics-token-0123456789';

/** Which features the "on" server runs: all three, or some of them to attribute the cost (BENCH_FEATURES=tracing). */
const FEATURES = new Set((process.env.BENCH_FEATURES ?? 'metrics,tracing,webhooks').split(','));

/** The environment of the "features on" server: metrics, tracing to the sink (webhooks are endpoints in the database). */
function featuresEnv(otlpUrl: string): Record<string, string> {
  return {
    ...(FEATURES.has('metrics') ? { METRICS_TOKEN: FEATURES_METRICS_TOKEN } : {}),
    ...(FEATURES.has('tracing') ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl } : {}),
  };
}

/**
 * Mints/s with metrics, tracing and audit webhooks on versus off, same run, same database: rounds
 * alternate (six times by default, BENCH_FEATURES_ROUNDS: this machine's noise is larger than the effect at three) between the plain server (no endpoints registered) and the server with every feature on
 * (an endpoint per org, delivering to a local receiver; spans exported to a local collector; /metrics
 * scraped every 5 s). The ratio is the median "on" over the median "off".
 */
export async function featuresOnOff(opts: {
  databaseUrl: string;
  orgs: number;
  keySecret: string;
  offUrl: string;
  startOn: (env: Record<string, string>) => Promise<{ url: string; stop: () => Promise<void> }>;
  viewers: Viewer[];
  origin: string;
  seconds: number;
  rounds?: number;
}): Promise<FeaturesOnOff> {
  const otlp = await sink();
  const receiver = await sink();
  const sql = postgres(opts.databaseUrl, { max: 1, onnotice: () => {} });
  const on = await opts.startOn(featuresEnv(otlp.url));
  let scrapes = 0;
  const scraper = setInterval(() => {
    if (!FEATURES.has('metrics')) return;
    fetch(`${on.url}/metrics`, { headers: { authorization: `Bearer ${FEATURES_METRICS_TOKEN}` } }).then(
      async (r) => {
        if (r.ok && (await r.text()).includes('app_gateway_mints_total')) scrapes++;
        else console.error(`  /metrics scrape: HTTP ${r.status}`);
      },
      (error) => console.error(`  /metrics scrape failed: ${error instanceof Error ? error.message : error}`),
    );
  }, 5000);
  const off: number[] = [];
  const onRates: number[] = [];
  const cpu = { off: [] as number[], on: [] as number[] };
  let errors = 0;
  const take = (r: LoadResult & { cpuUs: number }, into: number[], cpuInto: number[]) => {
    into.push(r.rps);
    cpuInto.push(r.cpuUs);
    errors += r.errors;
  };
  try {
    const endpoints = FEATURES.has('webhooks') ? webhookSeedSql(opts.orgs, opts.keySecret, `${receiver.url}/audit`) : [];
    // Both servers warm up, then the rate window (empty when they started) gets statistics, as in a
    // gateway in service: both re-plan the mint statement instead of keeping their empty-table plan.
    for (const url of [opts.offUrl, on.url]) await mintLoad(url, opts.viewers, 'api_token', 8, 3, opts.origin);
    await sql`analyze mint_rate_window`;
    for (let i = 0; i < (opts.rounds ?? Number(process.env.BENCH_FEATURES_ROUNDS ?? 6)); i++) {
      await sql`delete from webhook_endpoints where id like 'whk_bench_%'`;
      take(await measuredRound(() => mintLoad(opts.offUrl, opts.viewers, 'api_token', 8, opts.seconds, opts.origin)), off, cpu.off);
      for (const s of endpoints) await sql.unsafe(s);
      take(await measuredRound(() => mintLoad(on.url, opts.viewers, 'api_token', 8, opts.seconds, opts.origin)), onRates, cpu.on);
    }
  } finally {
    clearInterval(scraper);
    await sql`delete from webhook_endpoints where id like 'whk_bench_%'`;
    await sql.end();
    await on.stop();
    await otlp.close();
    await receiver.close();
  }
  return {
    off,
    on: onRates,
    ratio: Math.round((median(onRates) / Math.max(1, median(off))) * 100) / 100,
    cpuPerMintUs: { off: median(cpu.off), on: median(cpu.on) },
    scrapes,
    spansPosted: otlp.count(),
    webhooksReceived: receiver.count(),
    errors,
  };
}
