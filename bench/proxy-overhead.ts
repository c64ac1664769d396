import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { hostRequest } from '../e2e/integration/harness/host-request';
import { processCpuUs } from './process-cpu';
import { APPS, hostOf, PAGE_MARKER } from './proxy-overhead-apps';

/** Why requests failed, as autocannon counts them: answers other than 2xx (by status), socket errors, timeouts. */
type Failures = { non2xx: Record<string, number>; socketErrors: number; timeouts: number };
export type Side = {
  rps: number;
  meanMs: number;
  requests: number;
  failures: Failures;
  /** CPU time of the one server process answering (the upstream, the hop or the proxy) per request, in µs: what a loaded machine changes least. */
  cpuUsPerRequest: number | null;
};
type PageOverhead = {
  page: string;
  bytes: number;
  direct: Side;
  /** Through a bare node:http pass-through: what any reverse proxy in Node costs. */
  hop: Side;
  proxied: Side;
  /** Mean latency through the proxy over the direct one, and over the bare hop's. */
  ratio: number;
  ratioToHop: number;
  /** The proxy's req/s over the bare hop's (issue 31's goal: at least 0.8). */
  throughputToHop: number;
  /** The proxy process's CPU per request over the hop process's. */
  cpuToHop: number | null;
  errors: number;
};
export type ProxyOverhead = { connections: number; seconds: number; pages: PageOverhead[] };

// Many short rounds, alternating the sides, so that all three see the same machine (others' jobs come and go).
const ROUNDS = 5;

/** User and system CPU time of a process so far, in ms (Linux); null where /proc is not there. */
const cpuMs = (pid: number): number | null => {
  const us = processCpuUs(pid);
  return us === null ? null : us / 1000;
};

/** Starts one role of bench/proxy-overhead-servers.ts; resolves with the JSON line it prints once listening. */
async function startServers<T>(args: string[]): Promise<{ child: ChildProcess; info: T }> {
  // BENCH_CPU_PROF=<dir>: each server process writes a CPU profile there when it stops.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=proxy-overhead-${args[0]}-${Date.now()}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'bench/proxy-overhead-servers.ts', ...args], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await Promise.race([
    createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string | undefined]),
    new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`proxy-overhead ${args[0]} exited with ${code}`)))),
  ]);
  return { child, info: JSON.parse(line ?? 'null') as T };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(-child.pid!, 'SIGTERM');
  return exited;
}

/** GET / for `seconds`; the mean is of every answer's own time (autocannon's histogram keeps whole ms of 2xx only). */
async function load(url: string, headers: Record<string, string>, connections: number, seconds: number, serverPid: number) {
  const instance = autocannon({ url, connections, duration: seconds, requests: [{ method: 'GET', path: '/', headers }] });
  let sum = 0;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => (sum += ms));
  const cpuBefore = cpuMs(serverPid);
  const r = await instance;
  const cpuAfter = cpuMs(serverPid);
  const non2xx = Object.fromEntries(Object.entries(r.statusCodeStats).filter(([code]) => !code.startsWith('2')).map(([code, s]) => [code, s.count]));
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return { requests: r.requests.total, sumMs: sum, cpuMs: cpu, failures: { non2xx, socketErrors: r.errors, timeouts: r.timeouts } };
}

type Load = Awaited<ReturnType<typeof load>>;
const failed = (f: Failures) => Object.values(f.non2xx).reduce((a, b) => a + b, 0) + f.socketErrors + f.timeouts;

function side(runs: Load[], seconds: number): Side {
  const requests = runs.reduce((a, r) => a + r.requests, 0);
  const failures: Failures = { non2xx: {}, socketErrors: 0, timeouts: 0 };
  for (const r of runs) {
    for (const [code, n] of Object.entries(r.failures.non2xx)) failures.non2xx[code] = (failures.non2xx[code] ?? 0) + n;
    failures.socketErrors += r.failures.socketErrors;
    failures.timeouts += r.failures.timeouts;
  }
  const meanMs = requests ? runs.reduce((a, r) => a + r.sumMs, 0) / requests : 0;
  const cpu = runs.some((r) => r.cpuMs === null) ? null : runs.reduce((a, r) => a + r.cpuMs!, 0);
  const cpuUsPerRequest = cpu === null || requests === 0 ? null : Math.round((cpu * 1000) / requests);
  return { rps: Math.round(requests / seconds), meanMs: Math.round(meanMs * 1000) / 1000, requests, failures, cpuUsPerRequest };
}

