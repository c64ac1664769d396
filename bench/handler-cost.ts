// npx tsx bench/handler-cost.ts [--seconds=4 --rounds=5 --callers=8]: the mint endpoint's route handler
// against the bench's minimal route handler (app/v1/bench-minimal-mint), called in this process the way
// Next.js calls them (a NextRequest, params as a promise), on a fresh PostgreSQL database with the demo
// world, API token and session cookie, rate limit off. Rounds alternate; it prints the gateway process's
// CPU per mint for each and their ratio: what the endpoint's own handling costs beyond the same mint
// with nothing around it, without Next.js's router and HTTP (which both pay alike) or the machine's noise.
// With --profile=<dir> each round is profiled on its own (node:inspector), so a side's profiles cover
// only its own rounds, interleaved with the other's: bench/cpu-profile.ts <dir>/endpoint.* --mints=<n>
// (the mints each side served are printed). The access log is written to stdout as in production; the results go to stderr (run it with >/dev/null).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closedLoop, closedLoopFlags } from './closed-loop';
import { signedInCookie, startDemoWorld } from './demo-world';
import { median } from './stats';
import { exitWhenDone } from './exit-when-done';

const { values } = parseArgs({
  options: {
    ...closedLoopFlags({ seconds: '4', rounds: '5' }),
    // A directory: a CPU profile of each round (not the start-up), <side>.<auth>.<round>.cpuprofile.
    profile: { type: 'string' },
  },
  strict: true,
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CALLERS = Number(values.callers);

type Handler = (req: Request, ctx: { params: Promise<{ appId: string }> }) => Promise<Response>;

async function main() {
  const world = await startDemoWorld('agw_handler', {
    NODE_ENV: 'production',
    DATABASE_POOL_MAX: String(CALLERS),
    LOG_LEVEL: 'info',
    APP_GATEWAY_BENCH_FIXTURES: '1',
  });
  try {
    const { NextRequest } = await import('next/server');
    const { createApiToken } = await import('@/lib/auth/api-tokens/api-tokens');
    const endpoint = (await import('@/app/v1/app-gateway/[appId]/session/route')).POST as unknown as Handler;
    const minimal = (await import('@/app/v1/bench-minimal-mint/[appId]/route.bench')).POST as Handler;
    const { token } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
    const cookie = await signedInCookie('alice@acme.test');
    const headersFor = (auth: 'api_token' | 'session'): Record<string, string> =>
      auth === 'api_token'
        ? { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1', 'user-agent': 'bench' }
        : { cookie, origin: process.env.APP_URL!, 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1', 'user-agent': 'bench' };

    const { Session } = await import('node:inspector/promises');
    const inspector = new Session();
    if (values.profile) {
      inspector.connect();
      await inspector.post('Profiler.enable');
    }
    const served = { endpoint: 0, minimal: 0 };
    const round = async (handler: Handler, path: string, auth: 'api_token' | 'session', profileAs?: string) => {
      const headers = headersFor(auth);
      if (values.profile && profileAs) await inspector.post('Profiler.start');
      const { n, cpuUs } = await closedLoop(CALLERS, SECONDS * 1000, async () => {
        const req = new NextRequest(`${process.env.APP_URL}${path}`, { method: 'POST', headers, body: '{}' });
        const res = await handler(req, { params: Promise.resolve({ appId: 'run_acme_dashboard' }) });
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      });
      if (values.profile && profileAs) {
        const { profile } = await inspector.post('Profiler.stop');
        writeFileSync(`${values.profile}/${profileAs}.cpuprofile`, JSON.stringify(profile));
      }
      return { n, rps: Math.round(n / SECONDS), cpuUs: Math.round(cpuUs / n) };
    };
    for (const auth of ['api_token', 'session'] as const) {
      const e: number[] = [];
      const m: number[] = [];
      await round(endpoint, '/v1/app-gateway/run_acme_dashboard/session', auth); // warm-up: JIT, prepared statements
      await round(minimal, '/v1/bench-minimal-mint/run_acme_dashboard', auth);
      for (let r = 0; r < ROUNDS; r++) {
        const a = await round(endpoint, '/v1/app-gateway/run_acme_dashboard/session', auth, `endpoint.${auth}.${r + 1}`);
        const b = await round(minimal, '/v1/bench-minimal-mint/run_acme_dashboard', auth, `minimal.${auth}.${r + 1}`);
        served.endpoint += a.n;
        served.minimal += b.n;
        e.push(a.cpuUs);
        m.push(b.cpuUs);
        console.error(`${auth} round ${r + 1}: endpoint ${a.rps} mints/s ${a.cpuUs} µs CPU/mint; minimal ${b.rps} mints/s ${b.cpuUs} µs CPU/mint`);
      }
      console.error(`${auth}: CPU per mint in the handlers, endpoint ${median(e)} µs / minimal ${median(m)} µs = ×${(median(e) / median(m)).toFixed(2)} (+${median(e) - median(m)} µs)`);
    }
    if (values.profile) console.error(`profiled rounds served: endpoint ${served.endpoint} mints, minimal ${served.minimal} mints`);
  } finally {
    await world.end();
  }
}

exitWhenDone(main());
