import { existsSync } from 'node:fs';
import { mintLoad, type LoadResult } from './load';
import { processCpuUs } from './process-cpu';
import { median } from './stats';
import type { Viewer } from './viewers';

/** The bench-only minimal route (app/v1/bench-minimal-mint/[appId]/route.bench.ts): the same mint, nothing around it. */
const MINIMAL_PATH = (app: string) => `/v1/bench-minimal-mint/${app}`;

/** Set at build time (the fixture is a route only then) and at run time (it answers only then). */
export const BENCH_FIXTURES_ENV = { APP_GATEWAY_BENCH_FIXTURES: '1' };

/** Whether the production build in .next has the minimal route: only the bench's own build does (`--no-build` may reuse another). */
export const buildHasMinimalRoute = (): boolean => existsSync('.next/server/app/v1/bench-minimal-mint');

type Round = LoadResult & { cpuUs: number };
type Comparison = { endpoint: Round[]; minimal: Round[]; rps: number; p99: number; cpu: number };
export type EndpointVsMinimal = { connections: number; api_token: Comparison; session: Comparison };
/** A server answering both paths; with BENCH_CPU_PROF each side gets a server of its own, so each profile holds one route's load. */
export type Served = { url: string; pid: number };

async function round(server: Served, run: (url: string) => Promise<LoadResult>): Promise<Round> {
  const cpu0 = processCpuUs(server.pid)!;
  const r = await run(server.url);
  return { ...r, cpuUs: Math.round((processCpuUs(server.pid)! - cpu0) / Math.max(1, r.total)) };
}

const ratio = (a: number, b: number) => Math.round((a / Math.max(1e-9, b)) * 100) / 100;

/**
 * The mint endpoint against the minimal route at `connections`, per kind of caller: rounds alternate
 * (endpoint, minimal) so that the machine's other load falls on both alike. Each ratio is the median
 * over the pairs of rounds of endpoint ÷ minimal (a pair shares the machine's load of its moment,
 * which on a shared machine swings more between pairs than between sides): mints/s (goal ≥ 0.9), p99
 * (≤ 1.1), and the gateway process's CPU per mint.
 */
export async function endpointVsMinimal(opts: {
  endpoint: Served;
  minimal: Served;
  viewers: Viewer[];
  origin: string;
  seconds: number;
  warmup: number;
  rounds: number;
  connections: number;
  log: (line: string) => void;
}): Promise<EndpointVsMinimal> {
  const out = { connections: opts.connections } as EndpointVsMinimal;
  for (const auth of ['api_token', 'session'] as const) {
    const load = (pathOf?: (app: string) => string, seconds = opts.seconds) => (url: string) => mintLoad(url, opts.viewers, auth, opts.connections, seconds, opts.origin, pathOf);
    await load(undefined, opts.warmup)(opts.endpoint.url);
    await load(MINIMAL_PATH, opts.warmup)(opts.minimal.url);
    const endpoint: Round[] = [];
    const minimal: Round[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      endpoint.push(await round(opts.endpoint, load()));
      minimal.push(await round(opts.minimal, load(MINIMAL_PATH)));
      const [e, m] = [endpoint.at(-1)!, minimal.at(-1)!];
      opts.log(`  ${auth.padEnd(9)} ${opts.connections} conns, round ${i + 1}: endpoint ${e.rps} req/s p99 ${e.p99} ms ${e.cpuUs} µs CPU/mint (errors ${e.errors}); minimal route ${m.rps} req/s p99 ${m.p99} ms ${m.cpuUs} µs CPU/mint (errors ${m.errors})`);
    }
    const paired = (k: 'rps' | 'p99' | 'cpuUs') => ratio(median(endpoint.map((e, i) => e[k] / Math.max(1e-9, minimal[i]![k]))), 1);
    out[auth] = { endpoint, minimal, rps: paired('rps'), p99: paired('p99'), cpu: paired('cpuUs') };
    opts.log(`  ${auth}: endpoint ÷ minimal route: mints/s ×${out[auth].rps}, p99 ×${out[auth].p99}, CPU per mint ×${out[auth].cpu}`);
  }
  return out;
}