/** One page straight from its upstream and through the proxy: both answer 200 with the page, before any load. */
async function check(direct: string, identity: Record<string, string>, proxy: string, host: string, cookie: string, expected: string): Promise<number> {
  const straight = await hostRequest(direct, new URL(direct).host, '/', { headers: identity });
  const proxied = await hostRequest(proxy, host, '/', { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
  for (const [name, r] of [['direct', straight], ['proxied', proxied]] as const) {
    if (r.status !== 200 || !r.text.includes(expected)) throw new Error(`proxy overhead: the ${name} page answered ${r.status}: ${r.text.slice(0, 300)}`);
  }
  return Buffer.byteLength(proxied.text);
}

/**
 * The proxy's cost per request: a page fetched straight from its upstream and through the proxy
 * (session cookie checked, token verified against the feed, identity headers set, body streamed),
 * and, as the floor of any reverse proxy, through a bare node:http pass-through; at the same
 * connections, alternating in rounds so that all see the same machine. Upstreams and proxies run in
 * processes of their own. The ratios are the proxied mean latency over the direct and the hop's, and
 * the proxied req/s over the hop's.
 */
export async function proxyOverhead(seconds: number, connections = 8): Promise<ProxyOverhead> {
  const up = await startServers<{ plain: string; page: string }>(['upstream']);
  try {
    const px = await startServers<{ proxy: string; cookies: Record<string, string>; identities: Record<string, Record<string, string>> }>(['proxy', up.info.plain, up.info.page]);
    const hop = await startServers<{ hop: string }>(['hop', up.info.plain, up.info.page]).catch(async (err: unknown) => {
      await stop(px.child);
      throw err;
    });
    try {
      const pages: PageOverhead[] = [];
      for (const [page, appId, expected] of [['plain demo page', APPS.plain, 'Hello, Alice'], ['a 6 KB page', APPS.page, PAGE_MARKER]] as const) {
        const directUrl = `${(page === 'plain demo page' ? up.info.plain : up.info.page)}/`;
        // As the app's own page sends it: the proxy passes identity on same-origin requests only.
        const headers = { host: hostOf(appId), cookie: px.info.cookies[appId]!, 'sec-fetch-site': 'same-origin' };
        const identity = px.info.identities[appId]!;
        const bytes = await check(directUrl, identity, px.info.proxy, headers.host, headers.cookie, expected);
        const sides = {
          direct: (s: number) => load(directUrl, identity, connections, s, up.child.pid!),
          hop: (s: number) => load(`${hop.info.hop}/`, { ...identity, host: headers.host }, connections, s, hop.child.pid!),
          proxied: (s: number) => load(`${px.info.proxy}/`, headers, connections, s, px.child.pid!),
        };
        const runs: Record<keyof typeof sides, Load[]> = { direct: [], hop: [], proxied: [] };
        for (let i = 0; i <= ROUNDS; i++) {
          for (const [name, run] of Object.entries(sides) as [keyof typeof sides, (s: number) => Promise<Load>][]) {
            if (i === 0) await run(1); // round 0 warms all three up
            else runs[name].push(await run(seconds / ROUNDS));
          }
        }
        const [d, h, p] = [side(runs.direct, seconds), side(runs.hop, seconds), side(runs.proxied, seconds)];
        const over = (a: Side, b: Side) => Math.round((a.meanMs / Math.max(b.meanMs, 0.001)) * 10) / 10;
        pages.push({ page, bytes, direct: d, hop: h, proxied: p, ratio: over(p, d), ratioToHop: over(p, h), throughputToHop: Math.round((p.rps / Math.max(h.rps, 1)) * 100) / 100,
          cpuToHop: p.cpuUsPerRequest === null || !h.cpuUsPerRequest ? null : Math.round((p.cpuUsPerRequest / h.cpuUsPerRequest) * 100) / 100,
          errors: failed(d.failures) + failed(h.failures) + failed(p.failures) });
      }
      return { connections, seconds, pages };
    } finally {
      await stop(hop.child);
      await stop(px.child);
    }
  } finally {
    await stop(up.child);
  }
}
